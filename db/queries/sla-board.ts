import { sql, type SQL } from "drizzle-orm";
import { CLOCK_RULES, runningSql, type PausableClock } from "@/domain/clock-rules";
import { OPEN_STATUSES, type Channel } from "@/domain/complaint-status";
import { type BoardClock, type ClockState, type Figures } from "@/domain/sla-stats";
import type { AnonymityFacts } from "@/domain/reporter-text";
import type { Db } from "@/db/client";
import { dailyFigures, dailyRows } from "./sla-daily";
import { rowsOf, ts } from "@/db/raw";

/** Filters resolved to ids; `opdId` also carries an OPD head's forced scope. */
export type BoardScope = {
  start: Date;
  end: Date;
  /** null: complaints with no OPD. */
  opdId?: number | null;
  categoryId?: number;
  kecamatanId?: number;
  channel?: Channel;
};

/** A board scope over a period, with the region's zone (which instants make a local day of the daily summary). */
export type PeriodScope = BoardScope & { timeZone: string };

/** Conditions on the dimension columns of `alias` (sla_facts or complaints). */
function dimensions(alias: string, s: Omit<BoardScope, "start" | "end">): SQL[] {
  const col = (c: string) => sql.raw(`${alias}.${c}`);
  const out: SQL[] = [];
  if (s.opdId === null) out.push(sql`${col("opd_id")} is null`);
  else if (s.opdId !== undefined) out.push(sql`${col("opd_id")} = ${s.opdId}`);
  if (s.categoryId !== undefined) out.push(sql`${col("category_id")} = ${s.categoryId}`);
  if (s.kecamatanId !== undefined) out.push(sql`${col("kecamatan_id")} = ${s.kecamatanId}`);
  if (s.channel !== undefined) out.push(sql`${col("channel")} = ${s.channel}`);
  return out;
}

const and = (parts: SQL[]) => (parts.length ? sql.join(parts, sql` and `) : sql`true`);

/** The aggregate columns every figures query selects from `sla_facts f`. */
export const FIGURES = sql`
  count(*)::int as complaints,
  count(*) filter (where f.verification_outcome = 1)::int as v_met,
  count(*) filter (where f.verification_outcome >= 1)::int as v_counted,
  count(*) filter (where f.first_response_outcome = 1)::int as f_met,
  count(*) filter (where f.first_response_outcome >= 1)::int as f_counted,
  count(*) filter (where f.resolution_outcome = 1)::int as r_met,
  count(*) filter (where f.resolution_outcome >= 1)::int as r_counted,
  percentile_cont(0.5) within group (order by extract(epoch from f.verified_at - f.created_at)) filter (where f.verified_at is not null) / 3600 as v_median,
  percentile_cont(0.5) within group (order by extract(epoch from f.first_responded_at - f.created_at)) filter (where f.first_responded_at is not null) / 3600 as f_median,
  percentile_cont(0.5) within group (order by extract(epoch from f.responded_at - f.created_at)) filter (where f.responded_at is not null) / 3600 as r_median,
  coalesce(sum(f.bounce_count), 0)::int as bounces,
  coalesce(sum(f.rating), 0)::int as rating_sum,
  count(f.rating)::int as ratings`;

export type FiguresRow = {
  complaints: number;
  v_met: number;
  v_counted: number;
  f_met: number;
  f_counted: number;
  r_met: number;
  r_counted: number;
  v_median: number | string | null;
  f_median: number | string | null;
  r_median: number | string | null;
  bounces: number;
  rating_sum: number;
  ratings: number;
};

const num = (v: number | string | null) => (v === null ? null : Number(v));

