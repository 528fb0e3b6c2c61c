import { retry } from "@/lib/backoff";
import { LaporHttpError } from "./http";

/**
 * Retries an idempotent LAPOR read (never a write) through timeouts, 5xx, lost connections and
 * short 429 waits, with exponential backoff and jitter (lib/backoff.ts). 401 and other 4xx are
 * thrown at once, and so is a 429 asking to wait longer than `maxWaitMs`.
 */
export function retryRead<T>(fn: () => Promise<T>, opts: { attempts?: number; baseMs?: number; maxWaitMs?: number; signal?: AbortSignal } = {}): Promise<T> {
  return retry(fn, {
    attempts: opts.attempts ?? 8,
    baseMs: opts.baseMs ?? 100,
    capMs: 5000,
    signal: opts.signal,
    decide: (err) => {
      if (!(err instanceof LaporHttpError) || err.kind === "unauthorized" || err.kind === "rejected") return "stop";
      if (err.kind !== "rate_limited") return {};
      return (err.retryAfterMs ?? 0) > (opts.maxWaitMs ?? 30_000) ? "stop" : { atLeastMs: err.retryAfterMs };
    },
  });
}

/** Runs `fn` over `items` with at most `limit` at once; the first failure is thrown after all settle. */
export async function eachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: unknown;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++]!;
      try {
        await fn(item);
      } catch (err) {
        failure ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (failure !== undefined) throw failure;
}
