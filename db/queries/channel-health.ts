import { and, desc, eq, inArray, like, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { outbox } from "@/db/schema";
import { smsMessages } from "@/db/schema-sms";
import { channelHalts } from "@/db/schema-worker";
import { rowsOf } from "@/db/raw";

/** The channels that deliver to reporters (and staff) through the outbox, by topic prefix. */
export const MESSAGE_CHANNELS = ["sms", "email"] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

export type OutboundFigures = {
  /** Waiting to be sent. */
  pending: number;
  /** Waiting after at least one failed attempt (the gateway refused or could not be reached). */
  failing: number;
  /** Given up on (dead letters): a person must retry them. */
  dead: number;
  oldestPendingSeconds: number | null;
  /** The latest failure's error text and when it happened. */
  lastError: string | null;
  lastErrorAt: Date | null;
  halted: { reason: string; retryAt: Date } | null;
};

/**
 * What the outbox says about one delivery channel: its backlog, the items failing and dead, the
 * latest error. Reads the pending/dead rows through the (status, next_attempt_at) index.
 */
export async function outboundFigures(db: Db, channel: MessageChannel): Promise<OutboundFigures> {
  const prefix = `${channel}.%`;
  const [counts, [last], [halt]] = await Promise.all([
    db.execute(sql`
      select count(*) filter (where status = 'pending')::int as pending,
        count(*) filter (where status = 'pending' and attempts > 0 and last_error is not null)::int as failing,
        count(*) filter (where status = 'dead')::int as dead,
        extract(epoch from now() - min(created_at) filter (where status = 'pending'))::float8 as oldest
      from outbox where status in ('pending', 'dead') and topic like ${prefix}`),
    db
      .select({ lastError: outbox.lastError, at: outbox.nextAttemptAt, status: outbox.status })
      .from(outbox)
      .where(and(inArray(outbox.status, ["pending", "dead"]), like(outbox.topic, prefix), sql`${outbox.lastError} is not null`))
      .orderBy(desc(outbox.id))
      .limit(1),
    db.select({ reason: channelHalts.reason, retryAt: channelHalts.retryAt }).from(channelHalts).where(eq(channelHalts.channel, channel)),
  ]);
  const c = rowsOf<{ pending: number; failing: number; dead: number; oldest: number | null }>(counts)[0];
  return {
    pending: Number(c?.pending ?? 0),
    failing: Number(c?.failing ?? 0),
    dead: Number(c?.dead ?? 0),
    oldestPendingSeconds: c?.oldest === null || c?.oldest === undefined ? null : Number(c.oldest),
    lastError: last?.lastError ?? null,
    lastErrorAt: last ? last.at : null,
    halted: halt ?? null,
  };
}

/** When the newest inbound SMS arrived (by id: the primary key, no scan); null when none ever did. */
export async function lastInboundSms(db: Db): Promise<Date | null> {
  const [last] = await db.select({ at: smsMessages.receivedAt }).from(smsMessages).orderBy(desc(smsMessages.id)).limit(1);
  return last?.at ?? null;
}

/** The channel's dead letters, newest first (for the list with retry buttons). */
export function deadLetters(db: Db, channel: MessageChannel, limit = 20) {
  return db
    .select({ id: outbox.id, topic: outbox.topic, complaintId: outbox.complaintId, attempts: outbox.attempts, lastError: outbox.lastError, createdAt: outbox.createdAt })
    .from(outbox)
    .where(and(eq(outbox.status, "dead"), like(outbox.topic, `${channel}.%`)))
    .orderBy(desc(outbox.id))
    .limit(limit);
}

/**
 * Puts a channel's dead letters (`ids`, or all) back in the queue, due now, with `attempts` as
 * their count (LAPOR restarts at 1: a dead LAPOR item may have reached LAPOR, so its next attempt
 * looks there before it sends). Returns the ids that moved; the caller audits (server/).
 */
export async function requeueDead(db: Db, req: { channel: string; ids: number[] | "all"; attempts: 0 | 1; now: Date }): Promise<number[]> {
  const moved = await db
    .update(outbox)
    .set({ status: "pending", attempts: req.attempts, nextAttemptAt: req.now, lastError: null })
    .where(and(eq(outbox.status, "dead"), like(outbox.topic, `${req.channel}.%`), req.ids === "all" ? undefined : inArray(outbox.id, req.ids)))
    .returning({ id: outbox.id });
  return moved.map((m) => m.id);
}
