import { AsyncLocalStorage } from "node:async_hooks";

/**
 * The id of the request being handled, for every log line written while it is (lib/log.ts), as
 * echoed in `X-Request-Id`. Set by Pintu's HTTP entry (scripts/http-entry.ts) around a request.
 * Kept on globalThis: Next bundles its own copy of this module into the same process.
 */
type Context = { requestId: string };
const key = Symbol.for("pintu.request-id");
const als: AsyncLocalStorage<Context> = ((globalThis as Record<symbol, unknown>)[key] as AsyncLocalStorage<Context> | undefined) ??
  ((globalThis as Record<symbol, AsyncLocalStorage<Context>>)[key] = new AsyncLocalStorage<Context>());

/** Runs `fn` (a request's handling) with its id visible to every log line written meanwhile. */
export function withRequestId<T>(requestId: string, fn: () => T): T {
  return als.run({ requestId }, fn);
}

/** The id of the request being handled, if any. */
export function currentRequestId(): string | undefined {
  return als.getStore()?.requestId;
}
