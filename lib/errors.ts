import type { FieldErrors } from "@/domain/complaint-input";

/** How long a client should wait before trying again after a database connection error (seconds). */
export const DB_RETRY_AFTER_SECONDS = 5;

/** Errors the app expects; each maps to one HTTP status in `httpError`. Messages are safe to show. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export class ValidationError extends AppError {
  constructor(readonly fieldErrors: FieldErrors) {
    super(422, "validation", "Validation failed", { fieldErrors });
  }
}

export const badRequest = (message: string) => new AppError(400, "bad_request", message);
export const notFound = () => new AppError(404, "not_found", "Not found");
export const payloadTooLarge = (limit: number) =>
  new AppError(413, "too_large", `Request body exceeds ${limit} bytes`);
export const unsupportedMediaType = (accepted: string[]) =>
  new AppError(415, "unsupported_media_type", `Content-Type must be one of: ${accepted.join(", ")}`);
export const idempotencyConflict = () =>
  new AppError(409, "idempotency_conflict", "This Idempotency-Key was already used with a different request");
export const rateLimited = (retryAfter: number) =>
  new AppError(429, "rate_limited", "Too many requests", { retryAfter }, { "Retry-After": String(retryAfter) });
/** The database cannot be reached just now (restart, failover): the client should try again shortly. */
export const serviceUnavailable = (retryAfter = DB_RETRY_AFTER_SECONDS) =>
  new AppError(503, "unavailable", "Service briefly unavailable; please try again in a moment", { retryAfter }, { "Retry-After": String(retryAfter) });

/** The error and its causes, outermost first (at most 10, in case of a cycle). */
export function causeChain(err: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = err; e !== undefined && e !== null && chain.length < 10; e = (e as { cause?: unknown }).cause) {
    chain.push(e);
    if (typeof e !== "object") break;
  }
  return chain;
}

/** The first error code in the chain: a SQLSTATE, a Node errno code or a postgres.js code. */
export function errorCode(err: unknown): string | undefined {
  for (const e of causeChain(err)) {
    const code = (e as { code?: unknown } | null)?.code;
    if (typeof code === "string" && code) return code;
  }
  return undefined;
}
