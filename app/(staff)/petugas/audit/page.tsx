import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { latestContactSearches, latestEvents, latestReveals } from "@/db/queries/audit";
import { reporterTextFor } from "@/domain/reporter-text";
import { getDb } from "@/server/db";
import { requireStaff } from "@/server/staff";

/** The auditor's read-only view: every status change and every identity reveal. */
export default async function AuditPage() {
  const staff = await requireStaff("audit.read");
  const t = await getTranslations("staff");
  const ts = await getTranslations("status");
  const format = await getFormatter();
  const db = getDb();
  const [events, reveals, searches] = await Promise.all([latestEvents(db), latestReveals(db), latestContactSearches(db)]);
  const when = (d: Date) => `${format.dateTime(d, { dateStyle: "medium", timeStyle: "short" })} WIB`;
  // Localised like the complaint's event log: never a raw role id such as "citizen" or "reporter".
  const actor = (e: (typeof events)[number]) =>
    e.actorName ? `${e.actorName} (${t(`roles.${e.actorRole}` as "roles.admin")})` : e.actorRole === "system" ? t("detail.system") : t("detail.reporterActor");
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-bold text-brand-800">{t("audit.title")}</h1>
        <p className="text-slate-700">{t("audit.lead")}</p>
      </div>
      <section aria-labelledby="rev-h" className="space-y-2">
        <h2 id="rev-h" className="text-lg font-semibold">{t("audit.reveals")}</h2>
        {reveals.length === 0 ? <p className="text-sm text-slate-600">{t("audit.none")}</p> : (
          <ul className="divide-y divide-slate-200 rounded-lg bg-white text-sm ring-1 ring-slate-200">
            {reveals.map((r) => (
              <li key={r.id} className="flex flex-wrap gap-x-3 p-3">
                <span>{when(r.at)}</span>
                <span className="font-medium">{r.userName} &lt;{r.userEmail}&gt;</span>
                <Link href={`/petugas/aduan/${r.trackingCode}`} className="font-mono underline">{r.trackingCode}</Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="search-h" className="space-y-2">
        <h2 id="search-h" className="text-lg font-semibold">{t("audit.searches")}</h2>
        {searches.length === 0 ? <p className="text-sm text-slate-600">{t("audit.none")}</p> : (
          <ul className="divide-y divide-slate-200 rounded-lg bg-white text-sm ring-1 ring-slate-200">
            {searches.map((r) => (
              <li key={r.id} className="flex flex-wrap gap-x-3 p-3">
                <span>{when(r.at)}</span>
                <span className="font-medium">{r.userName} &lt;{r.userEmail}&gt;</span>
                <span>{t("audit.searched", { kind: String(r.data?.kind ?? ""), value: String(r.data?.value ?? ""), n: Number(r.data?.results ?? 0) })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="ev-h" className="space-y-2">
        <h2 id="ev-h" className="text-lg font-semibold">{t("audit.events")}</h2>
        <ul className="divide-y divide-slate-200 rounded-lg bg-white text-sm ring-1 ring-slate-200">
          {events.map((e) => (
            <li key={e.id} className="flex flex-col gap-0.5 p-3 sm:flex-row sm:flex-wrap sm:gap-x-3">
              <span className="text-slate-600">{when(e.at)}</span>
              <Link href={`/petugas/aduan/${e.trackingCode}`} className="font-mono underline">{e.trackingCode}</Link>
              <span className="font-medium">{e.action === "submit" ? t("detail.received") : t(`actions.${e.action}` as "actions.dispose")}</span>
              <span>{e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus ? `${ts(e.fromStatus)} → ${ts(e.toStatus)}` : ""}</span>
              <span className="text-slate-700">{actor(e)}</span>
              {e.reason ? <span className="italic">{e.anonymous === null ? e.reason : reporterTextFor(staff.role, { ...e, anonymous: e.anonymous })(e.reason)}</span> : null}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
