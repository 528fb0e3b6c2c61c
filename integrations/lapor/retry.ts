import { LaporHttpError } from "./http";

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const t = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(t), reject(signal.reason as Error)), { once: true });
  });

/**
 * Retries an idempotent LAPOR read (never a write) through timeouts, 5xx, lost connections and
 * short 429 waits, with exponential backoff and jitter. 401 and other 4xx are thrown at once.
 */
export async function retryRead<T>(fn: () => Promise<T>, opts: { attempts?: number; baseMs?: number; maxWaitMs?: number; signal?: AbortSignal } = {}): Promise<T> {
  const attempts = opts.attempts ?? 8;
  const base = opts.baseMs ?? 100;
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (!(err instanceof LaporHttpError) || i >= attempts) throw err;
      if (err.kind === "unauthorized" || err.kind === "rejected") throw err;
      let wait = Math.min(5000, base * 2 ** (i - 1));
      wait = wait / 2 + (Math.random() * wait) / 2;
      if (err.kind === "rate_limited") {
        if ((err.retryAfterMs ?? 0) > (opts.maxWaitMs ?? 30_000)) throw err;
        wait = Math.max(wait, err.retryAfterMs ?? 0);
      }
      await sleep(wait, opts.signal);
    }
  }
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
