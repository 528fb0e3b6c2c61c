import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases, type TestDatabase } from "@/test/databases";
import { clearFailures, recordFailure, repeatedFailures, THROTTLE, throttledCheck, throttleVerdict } from "./signin-throttle";

const T0 = new Date("2026-03-02T03:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describe.each(testDatabases())("sign-in throttle on $name", (backend) => {
  let h: TestDatabase;
  beforeAll(async () => {
    h = await backend.open();
  });
  afterAll(() => h?.dispose());

  const fail = async (email: string, address: string, n: number, from = 0) => {
    for (let i = 0; i < n; i++) await recordFailure(h.db, { email, address, kind: "signin" }, at(from + i));
  };

  it("locks an account at one address with exponential back-off, never the owner at another address", async () => {
    const email = "korban@pintu.test";
    await fail(email, "203.0.113.9", 4);
    expect(await throttleVerdict(h.db, { email, address: "203.0.113.9" }, at(4))).toEqual({ kind: "go", delayMs: 0 });
    await fail(email, "203.0.113.9", 1, 4); // the fifth, at +4 s
    expect(await throttleVerdict(h.db, { email, address: "203.0.113.9" }, at(5))).toEqual({ kind: "locked", retryAfterSeconds: 29 });
    expect(await throttleVerdict(h.db, { email, address: "203.0.113.9" }, at(35))).toEqual({ kind: "go", delayMs: THROTTLE.firstDelayMs });
    await fail(email, "203.0.113.9", 1, 35); // the sixth: one minute
    expect(await throttleVerdict(h.db, { email, address: "203.0.113.9" }, at(36))).toEqual({ kind: "locked", retryAfterSeconds: 59 });
    await fail(email, "203.0.113.9", 1, 95); // the seventh: two minutes
    expect(await throttleVerdict(h.db, { email, address: "203.0.113.9" }, at(96))).toEqual({ kind: "locked", retryAfterSeconds: 119 });

    // The owner, elsewhere: not locked, only slowed (0.25 s doubling per failure, at most 8 s).
    expect(await throttleVerdict(h.db, { email, address: "198.51.100.7" }, at(96))).toEqual({ kind: "go", delayMs: 1000 });
    const owner = await throttledCheck(h.db, { email, address: "198.51.100.7", kind: "signin" }, async () => true, at(97));
    expect(owner).toBe("ok");
    // After the 15-minute window, nothing counts any more.
    expect(await throttleVerdict(h.db, { email, address: "203.0.113.9" }, at(96 + 15 * 60))).toEqual({ kind: "go", delayMs: 0 });
  });

  it("caps the account's delay and the lock", async () => {
    const email = "banyak@pintu.test";
    await fail(email, "203.0.113.10", 14);
    const verdict = await throttleVerdict(h.db, { email, address: "203.0.113.10" }, at(14));
    expect(verdict).toEqual({ kind: "locked", retryAfterSeconds: 15 * 60 - 1 });
    expect(await throttleVerdict(h.db, { email, address: "198.51.100.8" }, at(14))).toEqual({ kind: "go", delayMs: THROTTLE.maxDelayMs });
  });

  it("locks an address that tries many accounts", async () => {
    for (let i = 0; i < 20; i++) await fail(`akun${i}@pintu.test`, "192.0.2.50", 1, i);
    expect(await throttleVerdict(h.db, { email: "lain@pintu.test", address: "192.0.2.50" }, at(20))).toEqual({ kind: "locked", retryAfterSeconds: 29 });
    expect(await throttleVerdict(h.db, { email: "lain@pintu.test", address: "192.0.2.51" }, at(20))).toEqual({ kind: "go", delayMs: 0 });
  });

  it("a success from an address clears its failures there; the admin still sees them", async () => {
    const email = "lupa@pintu.test";
    await fail(email, "192.0.2.60", 4);
    await clearFailures(h.db, { email, address: "192.0.2.60" });
    await fail(email, "192.0.2.60", 1, 10);
    expect(await throttleVerdict(h.db, { email, address: "192.0.2.60" }, at(11))).toEqual({ kind: "go", delayMs: 0 });
    const wrong = await throttledCheck(h.db, { email, address: "192.0.2.60", kind: "password_change" }, async () => false, at(12));
    expect(wrong).toBe("wrong");
    const seen = await repeatedFailures(h.db, at(60));
    expect(seen.find((r) => r.email === email)).toMatchObject({ failures: 6, addresses: 1 });
    expect(seen.find((r) => r.email === "korban@pintu.test")).toMatchObject({ failures: 7, addresses: 1 });
    expect(seen.some((r) => r.email.startsWith("akun"))).toBe(false);
  });
});
