import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { OpenComplaintList, OpenTable, PeriodTable, ShareTable } from "@/components/sla/board-tables";
import { RateBars, TrendChart } from "@/components/sla/charts";
import { FilterForm, hrefWith } from "@/components/sla/filter-form";
import { statFormat } from "@/components/sla/format";
import { slaBoardScope } from "@/domain/permissions";
import { NO_OPD, onTimeRate } from "@/domain/sla-stats";
import { getDb } from "@/server/db";
import { boardContext, loadBoard, type BoardParams } from "@/server/sla-board";
import { requireStaff } from "@/server/staff";

export default async function SlaBoardPage({ searchParams }: { searchParams: Promise<BoardParams> }) {
  const staff = await requireStaff();
  if (slaBoardScope(staff).kind === "none") notFound();
  const now = new Date();
  const db = getDb();
  const ctx = await boardContext(db, staff, await searchParams, now);
  const board = await loadBoard(db, ctx, now);
  const t = await getTranslations("sla");
  const fmt = await statFormat("sla");
  const { filter, ref } = ctx;

  const trendPoints = board.trend.map((m) => ({
    label: fmt.month(m.month),
    volume: m.complaints,
    rate: m.counted.resolution === 0 ? null : m.met.resolution / m.counted.resolution,
  }));
  const lastRated = [...trendPoints].reverse().find((p) => p.rate !== null);
  const opdBars = board.rows
    .filter((r) => r.opdId !== null && r.figures && r.figures.complaints > 0)
    .map((r) => ({ label: r.name ?? "", rate: onTimeRate(r.figures!, "resolution"), volume: r.figures!.complaints }))
    .sort((a, b) => (b.rate ?? -1) - (a.rate ?? -1));
  const best = opdBars[0];

  return (
    <div className="space-y-8">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold text-brand-800">{ctx.ownOpd ? t("titleOpd", { opd: ctx.ownOpd.name }) : t("title")}</h1>
        <p className="max-w-3xl text-slate-700">{t("lead", { zone: fmt.zone })}</p>
        <p className="max-w-3xl text-sm text-slate-600">{t("refreshed")}</p>
      </div>

      <FilterForm
        action="/petugas/sla"
        filter={filter}
        problems={ctx.problems}
        opds={ctx.ownOpd ? null : [{ value: NO_OPD, label: t("noOpd") }, ...ref.opds.map((o) => ({ value: o.code, label: o.name }))]}
        categories={ref.categories.map((c) => ({ value: c.code, label: c.name }))}
        kecamatan={ref.areas.map((k) => ({ value: String(k.id), label: k.name }))}
        csvHref={hrefWith("/petugas/sla/data.csv", filter)}
      />

      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        {[
          [t("summary.complaints"), fmt.number(board.total.complaints)],
          [t("summary.onTime", { clock: t("clocks.resolution") }), fmt.rate(onTimeRate(board.total, "resolution"))],
          [t("summary.open"), fmt.number(board.openTotal.on_track + board.openTotal.at_risk + board.openTotal.breached + board.openTotal.paused)],
          [t("summary.breached"), fmt.number(board.openTotal.breached)],
        ].map(([label, value]) => (
          <div key={label} className="rounded-lg bg-white p-3 ring-1 ring-slate-200">
            <dt className="text-sm text-slate-600">{label}</dt>
            <dd className="text-2xl font-bold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>

      <OpenTable rows={board.rows} total={board.openTotal} filter={filter} fmt={fmt} />

      <section aria-labelledby="breached-title" className="space-y-2">
        <h2 id="breached-title" className="text-xl font-semibold">{t("breached.title")}</h2>
        {board.breached.length === 0 ? (
          <p className="rounded-lg bg-white p-4 ring-1 ring-slate-200">{t("breached.empty")}</p>
        ) : (
          <>
            <OpenComplaintList rows={board.breached} fmt={fmt} />
            <p>
              <Link href={hrefWith("/petugas/sla/aduan", filter, { state: "breached" })} className="underline">
                {t("breached.all")}
              </Link>
            </p>
          </>
        )}
      </section>

      <PeriodTable rows={board.rows} total={board.total} title={t("period.title", { from: fmt.day(filter.from), to: fmt.day(filter.to) })} fmt={fmt} />

      <ShareTable rows={board.rows} title={t("shares.title", { from: fmt.day(filter.from), to: fmt.day(filter.to) })} fmt={fmt} />

      <section className="grid gap-8 rounded-lg bg-white p-4 ring-1 ring-slate-200">
        <TrendChart
          title={t("trend.title")}
          description={t("trend.description", {
            summary: lastRated ? `${lastRated.label}: ${fmt.number(lastRated.volume)} · ${fmt.rate(lastRated.rate)}` : "",
          })}
          points={trendPoints}
          labels={{ month: t("trend.month"), volume: t("trend.volume"), rate: t("trend.rate"), table: t("trend.table") }}
          formatNumber={fmt.number}
          formatRate={fmt.rate}
        />
        {opdBars.length > 1 ? (
          <RateBars
            title={t("compare.title")}
            description={t("compare.description", { summary: best ? `${best.label}: ${fmt.rate(best.rate)}` : "" })}
            items={opdBars}
            labels={{ group: t("compare.group"), volume: t("trend.volume"), rate: t("trend.rate"), table: t("trend.table"), none: t("compare.none") }}
            formatNumber={fmt.number}
            formatRate={fmt.rate}
          />
        ) : null}
      </section>
    </div>
  );
}
