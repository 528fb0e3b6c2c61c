import { asc, eq, sql, type SQL } from "drizzle-orm";
import type { ClockState } from "@/domain/sla-stats";
import type { Db } from "@/db/client";
import { opds } from "@/db/schema";
import { opdClocks } from "@/db/schema-sla";
import { rowsOf, ts } from "@/db/raw";

/**
 * Each OPD's own share of a complaint (`opd_clocks`): for the staff complaint page (the history
 * of hand-offs) and the SLA board's "tenggat OPD" beside the citizen's deadline.
 */

/** Every share of one complaint, oldest first, with the OPD's name. */
export async function sharesOf(db: Db, complaintId: number) {
  return db
    .select({
      id: opdClocks.id,
      opdId: opdClocks.opdId,
      opdName: opds.name,
      startedAt: opdClocks.startedAt,
      startedBy: opdClocks.startedBy,
      firstResponseDue: opdClocks.firstResponseDue,
      resolutionDue: opdClocks.resolutionDue,
      firstRespondedAt: opdClocks.firstRespondedAt,
      endedAt: opdClocks.endedAt,
      endReason: opdClocks.endReason,
      heldMs: opdClocks.heldMs,
    })
    .from(opdClocks)
    .innerJoin(opds, eq(opds.id, opdClocks.opdId))
    .where(eq(opdClocks.complaintId, complaintId))
    .orderBy(asc(opdClocks.startedAt), asc(opdClocks.id));
}
export type Share = Awaited<ReturnType<typeof sharesOf>>[number];

/**
 * A bounce (a share ended by a return or a re-disposition) is late when it came after the
 * OPD's own first-response deadline; `isLateBounce` in domain/opd-share.ts says the same.
 */
const LATE_BOUNCE = sql.raw(`s.end_reason in ('returned', 'redisposed') and s.ended_at > coalesce(s.first_response_due, s.resolution_due)`);

type Dims = { opdId?: number | null; categoryId?: number; kecamatanId?: number; channel?: string };
/** The board's filters on the share (OPD) and its complaint `c`. */
/**
 * Whether a filter needs the share's complaint (category, kecamatan, channel). Without one the
 * board's share queries read only covering indexes (migration 0029): the period's shares from
 * opd_clocks_started_cover_idx, the running ones from opd_clocks_open_idx, a paused share by its
 * complaint's id among those awaiting the reporter (one hashed lookup, not one per share). With
 * 1,000,000 complaints: period figures ~400 → ~90 ms, running states ~130 → ~12 ms.
 */
const byComplaint = (d: Dims) => d.categoryId !== undefined || d.kecamatanId !== undefined || d.channel !== undefined;

function where(d: Dims): SQL {
  const parts: SQL[] = [];
  if (d.opdId === null) parts.push(sql`false`);
  else if (d.opdId !== undefined) parts.push(sql`s.opd_id = ${d.opdId}`);
  if (d.categoryId !== undefined) parts.push(sql`c.category_id = ${d.categoryId}`);
  if (d.kecamatanId !== undefined) parts.push(sql`c.kecamatan_id = ${d.kecamatanId}`);
  if (d.channel !== undefined) parts.push(sql`c.channel = ${d.channel}`);
  return parts.length ? sql.join(parts, sql` and `) : sql`true`;
}

/**
 * Running shares per OPD by the state of the OPD's own clock: paused while the complaint awaits
 * the reporter, breached past its deadline (first response while the OPD has not written, or
 * resolution), at risk from the 80 % mark. Live, like the citizen's open clocks.
 */
export async function openShareStates(db: Db, d: Dims, now: Date): Promise<Map<number, Record<ClockState, number>>> {
  const at = ts(now);
  const rows = rowsOf<{ opd_id: number; state: ClockState; n: number }>(
    await db.execute(sql`
      select opd_id, state, count(*)::int as n from (
        select s.opd_id, case
          when s.complaint_id in (select w.id from complaints w where w.status = 'awaiting_reporter') then 'paused'
          when (s.first_responded_at is null and s.first_response_due < ${at}) or s.resolution_due < ${at} then 'breached'
          when (s.first_responded_at is null and s.first_response_risk_at <= ${at}) or s.resolution_risk_at <= ${at} then 'at_risk'
          else 'on_track' end as state
        from opd_clocks s ${byComplaint(d) ? sql`join complaints c on c.id = s.complaint_id` : sql``}
        where s.ended_at is null and ${where(d)}
      ) x group by opd_id, state`),
  );
  const out = new Map<number, Record<ClockState, number>>();
  for (const r of rows) {
    const key = Number(r.opd_id);
    const states = out.get(key) ?? { on_track: 0, at_risk: 0, breached: 0, paused: 0 };
    states[r.state] += Number(r.n);
    out.set(key, states);
  }
  return out;
}

export type ShareFigures = {
  /** Shares started in the period. */
  shares: number;
  /** Answered by the OPD within its own deadline / answered, or still unanswered past it. */
  met: number;
  counted: number;
  /** Returned or re-disposed away; of those, after the OPD's first-response deadline. */
  bounces: number;
  lateBounces: number;
  /** Median and longest working days held before a bounce, pauses left out. */
  medianBounceDays: number | null;
  maxBounceDays: number | null;
};

/** The OPDs' own shares started in [start, end), per OPD: on time on the OPD clock, bounces and how late. */
export async function shareFiguresByOpd(db: Db, d: Dims & { start: Date; end: Date }, now: Date): Promise<Map<number, ShareFigures>> {
  const day = 86_400_000;
  const rows = rowsOf<{ opd_id: number; shares: number; met: number; counted: number; bounces: number; late: number; median: number | string | null; max: number | string | null }>(
    await db.execute(sql`
      select s.opd_id, count(*)::int as shares,
        count(*) filter (where s.end_reason = 'responded' and s.ended_at <= s.resolution_due)::int as met,
        count(*) filter (where s.end_reason = 'responded' or (s.ended_at is null and s.resolution_due < ${ts(now)}))::int as counted,
        count(*) filter (where s.end_reason in ('returned', 'redisposed'))::int as bounces,
        count(*) filter (where ${LATE_BOUNCE})::int as late,
        percentile_cont(0.5) within group (order by s.held_ms) filter (where s.end_reason in ('returned', 'redisposed')) / ${day} as median,
        max(s.held_ms) filter (where s.end_reason in ('returned', 'redisposed'))::float8 / ${day} as max
      from opd_clocks s ${byComplaint(d) ? sql`join complaints c on c.id = s.complaint_id` : sql``}
      where s.started_at >= ${ts(d.start)} and s.started_at < ${ts(d.end)} and ${where(d)}
      group by s.opd_id`),
  );
  const num = (v: number | string | null) => (v === null ? null : Number(v));
  return new Map(
    rows.map((r) => [
      Number(r.opd_id),
      { shares: Number(r.shares), met: Number(r.met), counted: Number(r.counted), bounces: Number(r.bounces), lateBounces: Number(r.late), medianBounceDays: num(r.median), maxBounceDays: num(r.max) },
    ]),
  );
}
