import { and, count, desc, eq, gt, lt, max, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { signinFailures } from "@/db/schema";
import { backoffCeiling } from "@/lib/backoff";
import { log } from "@/lib/log";

/**
 * The one limiter of password checks (sign-in and changing one's own password). Failures are
 * remembered per account and address for 15 minutes:
 * - the same account from the same address: after 5 failures, locked with exponential back-off
 *   (30 s, 1, 2, 4, 8 minutes, at most 15) from the last failure;
 * - one address, any accounts: the same after 20 failures;
 * - one account from every address: never locked (that would let anyone lock the owner out),
 *   only slowed: after 5 failures each check waits 0.25 s doubling per failure, at most 8 s.
 * A success from an address clears that account's failures from there.
 */
export const THROTTLE = {
  windowMs: 15 * 60_000,
  pairFree: 5,
  addressFree: 20,
  accountFree: 5,
  firstLockMs: 30_000,
  maxLockMs: 15 * 60_000,
  firstDelayMs: 250,
  maxDelayMs: 8_000,
};

export type Attempt = { email: string; address: string; kind: "signin" | "password_change" };
export type Verdict = { kind: "locked"; retryAfterSeconds: number } | { kind: "go"; delayMs: number };

const backoff = (failures: number, free: number, first: number, cap: number) => backoffCeiling(failures - free + 1, first, cap);

/** Whether a password check may run now, and how long to wait before it. */
export async function throttleVerdict(db: Db, a: Pick<Attempt, "email" | "address">, now: Date): Promise<Verdict> {
  const since = new Date(now.getTime() - THROTTLE.windowMs);
  const open = and(gt(signinFailures.at, since), eq(signinFailures.resolved, false));
  const stats = (where: ReturnType<typeof and>) => db.select({ n: count(), last: max(signinFailures.at) }).from(signinFailures).where(and(open, where));
  const [[pair], [address], [account]] = await Promise.all([
    stats(and(eq(signinFailures.email, a.email), eq(signinFailures.address, a.address))),
    stats(eq(signinFailures.address, a.address)),
    stats(eq(signinFailures.email, a.email)),
  ]);
  let until = 0;
  if (pair && pair.n >= THROTTLE.pairFree && pair.last) until = Math.max(until, pair.last.getTime() + backoff(pair.n, THROTTLE.pairFree, THROTTLE.firstLockMs, THROTTLE.maxLockMs));
  if (address && address.n >= THROTTLE.addressFree && address.last) until = Math.max(until, address.last.getTime() + backoff(address.n, THROTTLE.addressFree, THROTTLE.firstLockMs, THROTTLE.maxLockMs));
  if (until > now.getTime()) return { kind: "locked", retryAfterSeconds: Math.ceil((until - now.getTime()) / 1000) };
  const n = account?.n ?? 0;
  return { kind: "go", delayMs: n >= THROTTLE.accountFree ? backoff(n, THROTTLE.accountFree, THROTTLE.firstDelayMs, THROTTLE.maxDelayMs) : 0 };
}

/** Remembers a failed check; logs when an account's failures reach 5, 10, 20, 40… */
export async function recordFailure(db: Db, a: Attempt, now: Date): Promise<void> {
  await db.insert(signinFailures).values({ at: now, email: a.email, address: a.address, kind: a.kind });
  const [row] = await db
    .select({ n: count() })
    .from(signinFailures)
    .where(and(eq(signinFailures.email, a.email), gt(signinFailures.at, new Date(now.getTime() - THROTTLE.windowMs))));
  const n = row?.n ?? 0;
  if (n >= THROTTLE.accountFree && Number.isInteger(Math.log2(n / THROTTLE.accountFree))) {
    log.warn("auth: repeated failed password checks", { email: a.email, address: a.address, kind: a.kind, failuresIn15Minutes: n });
  }
  // A week is kept for the admin's page; older rows go now and then.
  if (Math.random() < 0.01) await db.delete(signinFailures).where(lt(signinFailures.at, new Date(now.getTime() - 7 * 86_400_000)));
}

/** A success from this address: its earlier failures no longer count against the account there. */
export async function clearFailures(db: Db, a: Pick<Attempt, "email" | "address">): Promise<void> {
  await db
    .update(signinFailures)
    .set({ resolved: true })
    .where(and(eq(signinFailures.email, a.email), eq(signinFailures.address, a.address), eq(signinFailures.resolved, false)));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs one password check under the limiter: "locked" without checking, else after the
 * account's delay the check itself, recording a failure or clearing the address's failures.
 */
export async function throttledCheck(db: Db, a: Attempt, check: () => Promise<boolean>, now = new Date()): Promise<"ok" | "wrong" | { locked: number }> {
  const verdict = await throttleVerdict(db, a, now);
  if (verdict.kind === "locked") return { locked: verdict.retryAfterSeconds };
  if (verdict.delayMs > 0) await sleep(verdict.delayMs);
  if (await check()) {
    await clearFailures(db, a);
    return "ok";
  }
  await recordFailure(db, a, now);
  return "wrong";
}

/** Accounts (known or not) with at least `min` failed checks in the last day, most first. */
export function repeatedFailures(db: Db, now: Date, min = 3) {
  const n = count();
  return db
    .select({ email: signinFailures.email, failures: n, addresses: sql<number>`count(distinct ${signinFailures.address})::int`, last: max(signinFailures.at) })
    .from(signinFailures)
    .where(gt(signinFailures.at, new Date(now.getTime() - 86_400_000)))
    .groupBy(signinFailures.email)
    .having(sql`count(*) >= ${min}`)
    .orderBy(desc(n))
    .limit(50);
}
