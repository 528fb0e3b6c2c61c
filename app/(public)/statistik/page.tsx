import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { TrendChart } from "@/components/sla/charts";
import { statFormat } from "@/components/sla/format";
import { StatsTable } from "@/components/sla/stats-table";
import type { PublicDimension } from "@/db/queries/public-stats";
import { meanRating, type Figures } from "@/domain/sla-stats";
import { parseYear, publicStatsView, resolvedOnTime } from "@/server/public-stats";

export async function generateMetadata() {
  const t = await getTranslations("nav");
  return { title: t("stats") };
}

const DIMENSIONS: PublicDimension[] = ["opd", "category", "kecamatan", "channel"];

export default async function StatisticsPage({ searchParams }: { searchParams: Promise<{ year?: string | string[] }> }) {
  const year = parseYear((await searchParams).year, new Date());
  if (year === null) notFound();
  const view = await publicStatsView(year);
  const t = await getTranslations("stats");
  const tc = await getTranslations("channel");
  const fmt = await statFormat("stats");
  const rate = resolvedOnTime(view);
  const topic = view.topCategory ?? t("uncategorised");
  const monthRows = new Map(view.by.month.map((r) => [r.key, r.figures]));
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}-01`);
  const allPoints = months.map((m) => {
    const f = monthRows.get(m);
    return { label: fmt.month(m), volume: f?.complaints ?? 0, rate: f && f.counted.resolution > 0 ? f.met.resolution / f.counted.resolution : null };
  });
  // The chart starts at the first month with complaints, not on empty months.
  const points = allPoints.slice(Math.max(0, allPoints.findIndex((p) => p.volume > 0)));
  // A median only when something was resolved; under an hour said so, never "0 jam".
  const hours = (f: Figures) => {
    const h = f.medianHours.resolution;
    if (h === null || (h === 0 && f.counted.resolution === 0)) return t("none");
    return h < 1 ? t("lessThanHour") : fmt.hours(h);
  };
  const glossary = (["opd", "verification", "firstResponse", "resolution", "median", "bounces", "rating"] as const).map((k) => t.raw(`glossary.${k}`) as [string, string]);
  const label = (d: PublicDimension, r: { key: string | null; name: string | null }) => {
    if (r.key === null) return d === "kecamatan" ? t("unknownArea") : d === "opd" ? t("noOpd") : t("uncategorised");
    if (d === "channel") return tc(r.key);
    if (d === "month") return fmt.monthLong(r.key);
    return r.name ?? r.key;
  };
  const q = `?year=${year}`;
  return (
    <div className="space-y-8">
      <div className="space-y-3">
        <h1 className="text-3xl font-bold text-brand-800">{t("title", { year })}</h1>
        <p className="max-w-3xl text-slate-700">{t("lead", { region: view.region })}</p>
        <form method="get" action="/statistik" className="flex flex-wrap items-end gap-2">
          <label className="text-sm font-medium">
            {t("year")}
            <select name="year" defaultValue={String(year)} className="mt-1 block min-h-11 rounded-md border border-slate-400 bg-white px-3 py-2">
              {view.years.map((y) => (
                <option key={y} value={y}>{y}</option>
              ))}
            </select>
          </label>
          <button type="submit" className="min-h-11 rounded-md bg-brand-700 px-5 py-2 font-semibold text-white hover:bg-brand-800">{t("show")}</button>
        </form>
      </div>

      {view.total.complaints === 0 ? (
        <p className="rounded-lg bg-white p-4 ring-1 ring-slate-200">{t("empty", { year })}</p>
      ) : (
        <>
          <p className="rounded-lg bg-brand-50 p-4 text-lg font-semibold text-brand-800 ring-1 ring-brand-100" data-testid="annual-summary">
            {rate === null
              ? t("summaryNoRate", { year, count: fmt.number(view.total.complaints), topic })
              : t("summary", { year, count: fmt.number(view.total.complaints), rate: fmt.rate(rate), topic })}
          </p>
          <details className="rounded-lg bg-white p-3 ring-1 ring-slate-200">
            <summary className="cursor-pointer font-semibold text-brand-800">{t("glossary.title")}</summary>
            <dl className="mt-2 space-y-2 text-sm">
              {glossary.map(([term, meaning]) => (
                <div key={term}>
                  <dt className="font-semibold">{term}</dt>
                  <dd className="text-slate-700">{meaning}</dd>
                </div>
              ))}
            </dl>
          </details>
          <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
            {[
              [t("cards.complaints"), fmt.number(view.total.complaints)],
              [t("cards.resolvedOnTime"), fmt.rate(rate)],
              [t("cards.medianResolution"), hours(view.total)],
              [t("cards.rating"), meanRating(view.total) === null ? t("none") : fmt.rating(view.total.ratingSum, view.total.ratings)],
            ].map(([k, v]) => (
              <div key={k} className="rounded-lg bg-white p-3 ring-1 ring-slate-200">
                <dt className="text-sm text-slate-600">{k}</dt>
                <dd className="text-2xl font-bold tabular-nums">{v}</dd>
              </div>
            ))}
          </dl>
          <section className="rounded-lg bg-white p-4 ring-1 ring-slate-200">
            <TrendChart
              title={t("trend.title")}
              description={t("trend.description", { summary: "" })}
              points={points}
              labels={{ month: t("trend.month"), volume: t("trend.volume"), rate: t("trend.rate"), table: t("trend.table") }}
              formatNumber={fmt.number}
              formatRate={fmt.rate}
            />
          </section>
          {DIMENSIONS.map((d) => (
            <StatsTable key={d} id={`by-${d}`} title={t(`dims.${d}`)} groupLabel={t(`cols.groupBy.${d}`)} rows={view.by[d].map((r) => ({ label: label(d, r), figures: r.figures }))} fmt={fmt} hours={hours} />
          ))}
          <StatsTable id="by-month" title={t("dims.month")} groupLabel={t("cols.groupBy.month")} rows={months.filter((m) => monthRows.has(m)).map((m) => ({ label: fmt.monthLong(m), figures: monthRows.get(m)! }))} fmt={fmt} hours={hours} />
        </>
      )}

      <section aria-labelledby="open-data" className="space-y-2 rounded-lg bg-white p-4 ring-1 ring-slate-200">
        <h2 id="open-data" className="text-xl font-semibold">{t("download.title")}</h2>
        <p className="text-slate-700">{t("download.lead")}</p>
        <p className="flex flex-wrap gap-4">
          <a href={`/statistik/data.csv${q}`} className="font-semibold text-brand-700 underline">{t("download.csv")}</a>
          <a href={`/statistik/data.json${q}`} className="font-semibold text-brand-700 underline">{t("download.json")}</a>
        </p>
        <p className="text-sm text-slate-600">{t("method", { zone: fmt.zone })}</p>
      </section>
    </div>
  );
}
