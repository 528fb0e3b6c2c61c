import { and, desc, eq, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { complaints } from "../schema";
import { listFrom, type ComplaintListRow } from "./staff-complaints";

export const SEARCH_LIMIT = 50;

export type SearchScope = { kind: "all" } | { kind: "opd"; opdId: number };

/** Title and body as Indonesian stems (a stored generated column, indexed by complaints_search_idx). */
const document = complaints.searchVector;

const inScope = (scope: SearchScope, where: SQL | undefined) => (scope.kind === "opd" ? and(eq(complaints.opdId, scope.opdId), where) : where);

const newestFirst = (db: Db, where: SQL | undefined, limit = SEARCH_LIMIT) =>
  listFrom(db).where(where).orderBy(desc(complaints.id)).limit(limit);

/** Exact identifiers: the tracking code, LAPOR's tracking id or LAPOR's own id (each a unique or indexed column). */
export function searchByIdentifier(db: Db, scope: SearchScope, q: { code: string | null; laporId: string | null }) {
  const any = [
    q.code ? eq(complaints.trackingCode, q.code) : undefined,
    q.laporId ? eq(complaints.laporTrackingId, q.laporId) : undefined,
    q.laporId ? eq(complaints.laporId, q.laporId) : undefined,
  ].filter((x): x is SQL => x !== undefined);
  if (any.length === 0) return Promise.resolve([] as ComplaintListRow[]);
  return newestFirst(db, inScope(scope, or(...any)), 10);
}

/**
 * The reporter's contact data (callers decide who may): a phone in E.164, an e-mail (any
 * case) or a NIK. Anonymous reporters only when `includeAnonymous`.
 */
export function searchByContact(db: Db, scope: SearchScope, c: { kind: "phone" | "email" | "nik"; value: string }, includeAnonymous: boolean) {
  const match =
    c.kind === "phone" ? eq(complaints.reporterPhone, c.value) : c.kind === "email" ? sql`lower(${complaints.reporterEmail}) = ${c.value}` : eq(complaints.reporterNik, c.value);
  return newestFirst(db, inScope(scope, and(match, includeAnonymous ? undefined : eq(complaints.anonymous, false))));
}

/** How many of the newest complaints the words are looked for in first (then, when too few match, in all). */
const RECENT_WINDOW = 20_000;

/**
 * The id above which the newest ~RECENT_WINDOW complaints lie (ids are a sequence), rounded
 * down to 10,000 so that the few distinct query texts stay prepared; 0 on a small database.
 */
export async function recentFloor(db: Db): Promise<number> {
  const [r] = await db.select({ max: sql<string | null>`max(${complaints.id})` }).from(complaints);
  return Math.max(0, Math.floor((Number(r?.max ?? 0) - RECENT_WINDOW) / 10_000) * 10_000);
}
// An integer we computed, inlined so the planner sees the range (a parameter would get a generic plan).
const above = (floor: number) => (floor > 0 ? sql`${complaints.id} > ${sql.raw(String(Math.trunc(floor)))}` : undefined);

/**
 * Words in the title and body (full text, Indonesian stems), newest first: among the newest
 * complaints (`floor`, from recentFloor) first — a common word fills the page there without
 * reading its every match — and among all of them only when that finds too few.
 */
export async function searchByWords(db: Db, scope: SearchScope, words: string, floor = 0) {
  const match = sql`${document} @@ websearch_to_tsquery('indonesian', ${words})`;
  const recent = await newestFirst(db, inScope(scope, and(match, above(floor))));
  if (recent.length >= SEARCH_LIMIT || floor === 0) return recent;
  const older = await newestFirst(db, inScope(scope, and(match, sql`${complaints.id} <= ${sql.raw(String(Math.trunc(floor)))}`)), SEARCH_LIMIT - recent.length);
  return [...recent, ...older];
}

/**
 * Typos: titles of the newest complaints containing something close to the words (pg_trgm
 * word similarity, served by the title's trigram index), most similar first.
 */
export function searchByTypo(db: Db, scope: SearchScope, words: string, floor = 0, limit = 20) {
  return listFrom(db)
    .where(inScope(scope, and(sql`${words} <% ${complaints.title}`, above(floor))))
    .orderBy(sql`word_similarity(${words}, ${complaints.title}) desc`, desc(complaints.id))
    .limit(limit);
}
