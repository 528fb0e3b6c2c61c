import { TZDate } from "@date-fns/tz";
import { sql, type SQL } from "drizzle-orm";
import type { Channel } from "@/domain/complaint-status";
import type { Db } from "@/db/client";
import { rowsOf, zoneSql } from "@/db/raw";

/**
 * The daily summary `sla_daily` (db/schema-sla-stats.ts): kept from `sla_facts` a whole day at a
 * time, read by the SLA board and /statistik so a period's figures cost a few thousand summary
 * rows instead of every complaint received in it.
 */


/** Which extra dimension a summary row carries besides the OPD (`sla_daily.dims`). */
const DIMS = { opd: 0, category: 1, kecamatan: 2, channel: 3 } as const;
export type Dims = (typeof DIMS)[keyof typeof DIMS];

const secs = (end: string, clock: string) =>
  sql.raw(`coalesce(array_agg(extract(epoch from f.${end} - f.created_at)::float8) filter (where f.${end} is not null), '{}') as ${clock}_secs`);

/**
 * Rebuilds the summary rows of the given local days (YYYY-MM-DD), or of every day: one
 * statement that deletes the days' rows and inserts them again from `sla_facts` (the delete and
 * the insert see the same snapshot, so readers never see a day half-built once it commits).
 */
export async function rebuildDaily(db: Db, days: readonly string[] | "all", timeZone: string): Promise<void> {
  if (days !== "all" && days.length === 0) return;
  const TZ = zoneSql(timeZone);
  const dayList = days === "all" ? null : sql`${`{${days.join(",")}}`}::date[]`;
  const facts =
    dayList === null
      ? sql`sla_facts f`
      : sql`unnest(${dayList}) d(day) join sla_facts f
          on f.created_at >= (d.day::timestamp at time zone ${TZ}) and f.created_at < ((d.day + 1)::timestamp at time zone ${TZ})`;
  const day = sql`((f.created_at at time zone ${TZ})::date)`;
  await db.execute(sql`
    with gone as (delete from sla_daily ${dayList === null ? sql`` : sql`where day = any(${dayList})`})
    insert into sla_daily (day, dims, opd_id, category_id, kecamatan_id, channel, complaints, v_met, v_counted, f_met, f_counted,
      r_met, r_counted, bounces, rating_sum, ratings, v_secs, f_secs, r_secs)
    select ${day},
      case grouping(f.category_id, f.kecamatan_id, f.channel) when 7 then 0 when 3 then 1 when 5 then 2 else 3 end,
      f.opd_id, f.category_id, f.kecamatan_id, f.channel,
      count(*)::int,
      count(*) filter (where f.verification_outcome = 1)::int, count(*) filter (where f.verification_outcome >= 1)::int,
      count(*) filter (where f.first_response_outcome = 1)::int, count(*) filter (where f.first_response_outcome >= 1)::int,
      count(*) filter (where f.resolution_outcome = 1)::int, count(*) filter (where f.resolution_outcome >= 1)::int,
      coalesce(sum(f.bounce_count), 0)::int, coalesce(sum(f.rating), 0)::int, count(f.rating)::int,
      ${secs("verified_at", "v")}, ${secs("first_responded_at", "f")}, ${secs("responded_at", "r")}
    from ${facts}
    group by grouping sets ((${day}, f.opd_id), (${day}, f.opd_id, f.category_id), (${day}, f.opd_id, f.kecamatan_id), (${day}, f.opd_id, f.channel))`);
}

/** True when the instant is a midnight in the region's zone (a whole local day starts there). */
function isLocalMidnight(d: Date, timeZone: string): boolean {
  const t = new TZDate(d, timeZone);
  return t.getHours() === 0 && t.getMinutes() === 0 && t.getSeconds() === 0 && t.getMilliseconds() === 0;
}

const localDay = (d: Date, timeZone: string) => {
  const t = new TZDate(d, timeZone);
  return `${t.getFullYear()}-${String(t.getMonth() + 1).padStart(2, "0")}-${String(t.getDate()).padStart(2, "0")}`;
};

