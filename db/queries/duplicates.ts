import { and, desc, eq, gt, inArray, isNull, ne, sql } from "drizzle-orm";
import type { ComplaintStatus } from "@/domain/complaint-status";
import type { Db } from "@/db/client";
import { preparedRows } from "@/db/raw";
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

/** How many of the newest open complaints of that week (and kecamatan) a new one is compared with. */
const FLAG_CANDIDATES = 50;

/**
 * SQL text of the open complaint a new one most likely duplicates, given SQL expressions for its
 * id, title, kecamatan and received time: a title at least DUPLICATE_THRESHOLD similar (pg_trgm),
 * no one's duplicate itself, among the FLAG_CANDIDATES newest open complaints received before it
 * (an equal time: a smaller id) in the 7 days before it — of its kecamatan when it has one, of
 * the whole region otherwise; the most similar, then the earliest. Complaints received after it
 * are never compared, so a re-run gives the same answer and two look-alikes never flag each other.
 * Each branch walks (kecamatan_id, created_at) or (created_at, id) from the new complaint
 * backwards and stops at FLAG_CANDIDATES rows; the branch that does not apply is a one-time
 * filter. So a check costs at most 50 similarity computations however busy the week: comparing
 * with all 4,400 open complaints of a busy week cost PostgreSQL 10.7 ms per complaint, with 200
 * still 2.5 ms; 50 covers about a week of one kecamatan at Batam's volume, and the comparison
 * panel on the complaint page still looks 30 days back. Even 50 cost about 0.5 ms (each
 * similarity() takes ~9 µs: it draws the trigrams of both titles every time), which is why the
 * check runs just after the intake commits (`flagSuspectedDuplicate`), not inside it.
 */
function suspectedDuplicateSql(e: { id: string; title: string; kecamatanId: string; at: string }): string {
  const near = `c.created_at > ${e.at} - ${FLAG_WINDOW} and c.created_at <= ${e.at} and (c.created_at < ${e.at} or c.id < ${e.id}) and c.primary_id is null and c.status in (${OPEN_LIST})`;
  const newest = (where: string) => `(select c.id, c.title, c.created_at from complaints c where ${where} and ${near} order by c.created_at desc limit ${FLAG_CANDIDATES})`;
  return `(select k.id from (
      select n.id, similarity(n.title, ${e.title}) as score, n.created_at from ${newest(`${e.kecamatanId} is not null and c.kecamatan_id = ${e.kecamatanId}`)} n
      union all
      select n.id, similarity(n.title, ${e.title}), n.created_at from ${newest(`${e.kecamatanId} is null`)} n
    ) k where k.score >= ${DUPLICATE_THRESHOLD} order by k.score desc, k.created_at asc, k.id asc limit 1)`;
}

const FLAG = `
  with d as (
    select s.id, ${suspectedDuplicateSql({ id: "s.id", title: "s.title", kecamatanId: "s.kecamatan_id", at: "s.created_at" })} as duplicate_of
    from complaints s where s.id = $1::bigint
  ), u as (
    update complaints t set suspected_duplicate_of_id = d.duplicate_of from d
    where t.id = d.id and t.suspected_duplicate_of_id is distinct from d.duplicate_of
    returning t.id
  )
  select d.duplicate_of, exists (select from u) as changed from d`;

/**
 * Finds the open complaint that complaint `complaintId` most likely duplicates (the rule above)
 * and stores it as its `suspected_duplicate_of_id` (null when none), in one statement; run by the
 * `duplicates.flag` job that the intake statement queues with every complaint (jobs/duplicates.ts).
 * The same complaint gives the same answer however often it runs; a row is written only when the
 * stored value changes. Returns undefined when there is no such complaint.
 */
export async function flagSuspectedDuplicate(db: Db, complaintId: number): Promise<{ duplicateOf: number | null; changed: boolean } | undefined> {
  const [row] = await preparedRows<{ duplicate_of: number | string | null; changed: boolean }>(db, FLAG, [complaintId]);
  return row ? { duplicateOf: row.duplicate_of === null ? null : Number(row.duplicate_of), changed: row.changed } : undefined;
}

/**
 * The tracking code of the complaint a listed complaint is suspected to duplicate (found just
 * after intake), while a merge is still possible: both open and neither merged; null otherwise.
 */
export const suspectedDuplicateCode = sql<string | null>`(select p.tracking_code from complaints p
  where p.id = ${complaints.suspectedDuplicateOfId} and p.primary_id is null and p.status in (${sql.raw(OPEN_LIST)})
  and ${complaints.primaryId} is null and ${complaints.status} in (${sql.raw(OPEN_LIST)}))`;
