/**
 * postgres.js 3.4.9 reads the database's array types as the first statement of every new
 * connection and drops that promise (`ReadyForQuery` returns `fetchArrayTypes()` to nobody:
 * porsager/postgres#1192, #1205, #1223, open). When the connection dies while that statement is in
 * flight — a PostgreSQL restart or failover right as the pool reconnects — the rejection is
 * unhandled and Node ends the process, though the query that opened the connection already failed
 * on its own (a connection error: 503, or the worker retries).
 *
 * This recognises exactly that one rejection — its error carries the driver's array-type
 * statement as `query` — and logs it as the warning it is. Any other unhandled rejection is left
 * as it was: thrown as an uncaught exception when nothing else listens (Node's default), or left to
 * the other listeners (a test runner's). Remove once postgres.js awaits the fetch itself.
 */
import { log } from "@/lib/log";
import { dbErrorCode } from "./errors";

const ARRAY_TYPES_STATEMENT = /\bb\.typarray\b[\s\S]*\bpg_catalog\.pg_type\b[\s\S]*typcategory = 'A'/;

/** The rejection of postgres.js's dropped array-type fetch (see above). */
function isDroppedArrayTypesFetch(reason: unknown): boolean {
  const query = (reason as { query?: unknown } | null)?.query;
  return typeof query === "string" && ARRAY_TYPES_STATEMENT.test(query);
}

function onUnhandled(reason: unknown): void {
  if (isDroppedArrayTypesFetch(reason)) {
    log.warn("db: a new connection was lost while reading array types; its queries failed on their own", {
      code: dbErrorCode(reason),
      error: reason instanceof Error ? reason.message : String(reason),
    });
    return;
  }
  if (process.listenerCount("unhandledRejection") === 1) throw reason;
}

const installed = Symbol.for("pintu.pg-array-types-guard");
type GlobalWithGuard = typeof globalThis & { [installed]?: true };

/** Installs the listener once per process (every postgres.js client needs it). */
export function guardArrayTypesFetch(): void {
  const g = globalThis as GlobalWithGuard;
  if (g[installed]) return;
  g[installed] = true;
  process.on("unhandledRejection", onUnhandled);
}
