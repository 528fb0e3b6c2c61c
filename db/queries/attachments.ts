import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { attachments, complaints, externalInstitutions } from "@/db/schema";

/** What a list of attachments shows: never the bytes. */
export type AttachmentMeta = {
  id: number;
  fileName: string;
  mime: string;
  size: number;
  source: "reporter" | "staff";
  eventId: number | null;
  public: boolean;
  hasThumbnail: boolean;
  createdAt: Date;
};

const meta = {
  id: attachments.id,
  fileName: attachments.fileName,
  mime: attachments.mime,
  size: attachments.size,
  source: attachments.source,
  eventId: attachments.eventId,
  public: attachments.public,
  hasThumbnail: sql<boolean>`${attachments.thumbnail} is not null`,
  createdAt: attachments.createdAt,
};

/** Every attachment of a complaint, oldest first (the reporter's originals, then staff's). */
export function listAttachments(db: Db, complaintId: number, o: { publicOnly?: boolean } = {}): Promise<AttachmentMeta[]> {
  const where = o.publicOnly
    ? and(eq(attachments.complaintId, complaintId), eq(attachments.source, "staff"), eq(attachments.public, true))
    : eq(attachments.complaintId, complaintId);
  return db.select(meta).from(attachments).where(where).orderBy(asc(attachments.id));
}

/** The files staff attached to one event (e.g. the answer the reporter accepts or objects to). */
export function listEventAttachments(db: Db, eventId: number): Promise<AttachmentMeta[]> {
  return db
    .select(meta)
    .from(attachments)
    .where(and(eq(attachments.eventId, eventId), eq(attachments.source, "staff")))
    .orderBy(asc(attachments.id));
}

/**
 * One attachment with what deciding who may fetch it needs: the complaint's OPD, code,
 * confidentiality and the hash of the reporter's key. `thumb` reads the thumbnail instead of
 * the file (null when there is none).
 */
export async function attachmentForServing(db: Db, id: number, thumb: boolean) {
  const [row] = await db
    .select({
      ...meta,
      bytes: thumb ? attachments.thumbnail : attachments.content,
      complaintOpdId: complaints.opdId,
      trackingCode: complaints.trackingCode,
      confidential: complaints.confidential,
      anonymous: complaints.anonymous,
      accessKeyHash: complaints.accessKeyHash,
    })
    .from(attachments)
    .innerJoin(complaints, eq(complaints.id, attachments.complaintId))
    .where(eq(attachments.id, id));
  return row ?? null;
}

export type ServableAttachment = NonNullable<Awaited<ReturnType<typeof attachmentForServing>>>;

/** What the tracking page adds about evidence and LAPOR, by tracking code (null when unknown). */
export async function trackingExtras(db: Db, trackingCode: string) {
  const [row] = await db
    .select({
      id: complaints.id,
      status: complaints.status,
      confidential: complaints.confidential,
      laporTrackingId: complaints.laporTrackingId,
      externalName: externalInstitutions.name,
    })
    .from(complaints)
    .leftJoin(externalInstitutions, eq(externalInstitutions.id, complaints.externalId))
    .where(eq(complaints.trackingCode, trackingCode));
  return row ?? null;
}
