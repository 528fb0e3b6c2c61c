import { eq, inArray, sql } from "drizzle-orm";
import { outboxRow, type TopicName, type TopicPayload } from "../../domain/outbox-topics";
import type { Db } from "../client";
import { outbox } from "../schema";

/**
 * Queues work for the worker, in the caller's transaction (with the change that causes it): the
 * only way into the outbox. The payload is checked against the topic's schema and the dedupe key
 * derived from domain/outbox-topics.ts; a row whose key is already queued is not queued again.
 */
export async function enqueue<T extends TopicName>(db: Db, topic: T, row: { complaintId: number | null; payload: TopicPayload<T>; now: Date }): Promise<void> {
  const r = outboxRow(topic, row.complaintId, row.payload);
  await db
    .insert(outbox)
    .values({ topic, complaintId: row.complaintId, payload: r.payload, dedupeKey: r.dedupeKey, createdAt: row.now, nextAttemptAt: row.now })
    .onConflictDoNothing({ target: outbox.dedupeKey });
}

/** How many outbox items wait for delivery and how many gave up (dead letters). */
export async function queueDepth(db: Db): Promise<{ pending: number; dead: number }> {
  // Grouped over the status index, so delivered history (the bulk of the table) is not read.
  const rows = await db
    .select({ status: outbox.status, n: sql<number>`count(*)::int` })
    .from(outbox)
    .where(inArray(outbox.status, ["pending", "dead"]))
    .groupBy(outbox.status);
  const n = (s: string) => rows.find((r) => r.status === s)?.n ?? 0;
  return { pending: n("pending"), dead: n("dead") };
}

/** How long the oldest pending outbox item has waited, in seconds (null: none waits). */
export async function oldestPendingSeconds(db: Db): Promise<number | null> {
  const [row] = await db
    .select({ s: sql<number | null>`extract(epoch from now() - min(${outbox.createdAt}))::float8` })
    .from(outbox)
    .where(eq(outbox.status, "pending"));
  return row?.s === null || row?.s === undefined ? null : Number(row.s);
}
