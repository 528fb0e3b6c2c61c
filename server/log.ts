/**
 * Structured JSON logging. Callers pass ids and codes, never a reporter's identity; errors are
 * reduced to name, message and stack so request bodies never reach the log.
 */
type Fields = Record<string, unknown>;

function serialise(fields: Fields): Fields {
  const out: Fields = {};
  for (const [k, v] of Object.entries(fields)) {
    out[k] = v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : v;
  }
  return out;
}

function write(level: "debug" | "info" | "warn" | "error", msg: string, fields: Fields = {}): void {
  const line = JSON.stringify({ t: new Date().toISOString(), level, msg, ...serialise(fields) });
  if (level === "error" || level === "warn") console.error(line);
  else console.log(line);
}

export const log = {
  debug: (msg: string, fields?: Fields) => write("debug", msg, fields),
  info: (msg: string, fields?: Fields) => write("info", msg, fields),
  warn: (msg: string, fields?: Fields) => write("warn", msg, fields),
  error: (msg: string, fields?: Fields) => write("error", msg, fields),
};
