import { getFormatter, getTranslations } from "next-intl/server";
import { ComplaintTable } from "@/components/staff/complaint-table";
import { ListFilters, ListPager, ListSummary } from "@/components/staff/list-controls";
import { listQuery } from "@/domain/list-filter";
import { MAX_QUERY } from "@/domain/search-query";
import { getDb } from "@/server/db";
import { CSV_MAX_ROWS } from "@/server/list-csv";
import { auditActor } from "@/server/audit";
import { region } from "@/server/region";
import { searchComplaints } from "@/server/search";
import { listContext } from "@/server/staff-list";
import { requireStaff } from "@/server/staff";

export const metadata = { title: "Cari aduan" };

const BASE = "/petugas/cari";

/** `/petugas/cari?q=…`: one box for a code, a LAPOR number, contact data (coordinator/admin) or words; the results are a staff list (filters, pages, CSV). */
export default async function SearchPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const staff = await requireStaff();
  const t = await getTranslations("search");
  const format = await getFormatter();
  const params = await searchParams;
  const raw = params.q;
  const q = typeof raw === "string" ? raw.slice(0, MAX_QUERY) : "";
  const db = getDb();
  const ctx = await listContext(db, staff, "search", params);
  const result = q.trim() ? await searchComplaints(db, staff, q, region().code, new Date(), (await auditActor(staff)).address, { where: ctx.where, sort: ctx.filter.sort, page: ctx.page }) : null;
  return (
    <section className="space-y-4">
      <div>
        <h1 className="text-2xl font-bold text-brand-800">{t("title")}</h1>
        <p className="text-slate-700">{t(staff.opdId !== null && staff.role.startsWith("opd_") ? "leadOpd" : staff.role === "coordinator" || staff.role === "admin" ? "leadCoordinator" : "lead")}</p>
      </div>
      <form method="get" action={BASE} role="search" className="flex flex-col gap-2 sm:flex-row">
        <label htmlFor="search-page-q" className="sr-only">
          {t("label")}
        </label>
        <input id="search-page-q" name="q" type="search" defaultValue={q} maxLength={MAX_QUERY} placeholder={t("placeholder")} className="min-h-11 w-full rounded-md border border-slate-400 px-3 py-2 text-base" />
        <button type="submit" className="min-h-11 rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
          {t("submit")}
        </button>
      </form>
      {result?.contactRefused ? (
        <p role="status" className="rounded-md bg-amber-50 p-3 text-amber-900">
          {t("contactRefused")}
        </p>
      ) : null}
      {q.trim() ? <ListFilters action={BASE} view="search" filter={ctx.filter} problems={ctx.problems} reference={ctx.ref} ownOpd={ctx.ownOpd !== null} q={q} /> : null}
      {result ? (
        <section aria-label={t("results")} className="space-y-3">
          <p role="status" className="text-sm text-slate-700" data-testid="search-summary">
            {result.rows.length === 0 ? t("none", { q }) : t(`found.${result.readAs === "none" || result.readAs === "empty" ? "words" : result.readAs}`, { count: result.total, q })}
            {result.capped ? ` ${t("limited", { n: format.number(result.total) })}` : null}
          </p>
          {result.rows.length > 0 ? (
            <>
              <ListSummary total={result.total} capped={result.capped} csvHref={`${BASE}/data.csv${listQuery(ctx.filter, "search", { q })}`} csvMax={CSV_MAX_ROWS} />
              <ComplaintTable rows={result.rows} calendar={ctx.ref.calendar} />
            </>
          ) : null}
          <ListPager action={BASE} view="search" filter={ctx.filter} q={q} prev={result.prev} next={result.next} />
        </section>
      ) : null}
    </section>
  );
}
