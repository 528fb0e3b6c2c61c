import { and, eq, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { complaints } from "@/db/schema";

/**
 * The staff search's matches (/petugas/cari), as conditions the staff list (staff-list.ts) pages,
 * filters and counts like any other list. Scope (an OPD role's own OPD) is added by the list.
 */

/** Title and body as Indonesian stems (a stored generated column, indexed by complaints_search_idx). */
const document = complaints.searchVector;

/** Exact identifiers: the tracking code, LAPOR's tracking id or LAPOR's own id (each a unique or indexed column). */
export function identifierMatch(q: { code: string | null; laporId: string | null }): SQL | null {
  const any = [
    q.code ? eq(complaints.trackingCode, q.code) : undefined,
    q.laporId ? eq(complaints.laporTrackingId, q.laporId) : undefined,
    q.laporId ? eq(complaints.laporId, q.laporId) : undefined,
  ].filter((x): x is SQL => x !== undefined);
  return any.length === 0 ? null : (or(...any) ?? null);
}

/**
 * The reporter's contact data (callers decide who may): a phone in E.164, an e-mail (any
 * case) or a NIK. Anonymous reporters only when `includeAnonymous`.
 */
export function contactMatch(c: { kind: "phone" | "email" | "nik"; value: string }, includeAnonymous: boolean): SQL {
  const match =
    c.kind === "phone" ? eq(complaints.reporterPhone, c.value) : c.kind === "email" ? sql`lower(${complaints.reporterEmail}) = ${c.value}` : eq(complaints.reporterNik, c.value);
  return and(match, includeAnonymous ? undefined : eq(complaints.anonymous, false))!;
}

/** Words in the title and body (full text, Indonesian stems). */
export function wordsMatch(words: string): SQL {
  return sql`${document} @@ websearch_to_tsquery('indonesian', ${words})`;
}

/** How many of the newest complaints the typo fallback looks in. */
const RECENT_WINDOW = 20_000;

/**
 * The id above which the newest ~RECENT_WINDOW complaints lie (ids are a sequence), rounded
 * down to 10,000 so that the few distinct query texts stay prepared; 0 on a small database.
 */
export async function recentFloor(db: Db): Promise<number> {
  const [r] = await db.select({ max: sql<string | null>`max(${complaints.id})` }).from(complaints);
  return Math.max(0, Math.floor((Number(r?.max ?? 0) - RECENT_WINDOW) / 10_000) * 10_000);
}

/**
 * Typos: titles of the newest complaints (`floor`, from recentFloor) containing something close
 * to the words (pg_trgm word similarity, served by the title's trigram index).
 */
export function typoMatch(words: string, floor = 0): SQL {
  // An integer we computed, inlined so the planner sees the range (a parameter would get a generic plan).
  return and(sql`${words} <% ${complaints.title}`, floor > 0 ? sql`${complaints.id} > ${sql.raw(String(Math.trunc(floor)))}` : undefined)!;
}
