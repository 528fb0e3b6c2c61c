import { eq, inArray, sql } from "drizzle-orm";
import { outboxRow, TOPICS, type SqlFields, type TopicName, type TopicPayload } from "@/domain/outbox-topics";
import type { Db } from "@/db/client";
import { outbox } from "@/db/schema";

/**
 * The only way into the outbox: work for the worker is queued here, in the caller's transaction
 * (with the change that causes it). Each payload is checked against its topic's schema and the
 * dedupe key derived from domain/outbox-topics.ts; a row whose key is already queued is not
 * queued again. Statements that queue rows in SQL take their text from `enqueueSql`.
 */

export type OutboxEntry<T extends TopicName = TopicName> = { topic: T; complaintId: number | null; payload: TopicPayload<T> };

/** Queues one row (`now`: its creation and first attempt; the database's clock without it). */
export async function enqueue<T extends TopicName>(db: Db, topic: T, row: { complaintId: number | null; payload: TopicPayload<T>; now?: Date }): Promise<void> {
  await enqueueMany(db, [{ topic, complaintId: row.complaintId, payload: row.payload }], row.now);
}

/** Queues several rows in one statement; returns how many were queued (a key already queued is not). */
export async function enqueueMany<T extends TopicName>(db: Db, rows: readonly OutboxEntry<T>[], now?: Date): Promise<number> {
  if (rows.length === 0) return 0;
  const at = now ? { createdAt: now, nextAttemptAt: now } : {};
  const inserted = await db
    .insert(outbox)
    .values(rows.map((r) => ({ ...outboxRow(r.topic, r.complaintId, r.payload), complaintId: r.complaintId, ...at })))
    .onConflictDoNothing({ target: outbox.dedupeKey })
    .returning({ id: outbox.id });
  return inserted.length;
}

/** One source of rows for `enqueueSql`: SQL expressions over the relation `from`. */
export type SqlOutboxSource<T extends TopicName> = { topic: T; from: string; complaintId: string; payload: SqlFields<TopicPayload<T>>; at: string };

/**
 * The text of one `insert into outbox … select …` for statements that queue rows in SQL (the
 * intake's single statement, the SLA sweep's), built from the topic table like `enqueue`: the
 * topic's name, its payload's fields (typed by its schema) and its dedupe key (`keySql`). For rows
 * of what the same statement just wrote (new ids, so no key of theirs can be queued yet): no
 * `on conflict` clause to pay for on the intake's path; a queued key would fail the statement.
 */
export function enqueueSql(sources: readonly { [T in TopicName]: SqlOutboxSource<T> }[TopicName][]): string {
  const selects = sources.map(<T extends TopicName>(s: SqlOutboxSource<T>) => {
    const keySql = (TOPICS[s.topic] as { keySql?: (c: string, p: SqlFields<TopicPayload<T>>) => string }).keySql;
    if (!keySql) throw new Error(`outbox topic ${s.topic} has no keySql`);
    const fields = Object.entries(s.payload as Record<string, string>).map(([k, v]) => `'${k}', ${v}`);
    return `select '${s.topic}', ${s.complaintId}, jsonb_build_object(${fields.join(", ")}), ${keySql(s.complaintId, s.payload)}, ${s.at}, ${s.at} from ${s.from}`;
  });
  return `insert into outbox (topic, complaint_id, payload, dedupe_key, created_at, next_attempt_at)
    ${selects.join("\n    union all ")}`;
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
