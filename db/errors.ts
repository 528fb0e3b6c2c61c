/**
 * What kind of database failure an error is, read through its `cause` chain (drizzle wraps the
 * driver's error in "Failed query: …" with the real one as `cause`).
 *
 * A **connection error** means the database could not be reached or dropped the connection
 * (restart, failover, network): nothing is wrong with the request, so it is answered 503 with
 * Retry-After, never 500, and logged as a warning with its code. A statement that was **never
 * sent** (the connection could not even be opened) may be retried once without any risk of
 * running twice.
 */
import { causeChain, errorCode } from "@/lib/errors";

/** SQLSTATE classes and codes that mean "the server went away or will not take us now". */
const CONNECTION_SQLSTATES = new Set([
  "57P01", // admin_shutdown: terminating connection due to administrator command (restart)
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now: the database system is starting up / shutting down
  "57P05", // idle_session_timeout
  "53300", // too_many_connections
]);
/** Node's socket errors and postgres.js's own connection codes. */
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
]);
/** Of those, the ones raised before a statement could reach the server. */
const NEVER_SENT_CODES = new Set(["ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "CONNECT_TIMEOUT", "57P03", "53300"]);
/** PGlite refusing work while it closes (a stop in progress): the same "try again" for a client. */
const PGLITE_CLOSING = /^PGlite is clos(ing|ed)$/;

/** The first error code in the chain: a SQLSTATE, a Node errno code or a postgres.js code. */
export const dbErrorCode = errorCode;

function codes(err: unknown): string[] {
  return causeChain(err).flatMap((e) => {
    const code = (e as { code?: unknown } | null)?.code;
    return typeof code === "string" ? [code] : [];
  });
}

/** The database is unreachable or dropped us: answer 503 (API) or "try again" (pages). */
export function isConnectionError(err: unknown): boolean {
  if (causeChain(err).some((e) => e instanceof Error && PGLITE_CLOSING.test(e.message))) return true;
  return codes(err).some((c) => CONNECTION_CODES.has(c) || CONNECTION_SQLSTATES.has(c) || c.startsWith("08"));
}

/** Failed before the statement reached the server: safe to send once more. */
export function wasNeverSent(err: unknown): boolean {
  return codes(err).some((c) => NEVER_SENT_CODES.has(c) || c === "08001" || c === "08004");
}

/**
 * The digest a page error carries when the database was unreachable: Next keeps an error's own
 * `digest` (it hashes the others), so `app/error.tsx` can say "try again in a moment" rather than
 * "something went wrong" (see `tagUnavailable` in db/client.ts).
 */
export const DB_UNAVAILABLE_DIGEST = "PINTU_DB_UNAVAILABLE";
