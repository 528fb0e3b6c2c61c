import "server-only";
import type { Db } from "@/db/client";
import { sql } from "drizzle-orm";
import { figuresByOpd, monthlyTrend, openComplaints, openOverview, type BoardScope, type OpenStates, type PeriodScope } from "@/db/queries/sla-board";
import { openShareStates, shareFiguresByOpd, type ShareFigures } from "@/db/queries/opd-clocks";
import { rowsOf } from "@/db/raw";
import type { Role } from "@/domain/complaint-status";
import { slaBoardScope, type StaffScope } from "@/domain/permissions";
import { listRowFor } from "@/domain/reporter-text";
import { monthsEndingWith, NO_OPD, parseBoardParams, periodBounds, type BoardFilter, type ClockState, type Figures, type FilterProblem } from "@/domain/sla-stats";
import { localDate } from "@/domain/working-days";
import { reference, type Reference } from "./reference";

/** How many breached complaints the board itself lists; the drill-down pages through all. */
const BREACHED_ON_BOARD = 10;

export type BoardParams = Record<string, string | string[] | undefined>;

export type BoardContext = {
  filter: BoardFilter;
  problems: FilterProblem[];
  /** The OPD an OPD head is confined to (the filter cannot widen it). */
  ownOpd: { id: number; code: string; name: string } | null;
  /** The reader's role: what of an anonymous complaint's title they may see. */
  role: Role;
  scope: Omit<BoardScope, "start" | "end">;
  period: { start: Date; end: Date; timeZone: string };
  ref: Reference;
};

/**
 * Resolves the board's GET parameters for a staff member. An OPD head's OPD is forced whatever
 * the URL says; callers must have checked `slaBoardScope` is not "none".
 */
export async function boardContext(db: Db, staff: StaffScope, params: BoardParams, now: Date): Promise<BoardContext> {
  const ref = await reference(db);
  const access = slaBoardScope(staff);
  if (access.kind === "none") throw new Error("boardContext called for a staff member without a board");
  const ownOpd = access.kind === "opd" ? (ref.opds.find((o) => o.id === access.opdId) ?? null) : null;
  const { filter, problems } = parseBoardParams(params, localDate(now, ref.calendar.timeZone), {
    opdCodes: ownOpd ? [ownOpd.code] : ref.opds.map((o) => o.code),
    categoryCodes: ref.categories.map((c) => c.code),
    kecamatanIds: ref.areas.map((k) => k.id),
  });
  if (ownOpd) filter.opdCode = ownOpd.code;
  const scope: BoardContext["scope"] = {
    opdId: filter.opdCode === NO_OPD ? null : filter.opdCode ? ref.opds.find((o) => o.code === filter.opdCode)?.id : undefined,
    categoryId: filter.categoryCode ? ref.categories.find((c) => c.code === filter.categoryCode)?.id : undefined,
    kecamatanId: filter.kecamatanId,
    channel: filter.channel,
  };
  return {
    filter,
    problems,
    ownOpd: ownOpd ? { id: ownOpd.id, code: ownOpd.code, name: ownOpd.name } : null,
    role: staff.role,
    scope,
    period: { ...periodBounds(filter.from, filter.to, ref.calendar.timeZone), timeZone: ref.calendar.timeZone },
    ref,
  };
}

/**
 * The period figures (per OPD, and the monthly trend) only change when the `sla.facts` job
 * rebuilds the daily summary, so they are kept per filter until its next run: the version is the
 * job's last finish (a failed run may have committed part of its work, so its time counts too).
 * The open clocks and the breached list stay live. A small map per database handle, oldest out first.
 */
const PERIOD_CACHE_SIZE = 64;
const periodCaches = new WeakMap<Db, Map<string, { version: string; value: Promise<PeriodFigures> }>>();
type PeriodFigures = [Awaited<ReturnType<typeof figuresByOpd>>, Awaited<ReturnType<typeof monthlyTrend>>];

async function factsVersion(db: Db): Promise<string> {
  const [row] = rowsOf<{ v: string | null }>(
    await db.execute(sql`select concat_ws('/', last_started_at::text, last_ok_at::text, last_error_at::text) as v from job_leases where name = 'sla.facts'`),
  );
  return row?.v ?? "";
}

