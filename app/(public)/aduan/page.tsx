import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { StatusBadge } from "@/components/status-badge";
import { listPublicComplaints } from "@/db/queries/public-complaints";
import { redactIdentity } from "@/domain/redact";
import { getDb } from "@/server/db";
import { parsePublicListQuery, publicListHref } from "@/server/public-list";
import { reference } from "@/server/reference";
import { COMPLAINT_STATUSES } from "@/domain/complaint-status";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("publicList");
  return { title: t("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Public complaints, newest first: a GET form of filters (works without JavaScript) and keyset pages. */
export default async function PublicComplaintsPage({ searchParams }: Props) {
  // The request first: it makes the page dynamic before the database is touched (never at build).
  const params = await searchParams;
  const db = getDb();
  const [ref, t, ts, format] = await Promise.all([reference(db), getTranslations("publicList"), getTranslations("status"), getFormatter()]);
  const q = parsePublicListQuery(params, ref);
  const { rows, next } = await listPublicComplaints(db, q.filter);
  const select = "mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2";

  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div className="space-y-2">
        <h1 className="text-3xl font-bold text-brand-800">{t("title")}</h1>
        <p className="text-slate-700">{t("lead")}</p>
      </div>

      {q.ignored.length > 0 ? (
        <p role="status" className="rounded-md border-l-4 border-amber-600 bg-amber-50 p-3 text-amber-950">
          {t("ignored")}
        </p>
      ) : null}
      {q.contactDropped ? (
        <p role="status" className="rounded-md border-l-4 border-amber-600 bg-amber-50 p-3 text-amber-950">
          {t("contactNotSearchable")}
        </p>
      ) : null}

      <form method="get" action="/aduan" className="grid gap-3 rounded-lg border border-slate-300 bg-white p-4 sm:grid-cols-2 lg:grid-cols-3" aria-label={t("filters")}>
        <label className="text-sm font-medium sm:col-span-2 lg:col-span-3">
          {t("search")}
          <input type="search" name="q" defaultValue={q.values.q} maxLength={100} className={select} />
        </label>
        <label className="text-sm font-medium">
          {t("status")}
          <select name="status" defaultValue={q.values.status} className={select}>
            <option value="">{t("all")}</option>
            {COMPLAINT_STATUSES.filter((s) => s !== "archived").map((s) => (
              <option key={s} value={s}>
                {ts(s)}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium">
          {t("category")}
          <select name="kategori" defaultValue={q.values.kategori} className={select}>
            <option value="">{t("all")}</option>
            {ref.categories.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-medium">
          {t("kecamatan")}
          <select name="kecamatan" defaultValue={q.values.kecamatan} className={select}>
            <option value="">{t("all")}</option>
            {ref.areas.map((k) => (
              <option key={k.id} value={String(k.id)}>
                {k.name}
              </option>
            ))}
          </select>
        </label>
        <div className="flex items-end gap-3 sm:col-span-2 lg:col-span-3">
          <button type="submit" className="rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
            {t("apply")}
          </button>
          {q.filtered ? (
            <Link href="/aduan" className="py-2 underline">
              {t("reset")}
            </Link>
          ) : null}
        </div>
      </form>

      {rows.length === 0 ? (
        <p className="rounded-md bg-slate-100 p-4">{q.filtered ? t("emptyFiltered") : t("empty")}</p>
      ) : (
        <ol className="divide-y divide-slate-200 rounded-lg border border-slate-300 bg-white" aria-label={t("results")}>
          {rows.map((c) => (
            <li key={c.trackingCode} className="space-y-1 p-4">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <Link href={`/lacak/${c.trackingCode}`} className="text-lg font-semibold text-brand-800 underline-offset-4 hover:underline">
                  {redactIdentity(c.title, c)}
                </Link>
                <StatusBadge status={c.status} />
              </div>
              <p className="text-sm text-slate-700">
                <span className="font-mono">{c.trackingCode}</span> · {format.dateTime(c.createdAt, { dateStyle: "medium" })}
                {c.categoryName ? ` · ${c.categoryName}` : ""}
                {c.kecamatanName ? ` · ${t("inKecamatan", { name: c.kecamatanName })}` : ""}
              </p>
              <p className="text-sm text-slate-700">
                {c.status === "forwarded" && c.externalName
                  ? t("forwardedTo", { institution: c.externalName })
                  : c.opdName
                    ? t("handledBy", { opd: c.opdName })
                    : t("notYetRouted")}
              </p>
            </li>
          ))}
        </ol>
      )}

      <nav aria-label={t("pages")} className="flex justify-between">
        {q.filter.before ? (
          <Link href={publicListHref(q.values, null)} className="underline">
            {t("newest")}
          </Link>
        ) : (
          <span />
        )}
        {next ? (
          <Link href={publicListHref(q.values, next)} className="font-semibold underline" rel="next">
            {t("older")}
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
