import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { AuditFilters } from "@/components/audit/audit-filters";
import { getDb } from "@/server/db";
import { cursorOf, loadAuditScreen, readAuditQuery } from "@/server/audit-log";
import { env } from "@/lib/env";
import { region } from "@/server/region";
import { requireStaff } from "@/server/staff";

export const metadata = { title: "Log audit" };

type Params = Record<string, string | string[] | undefined>;

/**
 * `/petugas/audit`: every staff write, newest first — filters as GET parameters (who, role, kind,
 * complaint, dates, words in the details), keyset pages with the total, a CSV of the same filter.
 * An anonymous reporter's identity is redacted out of the details for roles that may not see it.
 */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Params> }) {
  const staff = await requireStaff("audit.read");
  const t = await getTranslations("staff.audit");
  const tr = await getTranslations("staff.roles");
  const ta = await getTranslations("staff.actions");
  const format = await getFormatter();
  const db = getDb();
  const raw = await searchParams;
  const q = await readAuditQuery(db, raw, region().code, env().PINTU_TIME_ZONE);
  const screen = await loadAuditScreen(db, staff.role, q);
  const keep = new URLSearchParams(Object.entries(q.params).filter(([, v]) => v) as [string, string][]);
  const href = (extra: Record<string, string>) => `/petugas/audit?${new URLSearchParams({ ...Object.fromEntries(keep), ...extra }).toString()}`;
  const csvHref = `/petugas/audit/data.csv${keep.size ? `?${keep.toString()}` : ""}`;
  const when = (d: Date) => `${format.dateTime(d, { dateStyle: "medium", timeStyle: "medium", timeZone: env().PINTU_TIME_ZONE })}`;
  const actionLabel = (a: string) => {
    if (a.startsWith("complaint.") && ta.has(a.slice(10) as "dispose")) return ta(a.slice(10) as "dispose");
    const key = `action.${a.replace(/\./g, "_")}`;
    return t.has(key as "action.user_create") ? t(key as "action.user_create") : a;
  };
  const role = (r: string | null) => (r && tr.has(r as "admin") ? tr(r as "admin") : r === "cli" ? t("filter.cli") : (r ?? "—"));
  const first = screen.rows[0];
  const last = screen.rows[screen.rows.length - 1];
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold text-brand-800">{t("title")}</h1>
        <p className="text-slate-700">{t("leadFull")}</p>
      </div>
      <AuditFilters params={q.params} invalid={q.invalid} actors={screen.actors} />
      <section aria-labelledby="audit-rows-h" className="space-y-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="audit-rows-h" className="text-lg font-semibold">
            {t("total", { n: screen.total })}
          </h2>
          <a href={csvHref} className="inline-flex min-h-11 items-center rounded-md px-3 font-medium text-brand-800 underline">
            {t("csv")}
          </a>
        </div>
        {screen.rows.length === 0 ? (
          <p className="text-sm text-slate-600">{t("none")}</p>
        ) : (
          <ol className="divide-y divide-slate-200 rounded-lg bg-white text-sm ring-1 ring-slate-200" data-testid="audit-rows">
            {screen.rows.map((r) => (
              <li key={r.id} className="grid gap-1 p-3 sm:grid-cols-[11rem_1fr]">
                <div className="text-slate-600">
                  <time dateTime={r.at.toISOString()}>{when(r.at)}</time>
                  {r.address ? <div className="font-mono text-xs">{r.address}</div> : null}
                </div>
                <div className="min-w-0 space-y-0.5">
                  <div className="flex flex-wrap gap-x-3">
                    <span className="font-semibold">{actionLabel(r.action)}</span>
                    <span>
                      {r.userName ? `${r.userName} <${r.userEmail}>` : t("nobody")} · {role(r.actorRole)}
                    </span>
                    {r.trackingCode ? (
                      <Link href={`/petugas/aduan/${r.trackingCode}`} className="font-mono underline">
                        {r.trackingCode}
                      </Link>
                    ) : r.link ? (
                      <Link href={r.link} className="underline">
                        {r.target ?? t("open")}
                      </Link>
                    ) : r.target ? (
                      <span className="font-mono">{r.target}</span>
                    ) : null}
                  </div>
                  {r.details ? <p className="break-words text-slate-700">{r.details}</p> : null}
                </div>
              </li>
            ))}
          </ol>
        )}
        <nav aria-label={t("paging")} className="flex flex-wrap justify-between gap-3">
          {screen.hasNewer && first ? (
            <Link href={href({ sebelum: cursorOf(first) })} className="inline-flex min-h-11 items-center rounded-md px-3 underline" rel="prev">
              ← {t("newer")}
            </Link>
          ) : (
            <span />
          )}
          {screen.hasOlder && last ? (
            <Link href={href({ setelah: cursorOf(last) })} className="inline-flex min-h-11 items-center rounded-md px-3 underline" rel="next">
              {t("older")} →
            </Link>
          ) : null}
        </nav>
      </section>
    </div>
  );
}
