/**
 * Exponential backoff, the one implementation: the outbox worker's retries (queue/run.ts), LAPOR's
 * idempotent reads (integrations/lapor/retry.ts) and the sign-in throttle's lock times
 * (server/signin-throttle.ts) all wait by it.
 */

/** The longest wait before attempt `attempt + 1`: `baseMs` after the first, doubling each time, never over `capMs`. */
export function backoffCeiling(attempt: number, baseMs: number, capMs: number): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

/**
 * The wait after failed attempt `attempt`, jittered within the upper half of its ceiling: clients
 * that failed together spread out, and none retries sooner than half the ceiling.
 */
export function backoffDelay(attempt: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  const ceiling = backoffCeiling(attempt, baseMs, capMs);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** What to do after a failure: give up (the error is thrown), or wait (at least `atLeastMs`) and try again. */
type RetryDecision = "stop" | { atLeastMs?: number };

type RetryOptions = {
  /** Attempts in all, the first included. */
  attempts: number;
  baseMs: number;
  capMs: number;
  /** Whether this failure is worth another attempt (and the least wait the other side asked for). */
  decide: (err: unknown) => RetryDecision;
  /** Aborts the wait between attempts (rejects with the signal's reason). */
  signal?: AbortSignal;
};

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const t = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(t), reject(signal.reason as Error)), { once: true });
  });
}

/** Calls `fn` until it resolves, waiting `backoffDelay` between attempts; the last failure (or one `decide` stops at) is thrown. */
export async function retry<T>(fn: () => Promise<T>, opts: RetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= opts.attempts) throw err;
      const decision = opts.decide(err);
      if (decision === "stop") throw err;
      await sleep(Math.max(backoffDelay(attempt, opts.baseMs, opts.capMs), decision.atLeastMs ?? 0), opts.signal);
    }
  }
}
