import { getTranslations } from "next-intl/server";
import { ComplaintList } from "@/components/staff/complaint-list";
import { SEARCH_LIMIT } from "@/db/queries/search";
import { MAX_QUERY } from "@/domain/search-query";
import { getDb } from "@/server/db";
import { region } from "@/server/region";
import { auditActor } from "@/server/audit";
import { searchComplaints } from "@/server/search";
import { requireStaff } from "@/server/staff";

export const metadata = { title: "Cari aduan" };

/** `/petugas/cari?q=…`: one box for a code, a LAPOR number, contact data (coordinator/admin) or words. */
export default async function SearchPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  const staff = await requireStaff();
  const t = await getTranslations("search");
  const raw = (await searchParams).q;
  const q = typeof raw === "string" ? raw.slice(0, MAX_QUERY) : "";
  const result = q.trim() ? await searchComplaints(getDb(), staff, q, region().code, new Date(), (await auditActor(staff)).address) : null;
  return (
    <section className="space-y-4">
      <div>
        <h1 className="text-2xl font-bold text-brand-800">{t("title")}</h1>
        <p className="text-slate-700">{t(staff.opdId !== null && staff.role.startsWith("opd_") ? "leadOpd" : staff.role === "coordinator" || staff.role === "admin" ? "leadCoordinator" : "lead")}</p>
      </div>
      <form method="get" action="/petugas/cari" role="search" className="flex flex-col gap-2 sm:flex-row">
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
      {result ? (
        <section aria-label={t("results")} className="space-y-2">
          <p role="status" className="text-sm text-slate-700" data-testid="search-summary">
            {result.rows.length === 0 ? t("none", { q }) : t(`found.${result.readAs === "none" || result.readAs === "empty" ? "words" : result.readAs}`, { count: result.rows.length, q })}
            {result.rows.length >= SEARCH_LIMIT ? ` ${t("limited", { n: SEARCH_LIMIT })}` : null}
          </p>
          {result.rows.length > 0 ? <ComplaintList rows={result.rows} due="resolutionDue" /> : null}
        </section>
      ) : null}
    </section>
  );
}
