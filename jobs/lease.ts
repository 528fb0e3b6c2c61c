import { and, eq, isNull, lte, or, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { jobLeases } from "../db/schema-worker";

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

/** Every periodic job's last run, for the integration page and health. */
export function jobStatuses(db: Db) {
  return db.select().from(jobLeases);
}
