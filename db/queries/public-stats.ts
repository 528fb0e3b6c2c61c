import { sql } from "drizzle-orm";
import type { Figures } from "@/domain/sla-stats";
import type { Db } from "@/db/client";
import { EMPTY_ROW, FIGURES, toFigures, type FiguresRow } from "./sla-board";
import { rowsOf, ts } from "@/db/raw";

/** The dimensions the public statistics break figures down by. */
export const PUBLIC_DIMENSIONS = ["opd", "category", "kecamatan", "month", "channel"] as const;
export type PublicDimension = (typeof PUBLIC_DIMENSIONS)[number];

/** Keys are ids (opd, category, kecamatan; null = none), YYYY-MM-DD (month) or a channel name. */
export type PublicStats = { total: Figures; by: Record<PublicDimension, { key: string | null; figures: Figures }[]> };

/**
 * Aggregates for complaints received in [start, end), per dimension and in total, in one pass
 * over `sla_facts` (grouping sets). Only counts leave the database: no text, no identity.
 */
export async function publicStats(db: Db, start: Date, end: Date): Promise<PublicStats> {
  const rows = rowsOf<FiguresRow & { opd_id: number | null; category_id: number | null; kecamatan_id: number | null; month: string | null; channel: string | null; g: number }>(
    await db.execute(sql`
      select f.opd_id, f.category_id, f.kecamatan_id, to_char(f.month, 'YYYY-MM-DD') as month, f.channel::text as channel,
        grouping(f.opd_id, f.category_id, f.kecamatan_id, f.month, f.channel) as g, ${FIGURES}
      from sla_facts f where f.created_at >= ${ts(start)} and f.created_at < ${ts(end)}
      group by grouping sets ((f.opd_id), (f.category_id), (f.kecamatan_id), (f.month), (f.channel), ())`),
  );
  // grouping() sets one bit per column left out, the first column being the highest bit.
  const BITS: Record<PublicDimension, number> = { opd: 0b01111, category: 0b10111, kecamatan: 0b11011, month: 0b11101, channel: 0b11110 };
  const key = (r: (typeof rows)[number], d: PublicDimension) => {
    const v = { opd: r.opd_id, category: r.category_id, kecamatan: r.kecamatan_id, month: r.month, channel: r.channel }[d];
    return v === null ? null : String(v);
  };
  const by = Object.fromEntries(
    (Object.keys(BITS) as PublicDimension[]).map((d) => [d, rows.filter((r) => Number(r.g) === BITS[d]).map((r) => ({ key: key(r, d), figures: toFigures(r) }))]),
  ) as PublicStats["by"];
  const total = rows.find((r) => Number(r.g) === 0b11111);
  return { total: toFigures(total ?? EMPTY_ROW), by };
}

/** The years that have complaints, newest first. */
export async function yearsWithComplaints(db: Db): Promise<number[]> {
  const rows = rowsOf<{ y: number }>(
    await db.execute(sql`select distinct extract(year from month)::int as y from (select min(month) as month from sla_facts union all select max(month) from sla_facts) m where month is not null`),
  );
  const ys = rows.map((r) => Number(r.y));
  if (ys.length === 0) return [];
  const [lo, hi] = [Math.min(...ys), Math.max(...ys)];
  return Array.from({ length: hi - lo + 1 }, (_, i) => hi - i);
}

/**
 * Which state of `sla_facts` the figures would be computed from: when the worker's refresh last
 * wrote facts (kept in its job state), or "none" before it ever has.
 */
export async function statsFactsVersion(db: Db): Promise<string> {
  const [row] = rowsOf<{ v: string | null }>(await db.execute(sql`select state->>'changedAt' as v from job_leases where name = 'sla.facts'`));
  return row?.v ?? "none";
}
