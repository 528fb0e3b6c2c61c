import { and, desc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { OPEN_STATUSES, type ComplaintStatus } from "@/domain/complaint-status";
import { SMS_LINKED_EVENT } from "@/domain/sms";
import type { Db } from "@/db/client";
import { complaintEvents, complaints, opds } from "@/db/schema";
import { smsMessages, type SmsKind } from "@/db/schema-sms";

export type SmsMessageRow = typeof smsMessages.$inferSelect;

/** Kinds that wait in the coordinator's SMS inbox until someone handles them. */
const INBOX_KINDS: readonly SmsKind[] = ["unparsed", "invalid"];

/** The stored reply to a gateway message id, if that message was already handled. */
export async function replyForGatewayId(db: Db, gatewayId: string): Promise<string | null> {
  const [row] = await db.select({ reply: smsMessages.reply }).from(smsMessages).where(eq(smsMessages.gatewayId, gatewayId));
  return row?.reply ?? null;
}

/**
 * Stores an inbound SMS; returns false (and stores nothing) when its gateway id is already
 * stored, i.e. a concurrent redelivery got there first.
 */
export async function insertSmsMessage(db: Db, row: typeof smsMessages.$inferInsert): Promise<boolean> {
  const inserted = await db.insert(smsMessages).values(row).onConflictDoNothing({ target: smsMessages.gatewayId }).returning({ id: smsMessages.id });
  return inserted.length > 0;
}

/** Open complaints the number sent since `since` (newest first), for linking a repeated text. */
export async function recentOpenComplaintsOf(db: Db, phone: string, since: Date) {
  return db
    .select({ id: complaints.id, trackingCode: complaints.trackingCode, status: complaints.status, title: complaints.title, body: complaints.body })
    .from(complaints)
    .where(and(eq(complaints.reporterPhone, phone), gt(complaints.createdAt, since), inArray(complaints.status, [...OPEN_STATUSES]), isNull(complaints.primaryId)))
    .orderBy(desc(complaints.createdAt))
    .limit(20);
}

/**
 * Leaves the linked SMS on the complaint's event log: the reporter (never named: no number, no
 * text beyond the complaint's own) wrote the same complaint again by SMS. Keeps the status.
 */
export async function recordLinkedSms(db: Db, c: { id: number; status: ComplaintStatus }, now: Date): Promise<void> {
  await db.insert(complaintEvents).values({ complaintId: c.id, at: now, action: SMS_LINKED_EVENT, actorRole: "reporter", fromStatus: c.status, toStatus: c.status, channel: "sms" });
}

/** What `CEK <code>` answers: status, responsible OPD, and the primary when merged. */
export async function complaintStatusForSms(db: Db, trackingCode: string) {
  const [row] = await db
    .select({
      id: complaints.id,
      trackingCode: complaints.trackingCode,
      status: complaints.status,
      confidential: complaints.confidential,
      opdName: opds.name,
      primaryCode: sql<string | null>`(select p.tracking_code from complaints p where p.id = ${complaints.primaryId})`,
    })
    .from(complaints)
    .leftJoin(opds, eq(opds.id, complaints.opdId))
    .where(eq(complaints.trackingCode, trackingCode));
  return row ?? null;
}

/** What an SMS reply to a complaint needs: whose it is (channel and number) and whether it waits for the reporter. */
export async function complaintForSmsReply(db: Db, trackingCode: string) {
  const [row] = await db
    .select({ id: complaints.id, trackingCode: complaints.trackingCode, status: complaints.status, channel: complaints.channel, reporterPhone: complaints.reporterPhone })
    .from(complaints)
    .where(eq(complaints.trackingCode, trackingCode));
  return row ?? null;
}

/** The coordinator's SMS inbox: messages nobody has handled yet, oldest first. */
export async function smsInbox(db: Db, page: number, pageSize: number): Promise<SmsMessageRow[]> {
  return db
    .select()
    .from(smsMessages)
    .where(and(inArray(smsMessages.kind, INBOX_KINDS as SmsKind[]), isNull(smsMessages.resolvedAt)))
    .orderBy(smsMessages.receivedAt, smsMessages.id)
    .limit(pageSize)
    .offset(page * pageSize);
}

/** One unhandled inbox message, locked for the handling transaction. */
export async function lockInboxMessage(db: Db, id: number): Promise<SmsMessageRow | null> {
  const [row] = await db
    .select()
    .from(smsMessages)
    .where(and(eq(smsMessages.id, id), inArray(smsMessages.kind, INBOX_KINDS as SmsKind[]), isNull(smsMessages.resolvedAt)))
    .for("update");
  return row ?? null;
}

/** Marks an inbox message handled, converted into `complaintId` or set aside. */
export async function resolveInboxMessage(
  db: Db,
  id: number,
  by: { userId: number | null; now: Date },
  outcome: { resolution: "converted"; complaintId: number } | { resolution: "dismissed" },
): Promise<void> {
  await db
    .update(smsMessages)
    .set({
      resolvedAt: by.now,
      resolvedBy: by.userId,
      resolution: outcome.resolution,
      ...(outcome.resolution === "converted" ? { complaintId: outcome.complaintId } : {}),
    })
    .where(eq(smsMessages.id, id));
}
