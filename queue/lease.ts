import { and, eq, gt, inArray, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { outbox } from "@/db/schema";
import { jobLeases } from "@/db/schema-worker";

const ms = (n: number) => sql`${`${Math.max(0, Math.round(n))} milliseconds`}::interval`;
const known = new WeakMap<Db, Set<string>>();

/**
 * Takes the job's lease if it is free and the job is due (`everyMs` since it last started):
 * one UPDATE decides, so two workers never both win. Returns the job's state, or null.
 */
export async function acquireLease(db: Db, name: string, workerId: string, leaseMs: number, everyMs: number): Promise<Record<string, unknown> | null> {
  let names = known.get(db);
  if (!names) known.set(db, (names = new Set()));
  if (!names.has(name)) {
    await db.insert(jobLeases).values({ name, lockedUntil: sql`now() - interval '1 second'` }).onConflictDoNothing();
    names.add(name);
  }
  const won = await db
    .update(jobLeases)
    .set({ lockedUntil: sql`now() + ${ms(leaseMs)}`, lockedBy: workerId, lastStartedAt: sql`now()` })
    .where(
      and(
        eq(jobLeases.name, name),
        lte(jobLeases.lockedUntil, sql`now()`),
        or(isNull(jobLeases.lastStartedAt), lte(jobLeases.lastStartedAt, sql`now() - ${ms(everyMs)}`)),
      ),
    )
    .returning({ state: jobLeases.state });
  return won[0]?.state ?? null;
}

/** Gives the lease back, recording success (and the job's new state) or the error. */
export async function releaseLease(
  db: Db,
  name: string,
  workerId: string,
  outcome: { ok: true; state?: Record<string, unknown> } | { ok: false; error: string },
): Promise<void> {
  const set = outcome.ok
    ? { lockedUntil: sql`now()`, lastOkAt: sql`now()`, ...(outcome.state ? { state: outcome.state } : {}) }
    : { lockedUntil: sql`now()`, lastError: outcome.error.slice(0, 1000), lastErrorAt: sql`now()` };
  await db
    .update(jobLeases)
    .set(set)
    .where(and(eq(jobLeases.name, name), eq(jobLeases.lockedBy, workerId)));
}

/**
 * A stopping worker gives back what it still holds: the outbox items it leased whose outcome it
 * could not record (due again now, the attempt already counted) and its periodic jobs' leases.
 */
export async function releaseHeld(db: Db, workerId: string, outboxIds: number[]): Promise<void> {
  if (outboxIds.length > 0) {
    await db
      .update(outbox)
      .set({ leasedUntil: null, nextAttemptAt: sql`now()` })
      .where(and(inArray(outbox.id, outboxIds), eq(outbox.status, "pending"), isNotNull(outbox.leasedUntil)));
  }
  await db
    .update(jobLeases)
    .set({ lockedUntil: sql`now()` })
    .where(and(eq(jobLeases.lockedBy, workerId), gt(jobLeases.lockedUntil, sql`now()`)));
}
