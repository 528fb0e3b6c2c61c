import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import { rowsOf } from "@/db/raw";
import type { Db } from "@/db/client";
import { outbox } from "@/db/schema";
import { channelHalts } from "@/db/schema-worker";
import { channelOf, type OutboxItem } from "./registry";

/** Default time a claimed item stays invisible to other workers (WORKER_LEASE_MS); a killed worker's items come back after it. */
const LEASE_MS = 120_000;
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
  if (halts.length === 0) return leaseDue(db, topics, limit, leaseMs);
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

/** Leases the given rows: one attempt more, invisible to other workers until the lease ends. */
function lease(db: Db, ids: number[], leaseMs: number) {
  if (ids.length === 0) return Promise.resolve([]);
  const until = sql`now() + ${`${leaseMs} milliseconds`}::interval`;
  return db
    .update(outbox)
    .set({ attempts: sql`${outbox.attempts} + 1`, nextAttemptAt: until, leasedUntil: until })
    .where(and(inArray(outbox.id, ids), eq(outbox.status, "pending")))
    .returning();
}

type LeasedRow = { id: string | number; topic: string; complaintId: string | number | null; payload: Record<string, unknown>; attempts: number; dedupeKey: string | null; createdAt: Date | string };

/**
 * Picks and leases due items in one statement. The pick is a MATERIALIZED CTE: as a plain
 * `IN (SELECT … LIMIT n FOR UPDATE SKIP LOCKED)` PostgreSQL may run the subquery again for each
 * row, and after our own update the rows already taken no longer match, so it would take more
 * than `n`.
 */
async function leaseDue(db: Db, topics: string[], limit: number, leaseMs: number): Promise<ClaimedItem[]> {
  const until = sql`now() + ${`${leaseMs} milliseconds`}::interval`;
  const result = await db.execute(sql`
    with picked as materialized (${due(db, topics, limit)})
    update ${outbox} set attempts = ${outbox.attempts} + 1, next_attempt_at = ${until}, leased_until = ${until}
    from picked where ${outbox.id} = picked.id and ${outbox.status} = 'pending'
    returning ${outbox.id} as "id", ${outbox.topic} as "topic", ${outbox.complaintId} as "complaintId", ${outbox.payload} as "payload",
      ${outbox.attempts} as "attempts", ${outbox.dedupeKey} as "dedupeKey", ${outbox.createdAt} as "createdAt"`);
  return rowsOf<LeasedRow>(result).map((r) => ({
    probe: false,
    id: Number(r.id),
    topic: r.topic,
    complaintId: r.complaintId === null ? null : Number(r.complaintId),
    payload: typeof r.payload === "string" ? (JSON.parse(r.payload) as Record<string, unknown>) : r.payload,
    attempts: r.attempts,
    dedupeKey: r.dedupeKey,
    createdAt: new Date(r.createdAt),
  }));
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
    .set({ status: "done", doneAt: sql`now()`, deliveredVia: "worker", result: result ?? null, lastError: null, leasedUntil: null })
    .where(and(eq(outbox.id, id), eq(outbox.status, "pending")));
}

/** Try again after `delayMs`; `uncounted` gives the attempt back (the receiver asked us to wait). */
export async function reschedule(db: Db, id: number, delayMs: number, error: string, uncounted = false): Promise<void> {
  await db
    .update(outbox)
    .set({
      nextAttemptAt: sql`now() + ${`${Math.max(0, Math.round(delayMs))} milliseconds`}::interval`,
      lastError: error.slice(0, 1000),
      leasedUntil: null,
      ...(uncounted ? { attempts: sql`greatest(${outbox.attempts} - 1, 0)` } : {}),
    })
    .where(and(eq(outbox.id, id), eq(outbox.status, "pending")));
}

export async function markDead(db: Db, id: number, error: string): Promise<void> {
  await db
    .update(outbox)
    .set({ status: "dead", lastError: error.slice(0, 1000), leasedUntil: null })
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
