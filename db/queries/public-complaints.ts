import { and, desc, eq, ilike, lt, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { categories, complaints, externalInstitutions, kecamatan, opds } from "@/db/schema";
import type { ComplaintStatus } from "@/domain/complaint-status";

export type PublicListFilter = {
  status?: ComplaintStatus;
  categoryCode?: string;
  kecamatanId?: number;
  opdCode?: string;
  /** Words to find in the title. */
  query?: string;
  /** Keyset cursor: rows older than this (created_at, id). */
  before?: { at: Date; id: number };
};

export const PUBLIC_PAGE_SIZE = 20;

/**
 * What the public may see listed: not confidential, not archived (spam, incomplete, out of
 * scope), not merged into another (its primary stands for the cluster). Served by the partial
 * index `complaints_public_idx`, newest first, paged by keyset so any page costs the same.
 */
// Written as literals, not bound parameters: a prepared statement's generic plan can use the
// partial index complaints_public_idx only when its predicate is visibly the index's own (with
// `confidential = $1 and status <> $2`, GET requests.json sorted 81k rows: 211 ms instead of 2 ms).
export const publicListable = sql`(${complaints.confidential} = false and ${complaints.status} <> 'archived' and ${complaints.primaryId} is null)`;

export async function listPublicComplaints(db: Db, f: PublicListFilter) {
  const where: (SQL | undefined)[] = [publicListable];
  if (f.status) where.push(eq(complaints.status, f.status));
  if (f.categoryCode) where.push(eq(categories.code, f.categoryCode));
  if (f.kecamatanId) where.push(eq(complaints.kecamatanId, f.kecamatanId));
  if (f.opdCode) where.push(eq(opds.code, f.opdCode));
  if (f.query) where.push(ilike(complaints.title, `%${f.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (f.before) {
    where.push(or(lt(complaints.createdAt, f.before.at), and(eq(complaints.createdAt, f.before.at), lt(complaints.id, f.before.id))));
  }
  const rows = await db
    .select({
      id: complaints.id,
      trackingCode: complaints.trackingCode,
      status: complaints.status,
      channel: complaints.channel,
      title: complaints.title,
      createdAt: complaints.createdAt,
      // Only to remove the reporter's own identity from the title before it is shown.
      reporterName: complaints.reporterName,
      reporterPhone: complaints.reporterPhone,
      reporterEmail: complaints.reporterEmail,
      reporterNik: complaints.reporterNik,
      categoryName: categories.name,
      opdName: opds.name,
      externalName: externalInstitutions.name,
      kecamatanName: kecamatan.name,
    })
    .from(complaints)
    .leftJoin(categories, eq(categories.id, complaints.categoryId))
    .leftJoin(opds, eq(opds.id, complaints.opdId))
    .leftJoin(externalInstitutions, eq(externalInstitutions.id, complaints.externalId))
    .leftJoin(kecamatan, eq(kecamatan.id, complaints.kecamatanId))
    .where(and(...where))
    .orderBy(desc(complaints.createdAt), desc(complaints.id))
    .limit(PUBLIC_PAGE_SIZE + 1);
  const more = rows.length > PUBLIC_PAGE_SIZE;
  const page = rows.slice(0, PUBLIC_PAGE_SIZE);
  const last = page.at(-1);
  return { rows: page, next: more && last ? { at: last.createdAt, id: last.id } : null };
}
