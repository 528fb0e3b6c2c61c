import { and, asc, eq, inArray, lte, sql, type SQLWrapper } from "drizzle-orm";
import type { Db } from "../db/client";
import { outbox } from "../db/schema";
import { channelHalts } from "../db/schema-worker";
import { channelOf, type OutboxItem } from "./registry";

/** Default time a claimed item stays invisible to other workers (WORKER_LEASE_MS); a killed worker's items come back after it. */
export const LEASE_MS = 120_000;
/** How often a halted channel is probed with one item. */
export const PROBE_MS = 30_000;

/** A claimed item; `probe` when it tests whether a halted channel works again. */
export type ClaimedItem = OutboxItem & { probe: boolean };

const toItem = (r: typeof outbox.$inferSelect, probe: boolean): ClaimedItem => ({
  probe,
  id: r.id,
  topic: r.topic,
  complaintId: r.complaintId,
  payload: r.payload,
  // The row as leased: this attempt is already counted.
  attempts: r.attempts,
  dedupeKey: r.dedupeKey,
  createdAt: r.createdAt,
});

/**
 * Claims up to `limit` due items of `topics` (oldest due first) and leases them, skipping rows
 * another worker holds. Channels that are halted are left alone, except for one probe item once
 * their retry time has come (one worker wins the probe). Without halts (the usual case) the
 * claim is one statement: pick with `FOR UPDATE SKIP LOCKED` and lease in the same UPDATE.
 */
export async function claimDue(db: Db, topics: string[], limit: number, leaseMs = LEASE_MS): Promise<ClaimedItem[]> {
  if (topics.length === 0 || limit <= 0) return [];
  const halts = await db.select().from(channelHalts);
  if (halts.length === 0) {
    const leased = await lease(db, due(db, topics, limit), leaseMs);
    return leased.map((r) => toItem(r, false));
  }
  return db.transaction(async (tx) => {
    const waiting = halts.filter((h) => h.retryAt.getTime() > Date.now()).map((h) => h.channel);
    const probing = halts.filter((h) => !waiting.includes(h.channel)).map((h) => h.channel);
    const halted = new Set([...waiting, ...probing]);
    const open = topics.filter((t) => !halted.has(channelOf(t)));

    const claimed: { id: number }[] = [];
    const probes = new Set<number>();
    for (const channel of probing) {
      // Whoever moves retry_at forward owns this probe; the others see no row.
      const won = await tx
        .update(channelHalts)
        .set({ retryAt: sql`now() + ${`${PROBE_MS} milliseconds`}::interval` })
        .where(and(eq(channelHalts.channel, channel), lte(channelHalts.retryAt, sql`now()`)))
        .returning({ channel: channelHalts.channel });
      if (won.length === 0) continue;
      const probeTopics = topics.filter((t) => channelOf(t) === channel);
      for (const row of await due(tx, probeTopics, 1)) {
        probes.add(row.id);
        claimed.push(row);
      }
    }
    if (open.length > 0) claimed.push(...(await due(tx, open, limit - claimed.length)));
    if (claimed.length === 0) return [];
    const leased = await lease(tx, claimed.map((r) => r.id), leaseMs);
    return leased.map((r) => toItem(r, probes.has(r.id)));
  });
}

/** Leases the given rows (ids, or a subquery picking them): one attempt more, invisible until the lease ends. */
function lease(db: Db, ids: number[] | SQLWrapper, leaseMs: number) {
  if (Array.isArray(ids) && ids.length === 0) return Promise.resolve([]);
  return db
    .update(outbox)
    .set({ attempts: sql`${outbox.attempts} + 1`, nextAttemptAt: sql`now() + ${`${leaseMs} milliseconds`}::interval` })
    .where(and(inArray(outbox.id, ids as number[]), eq(outbox.status, "pending")))
    .returning();
}

/** The ids of due items (a query: awaited it claims them in a transaction, or it is a subquery of the lease). */
function due(tx: Db, topics: string[], limit: number) {
  return tx
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(eq(outbox.status, "pending"), lte(outbox.nextAttemptAt, sql`now()`), inArray(outbox.topic, topics)))
    .orderBy(asc(outbox.nextAttemptAt))
    .limit(Math.max(0, limit))
    .for("update", { skipLocked: true });
}

/** Delivered: done for good (unless someone already settled it, e.g. marked it entered by hand). */
export async function markDelivered(db: Db, id: number, result: Record<string, unknown> | undefined): Promise<void> {
  await db
    .update(outbox)
    .set({ status: "done", doneAt: sql`now()`, deliveredVia: "worker", result: result ?? null, lastError: null })
    .where(and(eq(outbox.id, id), eq(outbox.status, "pending")));
}

/** Try again after `delayMs`; `uncounted` gives the attempt back (the receiver asked us to wait). */
export async function reschedule(db: Db, id: number, delayMs: number, error: string, uncounted = false): Promise<void> {
  await db
    .update(outbox)
    .set({
      nextAttemptAt: sql`now() + ${`${Math.max(0, Math.round(delayMs))} milliseconds`}::interval`,
      lastError: error.slice(0, 1000),
      ...(uncounted ? { attempts: sql`greatest(${outbox.attempts} - 1, 0)` } : {}),
    })
    .where(and(eq(outbox.id, id), eq(outbox.status, "pending")));
}

export async function markDead(db: Db, id: number, error: string): Promise<void> {
  await db
    .update(outbox)
    .set({ status: "dead", lastError: error.slice(0, 1000) })
    .where(and(eq(outbox.id, id), eq(outbox.status, "pending")));
}

export async function haltChannel(db: Db, channel: string, reason: string): Promise<void> {
  const retryAt = sql`now() + ${`${PROBE_MS} milliseconds`}::interval`;
  await db
    .insert(channelHalts)
    .values({ channel, reason: reason.slice(0, 500), retryAt })
    .onConflictDoUpdate({ target: channelHalts.channel, set: { reason: reason.slice(0, 500), retryAt } });
}

/** A delivery on the channel worked: it is no longer halted. */
export async function clearHalt(db: Db, channel: string): Promise<boolean> {
  const gone = await db.delete(channelHalts).where(eq(channelHalts.channel, channel)).returning();
  return gone.length > 0;
}

/** Channels currently halted, for the integration page and /api/health. */
export function haltedChannels(db: Db) {
  return db.select().from(channelHalts);
}
