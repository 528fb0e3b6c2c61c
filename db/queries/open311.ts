import { and, asc, eq, gte, inArray, lte, notInArray, sql, type SQL } from "drizzle-orm";
import type { ComplaintStatus } from "@/domain/complaint-status";
import type { Db } from "@/db/client";
import { attachments, categories, complaintEvents, complaints, externalInstitutions, opds } from "@/db/schema";
import { open311Requests } from "@/db/schema-open311";
import { PRIVATE_EVENT_ACTIONS } from "./complaints";
import { publicListable } from "./public-complaints";

export type Open311ListFilter = {
  codes?: string[];
  categoryCode?: string;
  statuses?: ComplaintStatus[];
  from: Date;
  to: Date;
  limit: number;
};

/** The newest public, staff-given attachment of a complaint (e.g. the "after" photo), per complaint. */
const publicAttachment = sql<number | null>`(select min(a.id) from ${attachments} a where a.complaint_id = ${complaints.id} and a.source = 'staff' and a.public)`;

/**
 * Complaints for `GET requests`: only what the public list may show (`publicListable`, as on
 * /aduan), newest first, with the latest public message of each (its status notes). Identity
 * columns are selected only so the caller can remove them from the text it shows.
 */
export function listOpen311Requests(db: Db, f: Open311ListFilter) {
  const where: (SQL | undefined)[] = [publicListable, gte(complaints.createdAt, f.from), lte(complaints.createdAt, f.to)];
  if (f.codes) where.push(inArray(complaints.trackingCode, f.codes));
  if (f.categoryCode) where.push(eq(categories.code, f.categoryCode));
  if (f.statuses) where.push(inArray(complaints.status, f.statuses));
  return db
    .select({
      trackingCode: complaints.trackingCode,
      status: complaints.status,
      title: complaints.title,
      body: complaints.body,
      address: complaints.address,
      lat: complaints.lat,
      lon: complaints.lon,
      createdAt: complaints.createdAt,
      updatedAt: complaints.updatedAt,
      resolutionDue: complaints.resolutionDue,
      reporterName: complaints.reporterName,
      reporterPhone: complaints.reporterPhone,
      reporterEmail: complaints.reporterEmail,
      reporterNik: complaints.reporterNik,
      categoryCode: categories.code,
      categoryName: categories.name,
      opdName: opds.name,
      externalName: externalInstitutions.name,
      statusNotes: sql<string | null>`(select e.public_message from ${complaintEvents} e where e.complaint_id = ${complaints.id} and e.public_message is not null order by e.created_at desc limit 1)`,
      attachmentId: publicAttachment,
    })
    .from(complaints)
    .leftJoin(categories, eq(categories.id, complaints.categoryId))
    .leftJoin(opds, eq(opds.id, complaints.opdId))
    .leftJoin(externalInstitutions, eq(externalInstitutions.id, complaints.externalId))
    .where(and(...where))
    // `nulls last` as in complaints_public_idx: only then does PostgreSQL read the index in order
    // and stop after `limit` rows (plain `desc` means nulls first and sorts every row of the period).
    .orderBy(sql`${complaints.createdAt} desc nulls last`, sql`${complaints.id} desc nulls last`)
    .limit(f.limit);
}

/** The first public staff attachment of the complaint with this code, for a single read. */
export async function publicAttachmentOf(db: Db, trackingCode: string): Promise<number | null> {
  const [row] = await db.select({ id: publicAttachment }).from(complaints).where(eq(complaints.trackingCode, trackingCode));
  return row?.id ?? null;
}

/**
 * Public events of a period for `GET servicerequestupdates`, oldest first: never of a
 * confidential complaint, never internal ones, not the intake itself, and not what the reporter
 * posted through Open311 (the client has it already).
 */
export function listOpen311Updates(db: Db, f: { from: Date; to: Date; limit: number }) {
  return db
    .select({
      id: complaintEvents.id,
      at: complaintEvents.at,
      action: complaintEvents.action,
      toStatus: complaintEvents.toStatus,
      channel: complaintEvents.channel,
      publicMessage: complaintEvents.publicMessage,
      data: complaintEvents.data,
      trackingCode: complaints.trackingCode,
      status: complaints.status,
      reporterName: complaints.reporterName,
      reporterPhone: complaints.reporterPhone,
      reporterEmail: complaints.reporterEmail,
      reporterNik: complaints.reporterNik,
      attachmentId: sql<number | null>`(select min(a.id) from ${attachments} a where a.event_id = ${complaintEvents.id} and a.public)`,
    })
    .from(complaintEvents)
    .innerJoin(complaints, eq(complaints.id, complaintEvents.complaintId))
    .where(
      and(
        gte(complaintEvents.at, f.from),
        lte(complaintEvents.at, f.to),
        eq(complaints.confidential, false),
        notInArray(complaintEvents.action, [...PRIVATE_EVENT_ACTIONS, "submit"]),
        sql`not (${complaintEvents.actorRole} = 'reporter' and ${complaintEvents.channel} is not distinct from 'open311')`,
      ),
    )
    .orderBy(asc(complaintEvents.at), asc(complaintEvents.id))
    .limit(f.limit);
}

/** Which client filed a complaint through Open311 (null: another channel). */
export async function open311FilerOf(db: Db, complaintId: number): Promise<number | null> {
  const [row] = await db.select({ clientId: open311Requests.clientId }).from(open311Requests).where(eq(open311Requests.complaintId, complaintId));
  return row?.clientId ?? null;
}
