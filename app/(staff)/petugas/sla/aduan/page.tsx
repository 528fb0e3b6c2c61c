import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { OpenComplaintList } from "@/components/sla/board-tables";
import { hrefWith } from "@/components/sla/filter-form";
import { statFormat } from "@/components/sla/format";
import { pageParam } from "@/components/staff/complaint-list";
import { slaBoardScope } from "@/domain/permissions";
import { CLOCK_STATES, type ClockState } from "@/domain/sla-stats";
import { getDb } from "@/server/db";
import { boardContext, loadDrillDown, type BoardParams } from "@/server/sla-board";
import { requireStaff } from "@/server/staff";

const PAGE_SIZE = 50;

/** Drill-down from the SLA board: the open complaints behind one of its numbers. */
export default async function SlaDrillDownPage({ searchParams }: { searchParams: Promise<BoardParams> }) {
  const staff = await requireStaff();
  if (slaBoardScope(staff).kind === "none") notFound();
  const params = await searchParams;
  const raw = typeof params.state === "string" ? params.state : undefined;
  const state = (CLOCK_STATES as readonly string[]).includes(raw ?? "") ? (raw as ClockState) : undefined;
  const page = pageParam(params.page);
  const now = new Date();
  const db = getDb();
  const ctx = await boardContext(db, staff, params, now);
  const rows = await loadDrillDown(db, ctx, now, state, page, PAGE_SIZE);
  const t = await getTranslations("sla");
  const fmt = await statFormat("sla");
  const opd = ctx.scope.opdId === null ? t("noOpd") : ctx.ref.opds.find((o) => o.id === ctx.scope.opdId)?.name;
  const pageHref = (p: number) => hrefWith("/petugas/sla/aduan", ctx.filter, { state, page: String(p) });
  return (
    <section className="space-y-4">
      <p>
        <Link href={hrefWith("/petugas/sla", ctx.filter)} className="underline">
          ← {t("drill.back")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold text-brand-800">
        {state ? t("drill.title", { state: t(`states.${state}`) }) : t("drill.titleAll")}
        {opd ? <span className="block text-lg font-semibold text-slate-700">{opd}</span> : null}
      </h1>
      {rows.length === 0 ? (
        <p className="rounded-lg bg-white p-4 ring-1 ring-slate-200">{t("drill.empty")}</p>
      ) : (
        <OpenComplaintList rows={rows.slice(0, PAGE_SIZE)} fmt={fmt} />
      )}
      <nav aria-label={t("drill.page", { page: page + 1 })} className="flex items-center justify-between text-sm">
        {page > 0 ? <Link href={pageHref(page - 1)} className="underline">{t("drill.prev")}</Link> : <span />}
        <span className="text-slate-600">{t("drill.page", { page: page + 1 })}</span>
        {rows.length > PAGE_SIZE ? <Link href={pageHref(page + 1)} className="underline">{t("drill.next")}</Link> : <span />}
      </nav>
    </section>
  );
}