/** Maps one aggregate row (see FIGURES) to `Figures`. */
export function toFigures(r: FiguresRow): Figures {
  return {
    complaints: Number(r.complaints),
    met: { verification: Number(r.v_met), firstResponse: Number(r.f_met), resolution: Number(r.r_met) },
    counted: { verification: Number(r.v_counted), firstResponse: Number(r.f_counted), resolution: Number(r.r_counted) },
    medianHours: { verification: num(r.v_median), firstResponse: num(r.f_median), resolution: num(r.r_median) },
    bounces: Number(r.bounces),
    ratingSum: Number(r.rating_sum),
    ratings: Number(r.ratings),
  };
}

function periodWhere(s: BoardScope): SQL {
  return and([sql`f.created_at >= ${ts(s.start)}`, sql`f.created_at < ${ts(s.end)}`, ...dimensions("f", s)]);
}

/**
 * Figures for complaints received in the period, per OPD (`opdId` null: not with an OPD) and in
 * total: from the daily summary when it can answer the filter, else from `sla_facts`.
 */
export async function figuresByOpd(db: Db, s: PeriodScope): Promise<{ total: Figures; byOpd: { opdId: number | null; figures: Figures }[] }> {
  type Row = FiguresRow & { key: number | null; total: number };
  const daily = dailyRows(s);
  const rows = daily
    ? await dailyFigures<Row>(db, daily, sql`d.opd_id`)
    : rowsOf<Row>(
        await db.execute(sql`
          select f.opd_id as key, grouping(f.opd_id) as total, ${FIGURES}
          from sla_facts f where ${periodWhere(s)}
          group by grouping sets ((f.opd_id), ())`),
      );
  const totalRow = rows.find((r) => Number(r.total) === 1);
  return {
    total: totalRow ? toFigures(totalRow) : toFigures(EMPTY_ROW),
    byOpd: rows
      .filter((r) => Number(r.total) === 0 && Number(r.complaints) > 0)
      .map((r) => ({ opdId: r.key === null ? null : Number(r.key), figures: toFigures(r) })),
  };
}

export const EMPTY_ROW: FiguresRow = {
  complaints: 0, v_met: 0, v_counted: 0, f_met: 0, f_counted: 0, r_met: 0, r_counted: 0,
  v_median: null, f_median: null, r_median: null, bounces: 0, rating_sum: 0, ratings: 0,
};

/** Volume and on-time counts per month (first day, YYYY-MM-DD) from `start` to `end`, without medians. */
export async function monthlyTrend(db: Db, s: PeriodScope): Promise<{ month: string; complaints: number; met: Record<BoardClock, number>; counted: Record<BoardClock, number> }[]> {
  const daily = dailyRows(s);
  const rows = rowsOf<{ month: string | Date; complaints: number; v_met: number; v_counted: number; f_met: number; f_counted: number; r_met: number; r_counted: number }>(
    await db.execute(
      daily
        ? sql`
      select to_char(date_trunc('month', d.day), 'YYYY-MM-DD') as month, sum(d.complaints)::int as complaints,
        sum(d.v_met)::int as v_met, sum(d.v_counted)::int as v_counted, sum(d.f_met)::int as f_met, sum(d.f_counted)::int as f_counted,
        sum(d.r_met)::int as r_met, sum(d.r_counted)::int as r_counted
      from (${daily}) d group by 1 order by 1`
        : sql`
      select to_char(f.month, 'YYYY-MM-DD') as month, count(*)::int as complaints,
        count(*) filter (where f.verification_outcome = 1)::int as v_met, count(*) filter (where f.verification_outcome >= 1)::int as v_counted,
        count(*) filter (where f.first_response_outcome = 1)::int as f_met, count(*) filter (where f.first_response_outcome >= 1)::int as f_counted,
        count(*) filter (where f.resolution_outcome = 1)::int as r_met, count(*) filter (where f.resolution_outcome >= 1)::int as r_counted
      from sla_facts f where ${periodWhere(s)}
      group by f.month order by f.month`,
    ),
  );
  return rows.map((r) => ({
    month: String(r.month),
    complaints: Number(r.complaints),
    met: { verification: Number(r.v_met), firstResponse: Number(r.f_met), resolution: Number(r.r_met) },
    counted: { verification: Number(r.v_counted), firstResponse: Number(r.f_counted), resolution: Number(r.r_counted) },
  }));
}

