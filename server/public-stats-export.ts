import { PUBLIC_DIMENSIONS, type PublicDimension } from "@/db/queries/public-stats";
import { BOARD_CLOCKS, bouncesPerComplaint, meanRating, onTimeRate, percent, round, type Figures } from "@/domain/sla-stats";
import { toCsv } from "@/domain/csv";
import type { PublicStatsView } from "./public-stats";
import { FIGURE_COLUMNS, figureCells } from "./sla-csv";

/** Open-data licence of the downloads. */
const LICENSE = "CC-BY-4.0";

function flat(f: Figures) {
  return {
    complaints: f.complaints,
    ...Object.fromEntries(
      BOARD_CLOCKS.map((c) => [c, { onTimePct: percent(onTimeRate(f, c)), met: f.met[c], counted: f.counted[c], medianHours: round(f.medianHours[c], 1) }]),
    ),
    bouncesPerComplaint: round(bouncesPerComplaint(f), 3),
    ratingMean: round(meanRating(f), 2),
    ratings: f.ratings,
  };
}

const JSON_KEYS: Record<PublicDimension, string> = { opd: "byOpd", category: "byCategory", kecamatan: "byKecamatan", month: "byMonth", channel: "byChannel" };

/** The year's figures as an open-data JSON document: counts and rates only, nothing personal. */
export function statsJson(v: PublicStatsView) {
  return {
    region: v.region,
    year: v.year,
    generatedAt: v.generatedAt,
    license: LICENSE,
    definitions: {
      period: `Complaints received in the year (${v.timeZone}).`,
      onTimePct: "Deadlines met ÷ deadlines met, met late or passed unmet; running clocks not yet due are not counted.",
      medianHours: "Median hours from receipt to the end of the clock, over complaints that reached it.",
      bouncesPerComplaint: "Re-dispositions and 'not our authority' returns per complaint.",
      ratingMean: "Mean reporter rating (1–5) over rated complaints.",
    },
    total: flat(v.total),
    ...Object.fromEntries(
      PUBLIC_DIMENSIONS.map((d) => [
        JSON_KEYS[d],
        v.by[d].map((r) => ({ ...(d === "month" ? { month: r.key?.slice(0, 7) ?? null } : d === "channel" ? { channel: r.key } : { code: r.code, name: r.name }), ...flat(r.figures) })),
      ]),
    ),
  };
}

/** The same as CSV in long form: one row per dimension and group, and a total row. */
export function statsCsv(v: PublicStatsView): string {
  const header = ["year", "dimension", "key", "name", ...FIGURE_COLUMNS];
  const rows = PUBLIC_DIMENSIONS.flatMap((d) =>
    v.by[d].map((r) => [v.year, d, d === "month" ? (r.key?.slice(0, 7) ?? null) : d === "channel" ? r.key : r.code, r.name, ...figureCells(r.figures)]),
  );
  return toCsv(header, [...rows, [v.year, "total", null, null, ...figureCells(v.total)]]);
}

/** Shared caches may keep the downloads about as long as the facts behind them last (SLA_STATS_SECONDS, 60 by default). */
export const PUBLIC_CACHE_CONTROL = "public, max-age=60";
