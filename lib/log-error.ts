/**
 * Errors as an operator's log needs them: name, message, code, the PostgreSQL fields that say what
 * failed (table, constraint, routine), stack frames and the whole `cause` chain — and nothing that
 * carries personal data: no SQL parameters (drizzle's "Failed query: … params: …"), no PostgreSQL
 * `detail`/`where`/`hint` (they quote the row), no values quoted in data-error messages.
 */
export type LoggedError = {
  name: string;
  message: string;
  code?: string | number;
  [field: string]: unknown;
  cause?: LoggedError | unknown;
};

/** Fields of a database or system error that name what failed, never the data. */
const SAFE_FIELDS = ["severity", "routine", "schema_name", "table_name", "column_name", "constraint_name", "table", "column", "constraint", "schema", "syscall", "errno", "address", "port", "digest", "type", "status"] as const;
const MAX_DEPTH = 5;

/** Cuts what drizzle appends after the SQL (`\nparams: …`) from any text headed for the log. */
export function scrubText(text: string): string {
  const at = text.indexOf("\nparams:");
  return at < 0 ? text : `${text.slice(0, at)}\nparams: [not logged]`;
}

function isSqlState(code: unknown): code is string {
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code);
}

function safeMessage(err: Error & { code?: unknown }): string {
  let message = scrubText(String(err.message ?? ""));
  // Data exceptions (class 22: invalid input syntax, value too long…) quote the offending value.
  if (isSqlState(err.code) && err.code.startsWith("22")) message = message.replace(/"[^"]*"/g, '"[value]"');
  return message.length > 2000 ? `${message.slice(0, 2000)}…` : message;
}

/** Stack frames only: the stack's first lines repeat the message, which may hold the parameters. */
function frames(stack: string | undefined): string | undefined {
  if (!stack) return undefined;
  const lines = stack.split("\n").filter((l) => /^\s+at /.test(l));
  return lines.length ? lines.slice(0, 15).map((l) => l.trim()).join("\n") : undefined;
}

export function serialiseError(err: unknown, depth = 0): LoggedError | unknown {
  if (!(err instanceof Error)) {
    return typeof err === "string" ? scrubText(err) : err;
  }
  const e = err as Error & Record<string, unknown>;
  const out: LoggedError = { name: e.name, message: safeMessage(e) };
  if (typeof e.code === "string" || typeof e.code === "number") out.code = e.code;
  for (const field of SAFE_FIELDS) {
    const v = e[field];
    if (typeof v === "string" || typeof v === "number") out[field] = v;
  }
  out.stack = frames(e.stack);
  if (e.cause !== undefined && depth < MAX_DEPTH) out.cause = serialiseError(e.cause, depth + 1);
  if (err instanceof AggregateError && depth < MAX_DEPTH) out.errors = err.errors.slice(0, 5).map((x) => serialiseError(x, depth + 1));
  return out;
}