/**
 * Open complaints with their running clocks' state, live from `complaints`: the worst clock
 * counts; breached once its deadline has passed, "at risk" from its stored at-risk moment (80 %
 * of the clock's working time, computed on the working calendar by server/workflow/clocks.ts —
 * the same moment the SLA sweep notifies at). Read off the partial covering index of open
 * complaints, without calendar arithmetic per row. Columns: id, opd_id, state, clock (the
 * governing clock), due (its deadline).
 */
/** The deadline and at-risk moment of a citizen's clock while it runs (domain/clock-rules.ts), as due_x and risk_x. */
const when = (k: PausableClock) => {
  const r = CLOCK_RULES[k];
  const x = k[0]!;
  return sql.raw(`case when ${runningSql(k)} then c.${r.due} end as due_${x}, case when ${runningSql(k)} then c.${r.riskAt} end as risk_${x}`);
};

function openClocks(s: Omit<BoardScope, "start" | "end">, now: Date): SQL {
  const open = sql.raw(OPEN_STATUSES.filter((x) => x !== "responded").map((x) => `'${x}'`).join(", "));
  const rank = (due: string, risk: string) =>
    sql.raw(`case when ${due} is null then -1 when ${due} < o.now_at then 2 when ${risk} <= o.now_at then 1 else 0 end`);
  return sql`
    with o as (
      select c.id, c.opd_id, c.status,
        ${when("verification")}, ${when("firstResponse")}, ${when("resolution")},
        ${ts(now)} as now_at
      from complaints c
      where c.status in (${open}) and ${and(dimensions("c", s))}
    ),
    ranked as (
      select o.*, ${rank("o.due_v", "o.risk_v")} as r_v, ${rank("o.due_f", "o.risk_f")} as r_f, ${rank("o.due_r", "o.risk_r")} as r_r
      from o
    ),
    worst as (select ranked.*, greatest(r_v, r_f, r_r) as m from ranked)
    select id, opd_id,
      case when status = 'awaiting_reporter' then 'paused' when m = 2 then 'breached' when m = 1 then 'at_risk' else 'on_track' end as state,
      case when status = 'awaiting_reporter' then null when r_v = m then 'verification' when r_f = m and (r_r < m or due_f <= due_r) then 'firstResponse' when r_r = m then 'resolution' end as clock,
      case when status = 'awaiting_reporter' then null else least(case when r_v = m then due_v end, case when r_f = m then due_f end, case when r_r = m then due_r end) end as due
    from worst`;
}

export type OpenStates = Record<ClockState, number>;
const noStates = (): OpenStates => ({ on_track: 0, at_risk: 0, breached: 0, paused: 0 });

type StateRow = { opd_id: number | null; state: ClockState; n: number };

function toStates(rows: StateRow[]) {
  const byOpd = new Map<number | null, OpenStates>();
  const total = noStates();
  for (const r of rows) {
    const key = r.opd_id === null ? null : Number(r.opd_id);
    const states = byOpd.get(key) ?? noStates();
    states[r.state] += Number(r.n);
    total[r.state] += Number(r.n);
    byOpd.set(key, states);
  }
  return { total, byOpd };
}

/** Open complaints by clock state, per OPD (null: not with an OPD) and in total. */
export async function openStatesByOpd(db: Db, s: Omit<BoardScope, "start" | "end">, now: Date) {
  return toStates(rowsOf<StateRow>(await db.execute(sql`select opd_id, state, count(*)::int as n from (${openClocks(s, now)}) x group by opd_id, state`)));
}

export type OpenComplaintRow = {
  trackingCode: string;
  title: string;
  status: string;
  opdName: string | null;
  state: ClockState;
  clock: BoardClock | null;
  due: Date | null;
  lateHours: number | null;
  anonymous: boolean;
};

