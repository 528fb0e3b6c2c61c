import { and, asc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Role } from "@/domain/complaint-status";
import { canSeeComplaint, type StaffScope } from "@/domain/permissions";
import { listRowFor } from "@/domain/reporter-text";
import type { Db } from "../client";
import { categories, complaintEvents, complaints, externalInstitutions, kecamatan, kelurahan, opds, users } from "../schema";
import { opdClocks } from "../schema-sla";

export const PAGE_SIZE = 25;
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
  createdAt: complaints.createdAt,
  bounceCount: complaints.bounceCount,
  verificationDue: complaints.verificationDue,
  firstResponseDue: complaints.firstResponseDue,
  resolutionDue: complaints.resolutionDue,
  categoryName: categories.name,
  kecamatanName: kecamatan.name,
  kelurahanName: kelurahan.name,
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

/** The staff list columns and their lookups, starting from `complaints` (queue, inbox, search). */
export function listFrom(db: Db) {
  return db
    .select(listColumns)
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

export type ComplaintListRow = Awaited<ReturnType<typeof coordinatorQueue>>[number];

/** The coordinator's queue: new complaints, oldest first (the longest wait comes first). */
export async function coordinatorQueue(db: Db, role: Role, page = 0) {
  const rows = await listFrom(db)
    .where(eq(complaints.status, "received"))
    .orderBy(asc(complaints.createdAt), asc(complaints.id))
    .limit(PAGE_SIZE)
    .offset(page * PAGE_SIZE);
  return rows.map((r) => listRowFor(role, r));
}

/** An OPD's open complaints, the nearest resolution deadline first, as `role` may see them. */
export async function opdInbox(db: Db, role: Role, opdId: number, page = 0, filter?: SQL) {
  const rows = await listFrom(db)
    .where(and(eq(complaints.opdId, opdId), inArray(complaints.status, ["disposed", "in_progress", "awaiting_reporter"]), filter))
    .orderBy(sql`${complaints.resolutionDue} asc nulls last`, asc(complaints.id))
    .limit(PAGE_SIZE)
    .offset(page * PAGE_SIZE);
  return rows.map((r) => listRowFor(role, r));
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
