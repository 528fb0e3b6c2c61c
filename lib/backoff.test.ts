import { describe, expect, it } from "vitest";
import { backoffCeiling, backoffDelay, retry } from "./backoff";

describe("backoffDelay", () => {
  it("doubles the ceiling per attempt, jitters within its upper half, and stops at the cap", () => {
    expect(backoffDelay(1, 1000, 3_600_000, () => 0)).toBe(500);
    expect(backoffDelay(1, 1000, 3_600_000, () => 1)).toBe(1000);
    expect(backoffDelay(4, 1000, 3_600_000, () => 1)).toBe(8000);
    expect(backoffDelay(4, 1000, 3_600_000, () => 0.5)).toBe(6000);
    expect(backoffDelay(40, 1000, 3_600_000, () => 1)).toBe(3_600_000);
    expect(backoffDelay(40, 50, 2000, () => 0)).toBe(1000);
  });

  it("never waits less than half the ceiling nor more than it, whatever the random number", () => {
    for (let attempt = 1; attempt <= 30; attempt++) {
      const ceiling = backoffCeiling(attempt, 100, 5000);
      for (const r of [0, 0.001, 0.25, 0.999, 1]) {
        const wait = backoffDelay(attempt, 100, 5000, () => r);
        expect(wait).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
        expect(wait).toBeLessThanOrEqual(ceiling);
      }
    }
  });

  it("the ceiling starts at the base (the sign-in throttle's first lock) and doubles", () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffCeiling(n, 30_000, 15 * 60_000))).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 900_000]);
  });
});

describe("retry", () => {
  const failing = (times: number, err: unknown = new Error("boom")) => {
    let calls = 0;
    const fn = async () => {
      calls++;
      if (calls <= times) throw err;
      return calls;
    };
    return { fn, calls: () => calls };
  };

  it("tries again until the call succeeds", async () => {
    const f = failing(3);
    await expect(retry(f.fn, { attempts: 5, baseMs: 1, capMs: 4, decide: () => ({}) })).resolves.toBe(4);
    expect(f.calls()).toBe(4);
  });

  it("throws the last failure after the allowed attempts, without a call more", async () => {
    const err = new Error("still down");
    const f = failing(10, err);
    await expect(retry(f.fn, { attempts: 3, baseMs: 1, capMs: 4, decide: () => ({}) })).rejects.toBe(err);
    expect(f.calls()).toBe(3);
  });

  it("stops at once when the failure is not worth another attempt", async () => {
    const f = failing(10);
    await expect(retry(f.fn, { attempts: 5, baseMs: 1, capMs: 4, decide: () => "stop" })).rejects.toThrow("boom");
    expect(f.calls()).toBe(1);
  });

  it("waits at least what the other side asked for", async () => {
    const f = failing(1);
    const started = performance.now();
    await retry(f.fn, { attempts: 2, baseMs: 1, capMs: 2, decide: () => ({ atLeastMs: 120 }) });
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
  });

  it("an aborted signal ends the wait with its reason", async () => {
    const f = failing(10);
    const stop = new AbortController();
    const reason = new Error("stopping");
    setTimeout(() => stop.abort(reason), 20);
    await expect(retry(f.fn, { attempts: 5, baseMs: 60_000, capMs: 60_000, signal: stop.signal, decide: () => ({}) })).rejects.toBe(reason);
    expect(f.calls()).toBe(1);
  });
});
