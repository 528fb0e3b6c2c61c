import { and, desc, eq, gt, inArray, isNull, ne, sql } from "drizzle-orm";
import type { ComplaintStatus } from "@/domain/complaint-status";
import type { Db } from "@/db/client";
import { complaints, kecamatan, kelurahan } from "@/db/schema";

/** Statuses in which a complaint is still being handled: a duplicate may be merged into it. */
export const OPEN_STATUSES: readonly ComplaintStatus[] = ["received", "disposed", "in_progress", "awaiting_reporter", "responded"];
/** From this similarity (pg_trgm, 0…1) of the titles a queued complaint is flagged as a suspected duplicate. */
const DUPLICATE_THRESHOLD = 0.5;

const OPEN_LIST = OPEN_STATUSES.map((s) => `'${s}'`).join(", ");

/**
 * Candidates to merge complaint `c` into, for the side-by-side comparison: open complaints that
 * are no one's duplicate, received within 30 days before or after it, in the same kecamatan with
 * a similar title or a very similar body (without a kecamatan: a similar title, served by the
 * trigram index). Best first, at most five. Identity fields are returned for the caller to
 * redact (reporterTextFor); only coordinators merge.
 */
export async function duplicateCandidates(db: Db, c: { id: number; title: string; body: string; kecamatanId: number | null; createdAt: Date }) {
  const since = new Date(c.createdAt.getTime() - 30 * 86_400_000);
  return db
    .select({
      id: complaints.id,
      trackingCode: complaints.trackingCode,
      title: complaints.title,
      body: complaints.body,
      address: complaints.address,
      kecamatanName: kecamatan.name,
      kelurahanName: kelurahan.name,
      status: complaints.status,
      channel: complaints.channel,
      createdAt: complaints.createdAt,
      anonymous: complaints.anonymous,
      reporterName: complaints.reporterName,
      reporterPhone: complaints.reporterPhone,
      reporterEmail: complaints.reporterEmail,
      reporterNik: complaints.reporterNik,
      score: sql<number>`greatest(similarity(${complaints.title}, ${c.title}), similarity(${complaints.body}, ${c.body}))`.as("score"),
    })
    .from(complaints)
    .leftJoin(kecamatan, eq(kecamatan.id, complaints.kecamatanId))
    .leftJoin(kelurahan, eq(kelurahan.id, complaints.kelurahanId))
    .where(
      and(
        ne(complaints.id, c.id),
        isNull(complaints.primaryId),
        inArray(complaints.status, [...OPEN_STATUSES]),
        gt(complaints.createdAt, since),
        c.kecamatanId === null
          ? sql`${complaints.title} % ${c.title}`
          : and(eq(complaints.kecamatanId, c.kecamatanId), sql`(${complaints.title} % ${c.title} or similarity(${complaints.body}, ${c.body}) > 0.4)`),
      ),
    )
    .orderBy(desc(sql`score`))
    .limit(5);
}

/** How far back a new complaint is compared with open ones (the comparison panel looks 30 days back). */
const FLAG_WINDOW = "interval '7 days'";

/**
 * SQL text (for the intake statement, db/queries/intake.ts) of the open complaint a new one most
 * likely duplicates, given SQL expressions for its title, kecamatan and received time: a title
 * at least DUPLICATE_THRESHOLD similar (pg_trgm), no one's duplicate itself, received in the 7
 * days before it and, when it has a kecamatan, in the same one; the most similar, then the
 * earliest. Each branch reads only the open complaints of that week (the kecamatan's through
 * (kecamatan_id, created_at), otherwise through (status, created_at)); the branch that does not
 * apply is a one-time filter, so the cost does not grow with the archive.
 */
export function suspectedDuplicateSql(e: { title: string; kecamatanId: string; at: string }): string {
  const near = `c.created_at > ${e.at} - ${FLAG_WINDOW} and c.created_at <= ${e.at} and c.primary_id is null and c.status in (${OPEN_LIST})`;
  return `(select k.id from (
      select c.id, similarity(c.title, ${e.title}) as score, c.created_at from complaints c
      where ${e.kecamatanId} is not null and c.kecamatan_id = ${e.kecamatanId} and ${near}
      union all
      select c.id, similarity(c.title, ${e.title}), c.created_at from complaints c
      where ${e.kecamatanId} is null and ${near}
    ) k where k.score >= ${DUPLICATE_THRESHOLD} order by k.score desc, k.created_at asc, k.id asc limit 1)`;
}

/**
 * The tracking code of the complaint a listed complaint is suspected to duplicate (found at
 * intake), while a merge is still possible: both open and neither merged; null otherwise.
 */
export const suspectedDuplicateCode = sql<string | null>`(select p.tracking_code from complaints p
  where p.id = ${complaints.suspectedDuplicateOfId} and p.primary_id is null and p.status in (${sql.raw(OPEN_LIST)})
  and ${complaints.primaryId} is null and ${complaints.status} in (${sql.raw(OPEN_LIST)}))`;