/** Period figures for the board, computed once per filter and summary version. */
export async function periodFigures(db: Db, scope: PeriodScope, trend: PeriodScope): Promise<PeriodFigures> {
  const key = JSON.stringify([scope, trend]);
  const version = await factsVersion(db);
  let periodCache = periodCaches.get(db);
  if (!periodCache) periodCaches.set(db, (periodCache = new Map()));
  const hit = periodCache.get(key);
  if (hit && hit.version === version) return hit.value;
  const value = Promise.all([figuresByOpd(db, scope), monthlyTrend(db, trend)]);
  periodCache.delete(key);
  periodCache.set(key, { version, value });
  if (periodCache.size > PERIOD_CACHE_SIZE) periodCache.delete(periodCache.keys().next().value!);
  value.catch(() => periodCache.delete(key));
  return value;
}

export type BoardRow = {
  opdId: number | null;
  code: string | null;
  name: string | null;
  /** On the citizen's clock ("tenggat warga"): the period's figures and the open complaints now. */
  figures: Figures | null;
  open: OpenStates | null;
  /** On the OPD's own clock ("tenggat OPD"): its running shares now and its shares of the period. */
  opdOpen: OpenStates | null;
  shares: ShareFigures | null;
};

/** Everything the board shows: per-OPD rows (figures for the period, open clocks now), trend, worst breaches. */
export async function loadBoard(db: Db, ctx: BoardContext, now: Date) {
  const trendMonths = monthsEndingWith(ctx.filter.to, 12);
  const trendStart = periodBounds(trendMonths[0]!, ctx.filter.to, ctx.period.timeZone).start;
  const [[figures, trend], open, opdOpen, shares] = await Promise.all([
    periodFigures(db, { ...ctx.scope, ...ctx.period }, { ...ctx.scope, start: trendStart, end: ctx.period.end, timeZone: ctx.period.timeZone }),
    openOverview(db, ctx.scope, now, BREACHED_ON_BOARD),
    openShareStates(db, ctx.scope, now),
    shareFiguresByOpd(db, { ...ctx.scope, ...ctx.period }, now),
  ]);
  const breached = open.breached.map((r) => listRowFor(ctx.role, r));
  const ids = new Set<number | null>([...figures.byOpd.map((r) => r.opdId), ...open.byOpd.keys(), ...opdOpen.keys(), ...shares.keys()]);
  const rows: BoardRow[] = [...ids]
    .map((id) => {
      const opd = id === null ? undefined : ctx.ref.opds.find((o) => o.id === id);
      return {
        opdId: id,
        code: opd?.code ?? null,
        name: opd?.name ?? null,
        figures: figures.byOpd.find((r) => r.opdId === id)?.figures ?? null,
        open: open.byOpd.get(id) ?? null,
        opdOpen: id === null ? null : (opdOpen.get(id) ?? null),
        shares: id === null ? null : (shares.get(id) ?? null),
      };
    })
    // OPDs by name; complaints with no OPD (awaiting verification) last.
    .sort((a, b) => (a.name === null ? 1 : b.name === null ? -1 : a.name.localeCompare(b.name, "id")));
  const byMonth = new Map(trend.map((m) => [m.month, m]));
  return {
    total: figures.total,
    openTotal: open.total,
    rows,
    trend: trendMonths.map((month) => byMonth.get(month) ?? { month, complaints: 0, met: { verification: 0, firstResponse: 0, resolution: 0 }, counted: { verification: 0, firstResponse: 0, resolution: 0 } }),
    breached,
  };
}

/** Drill-down: open complaints of the board's scope in one clock state, a page at a time. */
export async function loadDrillDown(db: Db, ctx: BoardContext, now: Date, state: ClockState | undefined, page: number, pageSize: number) {
  const rows = await openComplaints(db, ctx.scope, now, { state, limit: pageSize + 1, offset: page * pageSize });
  return rows.map((r) => listRowFor(ctx.role, r));
}
