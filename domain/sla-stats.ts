import { TZDate } from "@date-fns/tz";
import { addDays, addMonths, format, parseISO, startOfMonth, subDays } from "date-fns";
import { CHANNELS, type Channel } from "./complaint-status";

/** The three clocks the boards report on. */
export const BOARD_CLOCKS = ["verification", "firstResponse", "resolution"] as const;
export type BoardClock = (typeof BOARD_CLOCKS)[number];

/** States of an open complaint's running clocks (the worst one counts). */
export const CLOCK_STATES = ["on_track", "at_risk", "breached", "paused"] as const;
export type ClockState = (typeof CLOCK_STATES)[number];

/** Counted figures for one group of complaints (one OPD, one month, one category…). */
export type Figures = {
  complaints: number;
  /** Per clock: deadlines met, and deadlines that counted (met, met late, or passed unmet). */
  met: Record<BoardClock, number>;
  counted: Record<BoardClock, number>;
  /** Median hours from receipt to the end of each clock, over complaints that reached it. */
  medianHours: Record<BoardClock, number | null>;
  bounces: number;
  ratingSum: number;
  ratings: number;
};

/** Share of counted deadlines met, 0–1; null when nothing counted. */
export function onTimeRate(f: Figures, clock: BoardClock): number | null {
  return f.counted[clock] === 0 ? null : f.met[clock] / f.counted[clock];
}

/** Re-dispositions and "bukan wewenang" returns per complaint; null for no complaints. */
export function bouncesPerComplaint(f: Figures): number | null {
  return f.complaints === 0 ? null : f.bounces / f.complaints;
}

/** Mean satisfaction rating (1–5); null when nobody rated. */
export function meanRating(f: Figures): number | null {
  return f.ratings === 0 ? null : f.ratingSum / f.ratings;
}

/** The filters of the board, as shareable GET parameters resolve them. */
export type BoardFilter = {
  /** Inclusive calendar days (YYYY-MM-DD) in the region's time zone. */
  from: string;
  to: string;
  opdCode?: string;
  categoryCode?: string;
  kecamatanId?: number;
  channel?: Channel;
};

/** The `opd` filter value for complaints not (or no longer) with any OPD. */
export const NO_OPD = "-";

export type FilterProblem = "from" | "to" | "range" | "opd" | "category" | "kecamatan" | "channel";

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_RANGE_DAYS = 366 * 5;

/** True for a real calendar day written YYYY-MM-DD. */
export function validDay(s: string): boolean {
  if (!DAY.test(s)) return false;
  const d = parseISO(s);
  return !Number.isNaN(d.getTime()) && format(d, "yyyy-MM-dd") === s;
}

/** The default period: the 90 days up to and including today. */
export function defaultPeriod(today: string): { from: string; to: string } {
  return { from: format(subDays(parseISO(today), 89), "yyyy-MM-dd"), to: today };
}

/**
 * Reads the board's query parameters. Unknown codes and malformed values are reported (and
 * dropped, the period falling back to its default) rather than failing the page.
 */
export function parseBoardParams(
  params: Record<string, string | string[] | undefined>,
  today: string,
  known: { opdCodes: readonly string[]; categoryCodes: readonly string[]; kecamatanIds: readonly number[] },
): { filter: BoardFilter; problems: FilterProblem[] } {
  const one = (k: string) => {
    const v = params[k];
    const s = Array.isArray(v) ? v[0] : v;
    return s?.trim() ? s.trim() : undefined;
  };
  const problems: FilterProblem[] = [];
  const period = defaultPeriod(today);
  let from = one("from") ?? period.from;
  let to = one("to") ?? period.to;
  if (!validDay(from)) {
    problems.push("from");
    from = period.from;
  }
  if (!validDay(to)) {
    problems.push("to");
    to = period.to;
  }
  if (from > to || daysBetween(from, to) > MAX_RANGE_DAYS) {
    problems.push("range");
    ({ from, to } = period);
  }
  const filter: BoardFilter = { from, to };

  const opd = one("opd")?.toUpperCase();
  if (opd === NO_OPD) filter.opdCode = NO_OPD;
  else if (opd) {
    const hit = known.opdCodes.find((c) => c.toUpperCase() === opd);
    if (hit) filter.opdCode = hit;
    else problems.push("opd");
  }
  const category = one("category")?.toUpperCase();
  if (category) {
    const hit = known.categoryCodes.find((c) => c.toUpperCase() === category);
    if (hit) filter.categoryCode = hit;
    else problems.push("category");
  }
  const kec = one("kecamatan");
  if (kec) {
    const id = Number(kec);
    if (Number.isInteger(id) && known.kecamatanIds.includes(id)) filter.kecamatanId = id;
    else problems.push("kecamatan");
  }
  const channel = one("channel");
  if (channel) {
    if ((CHANNELS as readonly string[]).includes(channel)) filter.channel = channel as Channel;
    else problems.push("channel");
  }
  return { filter, problems };
}

function daysBetween(from: string, to: string): number {
  return Math.round((parseISO(to).getTime() - parseISO(from).getTime()) / 86_400_000);
}

/** The filter as query parameters (for links, the CSV export and drill-downs). */
export function filterQuery(filter: BoardFilter, extra: Record<string, string | undefined> = {}): string {
  const q = new URLSearchParams();
  q.set("from", filter.from);
  q.set("to", filter.to);
  if (filter.opdCode) q.set("opd", filter.opdCode);
  if (filter.categoryCode) q.set("category", filter.categoryCode);
  if (filter.kecamatanId !== undefined) q.set("kecamatan", String(filter.kecamatanId));
  if (filter.channel) q.set("channel", filter.channel);
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) q.set(k, v);
  return q.toString();
}

/** The instants bounding inclusive local days `from`–`to` in `timeZone`: [start, end). */
export function periodBounds(from: string, to: string, timeZone: string): { start: Date; end: Date } {
  const midnight = (day: string) => {
    const [y, m, d] = day.split("-").map(Number) as [number, number, number];
    return new TZDate(y, m - 1, d, 0, 0, 0, timeZone);
  };
  const start = midnight(from);
  const end = addDays(midnight(to), 1);
  return { start: new Date(start.getTime()), end: new Date(end.getTime()) };
}

/** The first days (YYYY-MM-DD) of the `count` months ending with the month of `day`. */
export function monthsEndingWith(day: string, count: number): string[] {
  const last = startOfMonth(parseISO(day));
  return Array.from({ length: count }, (_, i) => format(addMonths(last, i - count + 1), "yyyy-MM-dd"));
}

/** Rounds a share (0–1) to a percentage with one decimal; null stays null. */
export function percent(share: number | null): number | null {
  return share === null ? null : Math.round(share * 1000) / 10;
}

/** Rounds to `digits` decimals; null stays null. */
export function round(value: number | null, digits = 1): number | null {
  if (value === null) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
