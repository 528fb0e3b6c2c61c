import "server-only";
import type { Db } from "@/db/client";
import { PUBLIC_DIMENSIONS, publicStats, statsFactsVersion, yearsWithComplaints, type PublicDimension } from "@/db/queries/public-stats";
import { onTimeRate, periodBounds, type Figures } from "@/domain/sla-stats";
import { localDate } from "@/domain/working-days";
import { getDb } from "./db";
import { reference } from "./reference";
import { region } from "./region";
import { env } from "@/lib/env";

type PublicRow = { key: string | null; code: string | null; name: string | null; figures: Figures };

/** Plain data only (it is cached as JSON): ids are resolved to public names here. */
export type PublicStatsView = {
  region: string;
  year: number;
  /** The region's zone (PINTU_TIME_ZONE): the year and months are counted in it. */
  timeZone: string;
  generatedAt: string;
  years: number[];
  total: Figures;
  by: Record<PublicDimension, PublicRow[]>;
  /** The most frequent known category, for the annual summary. */
  topCategory: string | null;
};

async function compute(db: Db, year: number, now: Date): Promise<PublicStatsView> {
  const { start, end } = periodBounds(`${year}-01-01`, `${year}-12-31`, env().PINTU_TIME_ZONE);
  const [stats, ref, years] = await Promise.all([publicStats(db, start, end), reference(db), yearsWithComplaints(db)]);
  const names: Record<PublicDimension, (key: string) => { code: string | null; name: string | null }> = {
    opd: (k) => {
      const o = ref.opds.find((x) => String(x.id) === k);
      return { code: o?.code ?? null, name: o?.name ?? null };
    },
    category: (k) => {
      const c = ref.categories.find((x) => String(x.id) === k);
      return { code: c?.code ?? null, name: c?.name ?? null };
    },
    kecamatan: (k) => ({ code: null, name: ref.kecamatanNames.get(Number(k)) ?? null }),
    month: (k) => ({ code: k, name: null }),
    channel: (k) => ({ code: k, name: null }),
  };
  const by = Object.fromEntries(
    PUBLIC_DIMENSIONS.map((d) => [
      d,
      stats.by[d]
        .map((r) => ({ key: r.key, ...(r.key === null ? { code: null, name: null } : names[d](r.key)), figures: r.figures }))
        .sort((a, b) => (d === "month" ? String(a.key).localeCompare(String(b.key)) : b.figures.complaints - a.figures.complaints)),
    ]),
  ) as PublicStatsView["by"];
  const top = by.category.find((r) => r.key !== null && r.name !== null);
  const thisYear = Number(localDate(now, env().PINTU_TIME_ZONE).slice(0, 4));
  return {
    region: region().name,
    year,
    timeZone: env().PINTU_TIME_ZONE,
    generatedAt: now.toISOString(),
    years: years.length ? [...new Set([thisYear, ...years])].sort((a, b) => b - a) : [thisYear],
    total: stats.total,
    by,
    topCategory: top?.name ?? null,
  };
}

type Cached = { version: string; value: Promise<PublicStatsView>; refreshing: boolean };
/** Per database (processes that switch databases: tests, benchmarks), per year. */
const caches = new WeakMap<Db, Map<number, Cached>>();

/**
 * The public statistics of one year, computed in the database from the stored facts (`sla_facts`,
 * refreshed by the worker every SLA_STATS_SECONDS) and kept in this process only while those facts
 * are unchanged: the facts' version (when the refresh last wrote) is read on every visit (one
 * indexed row), so every process and host shows the same figures. When the version moves, the kept
 * copy is still served while **one** recomputation runs (a year's figures take seconds on a
 * million complaints; every visitor starting their own would pile up).
 */
export async function publicStatsView(year: number, db: Db = getDb()): Promise<PublicStatsView> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const version = await statsFactsVersion(db);
  const kept = cache.get(year);
  if (kept && (kept.version === version || kept.refreshing)) return kept.value;
  const value = compute(db, year, new Date());
  if (!kept) {
    cache.set(year, { version, value, refreshing: false });
    value.catch(() => cache.delete(year));
    return value;
  }
  kept.refreshing = true;
  value.then(
    () => cache.set(year, { version, value, refreshing: false }),
    () => (kept.refreshing = false),
  );
  return kept.value;
}

/** The year a request asks for: a 4-digit year between 2000 and this year, else null. */
export function parseYear(value: string | string[] | undefined | null, now: Date): number | null {
  const thisYear = Number(localDate(now, env().PINTU_TIME_ZONE).slice(0, 4));
  if (value === undefined || value === null || value === "") return thisYear;
  const s = Array.isArray(value) ? value[0] : value;
  if (!s || !/^\d{4}$/.test(s)) return null;
  const y = Number(s);
  return y >= 2000 && y <= thisYear ? y : null;
}

/** The share of resolution deadlines met in the year, for the summary sentence. */
export function resolvedOnTime(view: PublicStatsView): number | null {
  return onTimeRate(view.total, "resolution");
}