type ListRow = {
  tracking_code: string;
  title: string;
  status: string;
  opd_name: string | null;
  state: ClockState;
  clock: BoardClock | null;
  due: Date | string | null;
  anonymous: boolean;
  reporter_name: string | null;
  reporter_phone: string | null;
  reporter_email: string | null;
  reporter_nik: string | null;
};

/** Order of the lists: breached first, then by the nearest (for breached: the oldest) deadline. */
const LIST_ORDER = (a: string) => sql.raw(`case when ${a}.state = 'breached' then 0 else 1 end, ${a}.due asc nulls last, ${a}.id`);

/** A page of rows of `clocks` (alias o) with their complaint's public facts; the wide complaints rows are read by id after the limit. */
const listPage = (clocks: SQL, where: SQL, limit: number, offset: number) => sql`
  select x.id, c.tracking_code, c.title, c.status, op.name as opd_name, x.state, x.clock, x.due,
    c.anonymous, c.reporter_name, c.reporter_phone, c.reporter_email, c.reporter_nik
  from (select * from ${clocks} where ${where} order by ${LIST_ORDER("o")} limit ${limit} offset ${offset}) x
  cross join lateral (select * from complaints c where c.id = x.id) c
  left join opds op on op.id = x.opd_id
  order by ${LIST_ORDER("x")}`;

function toOpenRow(r: ListRow, now: Date): OpenComplaintRow & AnonymityFacts {
  const due = r.due === null ? null : new Date(r.due);
  return {
    trackingCode: r.tracking_code,
    title: r.title,
    status: r.status,
    opdName: r.opd_name,
    state: r.state,
    clock: r.clock,
    due,
    lateHours: due && due.getTime() < now.getTime() ? (now.getTime() - due.getTime()) / 3_600_000 : null,
    // Only for redacting the title (listRowFor drops them before anything is shown).
    anonymous: r.anonymous,
    reporterName: r.reporter_name,
    reporterPhone: r.reporter_phone,
    reporterEmail: r.reporter_email,
    reporterNik: r.reporter_nik,
  };
}

/**
 * Open complaints in one clock state (all states when omitted), breached ones by how late
 * they are (latest first), the others by the nearest deadline. The reporter's identity only
 * for `listRowFor` to redact an anonymous complaint's title with, before anything is shown.
 */
export async function openComplaints(db: Db, s: Omit<BoardScope, "start" | "end">, now: Date, opts: { state?: ClockState; limit: number; offset?: number }) {
  const rows = rowsOf<ListRow>(
    await db.execute(listPage(sql`(${openClocks(s, now)}) o`, opts.state ? sql`o.state = ${opts.state}` : sql`true`, opts.limit, opts.offset ?? 0)),
  );
  return rows.map((r) => toOpenRow(r, now));
}

/**
 * The board's live part in one scan of the open complaints: `openStatesByOpd` and the first
 * `breachedLimit` of `openComplaints(…, { state: "breached" })`.
 */
export async function openOverview(db: Db, s: Omit<BoardScope, "start" | "end">, now: Date, breachedLimit: number) {
  const rows = rowsOf<{ j: { states: StateRow[] | null; breached: ListRow[] | null } | string }>(
    await db.execute(sql`
      with o as materialized (${openClocks(s, now)})
      select json_build_object(
        'states', (select json_agg(t) from (select opd_id, state, count(*)::int as n from o group by opd_id, state) t),
        'breached', (select json_agg(t order by t.due asc nulls last, t.id) from (${listPage(sql`o`, sql`o.state = 'breached'`, breachedLimit, 0)}) t)
      ) as j`),
  );
  const raw = rows[0]?.j;
  const j = (typeof raw === "string" ? JSON.parse(raw) : raw) as { states: StateRow[] | null; breached: ListRow[] | null };
  return { ...toStates(j.states ?? []), breached: (j.breached ?? []).map((r) => toOpenRow(r, now)) };
}
