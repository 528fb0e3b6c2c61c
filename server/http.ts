import "server-only";
import { apiLocale, translateFieldErrors } from "./api-messages";
import { dbErrorCode, isConnectionError } from "@/db/errors";
import { AppError, badRequest, payloadTooLarge, serviceUnavailable, ValidationError } from "@/lib/errors";
import { log } from "@/lib/log";

/** Maps any thrown error to the JSON error shape of CONTRACTS.md; details go to the log only. */
function errorResponse(err: unknown, request: Request): Response {
  if (err instanceof ValidationError) {
    const fieldErrors = translateFieldErrors(err.fieldErrors, apiLocale(request.headers.get("accept-language")));
    return Response.json({ error: "validation", fieldErrors }, { status: 422 });
  }
  if (err instanceof AppError) {
    return Response.json({ error: err.code, message: err.message, ...err.extra }, { status: err.status, headers: err.headers });
  }
  // The client hung up while sending: nobody will read an answer, and nothing is wrong here.
  if (request.signal.aborted || (err instanceof Error && (err.message === "aborted" || err.name === "AbortError"))) {
    log.info("client aborted request", { path: new URL(request.url).pathname });
    return Response.json({ error: "bad_request", message: "Request aborted" }, { status: 400 });
  }
  // The database went away (restart, failover): 503 with Retry-After, never a 500.
  if (isConnectionError(err)) {
    log.warn("database unavailable", { path: new URL(request.url).pathname, code: dbErrorCode(err) });
    return errorResponse(serviceUnavailable(), request);
  }
  log.error("unhandled API error", { path: new URL(request.url).pathname, err });
  return Response.json({ error: "internal", message: "Internal error" }, { status: 500 });
}

/** Wraps a route handler so that every failure becomes a contract-shaped JSON error. */
export function apiHandler<A extends unknown[]>(handler: (request: Request, ...args: A) => Promise<Response>) {
  return async (request: Request, ...args: A): Promise<Response> => {
    try {
      return await handler(request, ...args);
    } catch (err) {
      return errorResponse(err, request);
    }
  };
}

/** Reads the body up to `limit` bytes, refusing larger ones before or while they arrive. */
export async function readBodyLimited(request: Request, limit: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (declared > limit) throw payloadTooLarge(limit);
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw payloadTooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

/** Parses a JSON object body, or throws 400 naming what is wrong. */
export function parseJsonObject(bytes: Uint8Array): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw badRequest("Body is not valid JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw badRequest("Body must be a JSON object");
  return value as Record<string, unknown>;
}
