import { and, asc, eq, notInArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { SLA_EVENT_ACTIONS } from "@/domain/sla";
import { SMS_LINKED_EVENT } from "@/domain/sms";
import type { Db } from "@/db/client";
import { categories, complaintEvents, complaints, externalInstitutions, kecamatan, kelurahan, opds } from "@/db/schema";

const suggested = alias(opds, "suggested_opd");

/** One complaint by tracking code with the names the public view needs; identity included, callers strip it. */
export async function findComplaintByCode(db: Db, trackingCode: string) {
  const [row] = await db
    .select({
      id: complaints.id,
      trackingCode: complaints.trackingCode,
      status: complaints.status,
      channel: complaints.channel,
      title: complaints.title,
      body: complaints.body,
      confidential: complaints.confidential,
      anonymous: complaints.anonymous,
      // Only to remove the reporter's own identity from public text (never shown as such).
      reporterName: complaints.reporterName,
      reporterPhone: complaints.reporterPhone,
      reporterEmail: complaints.reporterEmail,
      reporterNik: complaints.reporterNik,
      accessKeyHash: complaints.accessKeyHash,
      previousStatus: complaints.previousStatus,
      primaryId: complaints.primaryId,
      primaryCode: sql<string | null>`(select p.tracking_code from complaints p where p.id = ${complaints.primaryId})`,
      rating: complaints.rating,
      address: complaints.address,
      lat: complaints.lat,
      lon: complaints.lon,
      incidentDate: complaints.incidentDate,
      createdAt: complaints.createdAt,
      verificationDue: complaints.verificationDue,
      firstResponseDue: complaints.firstResponseDue,
      resolutionDue: complaints.resolutionDue,
      autoCloseDue: complaints.autoCloseDue,
      // When each citizen's clock was met (the reporter's page marks each deadline met or missed).
      verifiedAt: complaints.verifiedAt,
      firstRespondedAt: complaints.firstRespondedAt,
      respondedAt: complaints.respondedAt,
      categoryCode: categories.code,
      categoryName: categories.name,
      opdCode: opds.code,
      opdName: opds.name,
      externalCode: externalInstitutions.code,
      externalName: externalInstitutions.name,
      kecamatanName: kecamatan.name,
      kelurahanName: kelurahan.name,
      suggestedOpdCode: suggested.code,
      attachmentCount: sql<number>`(select count(*)::int from attachments a where a.complaint_id = ${complaints.id})`,
    })
    .from(complaints)
    .leftJoin(categories, eq(categories.id, complaints.categoryId))
    .leftJoin(opds, eq(opds.id, complaints.opdId))
    .leftJoin(externalInstitutions, eq(externalInstitutions.id, complaints.externalId))
    .leftJoin(kecamatan, eq(kecamatan.id, complaints.kecamatanId))
    .leftJoin(kelurahan, eq(kelurahan.id, complaints.kelurahanId))
    .leftJoin(suggested, eq(suggested.id, complaints.suggestedOpdId))
    .where(eq(complaints.trackingCode, trackingCode));
  return row ?? null;
}

/**
 * Internal notes, assignments within an OPD and the SLA clocks' own entries are staff business,
 * never on the public timeline (nor in anything else the public reads, e.g. Open311 updates).
 */
export const PRIVATE_EVENT_ACTIONS = ["note", "assign", SMS_LINKED_EVENT, ...SLA_EVENT_ACTIONS];

/** The events of a complaint in order, with only the columns a public timeline may use. */
export function listPublicEvents(db: Db, complaintId: number) {
  return db
    .select({
      id: complaintEvents.id,
      at: complaintEvents.at,
      action: complaintEvents.action,
      toStatus: complaintEvents.toStatus,
      channel: complaintEvents.channel,
      publicMessage: complaintEvents.publicMessage,
      data: complaintEvents.data,
    })
    .from(complaintEvents)
    .where(and(eq(complaintEvents.complaintId, complaintId), notInArray(complaintEvents.action, PRIVATE_EVENT_ACTIONS)))
    .orderBy(asc(complaintEvents.at), asc(complaintEvents.id));
}