export type DailyFilter = { start: Date; end: Date; timeZone: string; opdId?: number | null; categoryId?: number; kecamatanId?: number; channel?: Channel };

/**
 * The summary rows that answer a filter, as a SQL subquery of `sla_daily` (alias-free), or null
 * when the summary cannot: a period not made of whole local days, or more than one of category,
 * area and channel at once (the caller then reads `sla_facts`).
 */
export function dailyRows(s: DailyFilter, dims?: Dims): SQL | null {
  if (!isLocalMidnight(s.start, s.timeZone) || !isLocalMidnight(s.end, s.timeZone)) return null;
  const extra = [s.categoryId !== undefined, s.kecamatanId !== undefined, s.channel !== undefined].filter(Boolean).length;
  if (extra > 1 || (dims !== undefined && extra > 0)) return null;
  const use: Dims = dims ?? (s.categoryId !== undefined ? DIMS.category : s.kecamatanId !== undefined ? DIMS.kecamatan : s.channel !== undefined ? DIMS.channel : DIMS.opd);
  const where: SQL[] = [sql`dims = ${use}`, sql`day >= ${localDay(s.start, s.timeZone)}::date`, sql`day < ${localDay(s.end, s.timeZone)}::date`];
  if (s.opdId === null) where.push(sql`opd_id is null`);
  else if (s.opdId !== undefined) where.push(sql`opd_id = ${s.opdId}`);
  if (s.categoryId !== undefined) where.push(sql`category_id = ${s.categoryId}`);
  if (s.kecamatanId !== undefined) where.push(sql`kecamatan_id = ${s.kecamatanId}`);
  if (s.channel !== undefined) where.push(sql`channel = ${s.channel}`);
  return sql`select * from sla_daily where ${sql.join(where, sql` and `)}`;
}

/** Summed counts of summary rows `d` (the same columns as FIGURES in sla-board.ts, without medians). */
const DAILY_COUNTS = sql`
  coalesce(sum(d.complaints), 0)::int as complaints,
  coalesce(sum(d.v_met), 0)::int as v_met, coalesce(sum(d.v_counted), 0)::int as v_counted,
  coalesce(sum(d.f_met), 0)::int as f_met, coalesce(sum(d.f_counted), 0)::int as f_counted,
  coalesce(sum(d.r_met), 0)::int as r_met, coalesce(sum(d.r_counted), 0)::int as r_counted,
  coalesce(sum(d.bounces), 0)::int as bounces, coalesce(sum(d.rating_sum), 0)::int as rating_sum, coalesce(sum(d.ratings), 0)::int as ratings`;

/** Exact medians (hours) of summary rows `d`, from their duration arrays. */
const DAILY_MEDIANS = sql`
  percentile_cont(0.5) within group (order by u.v) / 3600 as v_median,
  percentile_cont(0.5) within group (order by u.f) / 3600 as f_median,
  percentile_cont(0.5) within group (order by u.r) / 3600 as r_median`;

/**
 * Figures of summary rows grouped by one key expression over `d` (e.g. `d.opd_id`) and in total:
 * rows `{ key, total (1 for the total row), …counts, …medians }`.
 */
export async function dailyFigures<R>(db: Db, rows: SQL, key: SQL): Promise<R[]> {
  return rowsOf<R>(
    await db.execute(sql`
      with d as (${rows}),
      c as (select ${key} as key, grouping(${key}) as total, ${DAILY_COUNTS} from d group by grouping sets ((${key}), ())),
      m as (
        select ${key} as key, grouping(${key}) as total, ${DAILY_MEDIANS}
        from d cross join lateral unnest(d.v_secs, d.f_secs, d.r_secs) u(v, f, r)
        group by grouping sets ((${key}), ())
      )
      select c.*, m.v_median, m.f_median, m.r_median
      from c left join m on m.total = c.total and m.key is not distinct from c.key`),
  );
}
