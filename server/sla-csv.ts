import type { OpenStates } from "@/db/queries/sla-board";
import { BOARD_CLOCKS, bouncesPerComplaint, CLOCK_STATES, meanRating, onTimeRate, percent, round, type Figures } from "@/domain/sla-stats";
import { toCsv } from "@/domain/csv";

const SNAKE = { verification: "verification", firstResponse: "first_response", resolution: "resolution" } as const;

/** Column names of the figures part of every CSV (machine-readable, stable, English). */
export const FIGURE_COLUMNS = [
  "complaints",
  ...BOARD_CLOCKS.flatMap((c) => [`${SNAKE[c]}_on_time_pct`, `${SNAKE[c]}_met`, `${SNAKE[c]}_counted`]),
  ...BOARD_CLOCKS.map((c) => `${SNAKE[c]}_median_hours`),
  "bounces_per_complaint",
  "rating_mean",
  "ratings",
] as const;

/** The figures of one group in FIGURE_COLUMNS order. */
export function figureCells(f: Figures | null): (number | null)[] {
  if (!f) return FIGURE_COLUMNS.map(() => null);
  return [
    f.complaints,
    ...BOARD_CLOCKS.flatMap((c) => [percent(onTimeRate(f, c)), f.met[c], f.counted[c]]),
    ...BOARD_CLOCKS.map((c) => round(f.medianHours[c], 1)),
    round(bouncesPerComplaint(f), 3),
    round(meanRating(f), 2),
    f.ratings,
  ];
}

/** The board as CSV: one row per OPD and a total, the period's figures then the open clocks now. */
export function boardCsv(
  rows: { code: string | null; name: string | null; figures: Figures | null; open: OpenStates | null }[],
  total: { figures: Figures; open: OpenStates },
  period: { from: string; to: string },
  labels: { noOpd: string; total: string },
): string {
  const header = ["period_from", "period_to", "opd_code", "opd_name", ...FIGURE_COLUMNS, ...CLOCK_STATES.map((s) => `open_${s}`)];
  const line = (code: string | null, name: string, f: Figures | null, o: OpenStates | null) => [
    period.from,
    period.to,
    code,
    name,
    ...figureCells(f),
    ...CLOCK_STATES.map((s) => (o ? o[s] : 0)),
  ];
  return toCsv(header, [
    ...rows.map((r) => line(r.code, r.name ?? labels.noOpd, r.figures, r.open)),
    line(null, labels.total, total.figures, total.open),
  ], { bom: true });
}
