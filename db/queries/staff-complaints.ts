import { and, asc, eq, isNull, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { canSeeComplaint, type StaffScope } from "@/domain/permissions";
import { listRowFor } from "@/domain/reporter-text";
import type { Db } from "@/db/client";
import { categories, complaintEvents, complaints, externalInstitutions, kecamatan, kelurahan, opds, users } from "@/db/schema";
import { opdClocks } from "@/db/schema-sla";

const suggestedOpd = alias(opds, "suggested_opd");
const suggestedExt = alias(externalInstitutions, "suggested_ext");

/** Columns every staff list reads: the identity only to redact the title (listRowFor drops it). */
const identityColumns = {
  anonymous: complaints.anonymous,
  reporterName: complaints.reporterName,
  reporterPhone: complaints.reporterPhone,
  reporterEmail: complaints.reporterEmail,
  reporterNik: complaints.reporterNik,
};
const listColumns = {
  id: complaints.id,
  trackingCode: complaints.trackingCode,
  title: complaints.title,
  ...identityColumns,
  status: complaints.status,
  channel: complaints.channel,
  confidential: complaints.confidential,
  createdAt: complaints.createdAt,
  bounceCount: complaints.bounceCount,
  // Reopened by the reporter's objection: the resolution clock started again after the first disposition.
  reopened: sql<boolean>`coalesce(${complaints.resolutionStartedAt} > ${complaints.firstDisposedAt}, false)`,
  verificationDue: complaints.verificationDue,
  verificationRiskAt: complaints.verificationRiskAt,
  resolutionRiskAt: complaints.resolutionRiskAt,
  firstResponseDue: complaints.firstResponseDue,
  resolutionDue: complaints.resolutionDue,
  categoryName: categories.name,
  kecamatanName: kecamatan.name,
  kelurahanName: kelurahan.name,
  opdCode: opds.code,
  opdName: opds.name,
  suggestedOpdCode: suggestedOpd.code,
  suggestedOpdName: suggestedOpd.name,
  suggestedExternalCode: suggestedExt.code,
  suggestedExternalName: suggestedExt.name,
  assigneeName: users.name,
  assignedUserId: complaints.assignedUserId,
  // The running OPD's own clock (opd_clocks), beside the citizen's deadlines above.
  shareFirstResponseDue: opdClocks.firstResponseDue,
  shareFirstRespondedAt: opdClocks.firstRespondedAt,
  shareResolutionDue: opdClocks.resolutionDue,
};

/** The staff list columns and their lookups, starting from `complaints` (queue, inbox, search); `extra` adds columns. */
export function listFrom<E extends Record<string, SQL | SQL.Aliased>>(db: Db, extra?: E) {
  return db
    .select({ ...listColumns, ...(extra ?? ({} as E)) })
    .from(complaints)
    .leftJoin(categories, eq(categories.id, complaints.categoryId))
    .leftJoin(kecamatan, eq(kecamatan.id, complaints.kecamatanId))
    .leftJoin(kelurahan, eq(kelurahan.id, complaints.kelurahanId))
    .leftJoin(opds, eq(opds.id, complaints.opdId))
    .leftJoin(suggestedOpd, eq(suggestedOpd.id, complaints.suggestedOpdId))
    .leftJoin(suggestedExt, eq(suggestedExt.id, complaints.suggestedExternalId))
    .leftJoin(users, eq(users.id, complaints.assignedUserId))
    .leftJoin(opdClocks, and(eq(opdClocks.complaintId, complaints.id), isNull(opdClocks.endedAt)));
}


/** One complaint with everything staff may need; callers decide what of the identity to show. */
export async function staffComplaint(db: Db, code: string) {
  const [row] = await db
    .select({
      c: complaints,
      categoryCode: categories.code,
      categoryName: categories.name,
      kecamatanName: kecamatan.name,
      kelurahanName: kelurahan.name,
      opdCode: opds.code,
      opdName: opds.name,
      externalName: externalInstitutions.name,
      suggestedOpdCode: suggestedOpd.code,
      suggestedOpdName: suggestedOpd.name,
      assigneeName: users.name,
    })
    .from(complaints)
    .leftJoin(categories, eq(categories.id, complaints.categoryId))
    .leftJoin(kecamatan, eq(kecamatan.id, complaints.kecamatanId))
    .leftJoin(kelurahan, eq(kelurahan.id, complaints.kelurahanId))
    .leftJoin(opds, eq(opds.id, complaints.opdId))
    .leftJoin(externalInstitutions, eq(externalInstitutions.id, complaints.externalId))
    .leftJoin(suggestedOpd, eq(suggestedOpd.id, complaints.suggestedOpdId))
    .leftJoin(users, eq(users.id, complaints.assignedUserId))
    .where(eq(complaints.trackingCode, code));
  return row ?? null;
}

/** Every event of a complaint with the acting staff member's name, oldest first. */
export function complaintEventLog(db: Db, complaintId: number) {
  return db
    .select({
      id: complaintEvents.id,
      at: complaintEvents.at,
      action: complaintEvents.action,
      actorRole: complaintEvents.actorRole,
      actorName: users.name,
      fromStatus: complaintEvents.fromStatus,
      toStatus: complaintEvents.toStatus,
      reason: complaintEvents.reason,
      publicMessage: complaintEvents.publicMessage,
      channel: complaintEvents.channel,
      data: complaintEvents.data,
    })
    .from(complaintEvents)
    .leftJoin(users, eq(users.id, complaintEvents.actorUserId))
    .where(eq(complaintEvents.complaintId, complaintId))
    .orderBy(asc(complaintEvents.at), asc(complaintEvents.id));
}

/**
 * Complaints merged into this one (its cluster) that `viewer` may open: another OPD's duplicate
 * is not shown to an OPD officer even by code and title.
 */
export async function mergedInto(db: Db, primaryId: number, viewer: StaffScope) {
  const rows = await db
    .select({ trackingCode: complaints.trackingCode, title: complaints.title, opdId: complaints.opdId, ...identityColumns })
    .from(complaints)
    .where(eq(complaints.primaryId, primaryId))
    .orderBy(asc(complaints.id));
  return rows.filter((r) => canSeeComplaint(viewer, r.opdId)).map((r) => listRowFor(viewer.role, r));
}

/** Active staff of an OPD, for assignment. */
export function opdStaff(db: Db, opdId: number) {
  return db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(and(eq(users.opdId, opdId), eq(users.active, true)))
    .orderBy(asc(users.name));
}
