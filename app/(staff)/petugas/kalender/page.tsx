import { TZDate } from "@date-fns/tz";
import { getFormatter, getTranslations } from "next-intl/server";
import { inputClass } from "@/components/ui/field";
import { listCategoryPolicies, listHolidays } from "@/db/queries/calendar";
import { DEFAULT_SLA, type SlaClock } from "@/domain/sla";
import { isWorkingDay } from "@/domain/working-days";
import { getDb } from "@/server/db";
import { env } from "@/lib/env";
import { requireStaff } from "@/server/staff";
import { ClientMessages } from "@/components/client-messages";
import { AddDayForm, PolicyForm, RemoveDayForm } from "@/components/staff/calendar-forms";

type Search = { year?: string; added?: string; removed?: string; moved?: string; saved?: string };
const CLOCKS = Object.keys(DEFAULT_SLA) as SlaClock[];

/** Administrators keep the working calendar (holidays, cuti bersama) and per-category deadlines. */
export default async function CalendarPage({ searchParams }: { searchParams: Promise<Search> }) {
  await requireStaff("admin.manage");
  const sp = await searchParams;
  const t = await getTranslations("sla");
  const format = await getFormatter();
  const timeZone = env().PINTU_TIME_ZONE;
  const thisYear = new TZDate(Date.now(), timeZone).getFullYear();
  const asked = Number(sp.year);
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : thisYear;
  const db = getDb();
  const [days, policies] = await Promise.all([listHolidays(db, year), listCategoryPolicies(db)]);

  const calendar = { timeZone, holidays: new Set(days.map((d) => d.day)) };
  const dayDate = (day: string) => new TZDate(`${day}T12:00:00`, timeZone);
  // "17 Agustus 2026": the day as people write it (a value that is not a date is shown as given).
  const longDay = (day: string) => {
    const d = /^\d{4}-\d{2}-\d{2}$/.test(day) ? dayDate(day) : null;
    return d && !Number.isNaN(d.getTime()) ? format.dateTime(d, { dateStyle: "long", timeZone }) : day;
  };
  let working = 0;
  for (let d = new TZDate(year, 0, 1, 12, timeZone); d.getFullYear() === year; d = new TZDate(d.getFullYear(), d.getMonth(), d.getDate() + 1, 12, timeZone)) {
    if (isWorkingDay(d, calendar)) working++;
  }
  const weekdayHolidays = days.filter((d) => ![0, 6].includes(dayDate(d.day).getDay())).length;
  const years = [thisYear - 1, thisYear, thisYear + 1, thisYear + 2];

  return (
    <div className="space-y-8">
      <section aria-labelledby="cal-h" className="space-y-4">
        <div className="space-y-1">
          <h1 id="cal-h" className="text-2xl font-bold text-brand-800">{t("calendar.title")}</h1>
          <p className="text-slate-700">{t("calendar.intro")}</p>
          <p className="rounded-md bg-brand-50 p-3 text-sm text-brand-800">{t("calendar.appliesNote")}</p>
        </div>
        {sp.added ? <p role="status" className="rounded-md bg-green-50 p-3 text-green-900">{t("calendar.added", { day: longDay(sp.added) })}</p> : null}
        {sp.removed ? <p role="status" className="rounded-md bg-green-50 p-3 text-green-900">{t("calendar.removed", { day: longDay(sp.removed) })}</p> : null}
        {(sp.added || sp.removed) && /^[1-9]\d*$/.test(sp.moved ?? "") ? <p role="status" className="rounded-md bg-green-50 p-3 text-green-900">{t("calendar.moved", { count: Number(sp.moved) })}</p> : null}
        <form method="get" className="flex flex-wrap items-end gap-2">
          <div className="flex flex-col gap-1">
            <label htmlFor="cal-year" className="font-medium">{t("calendar.year")}</label>
            <select id="cal-year" name="year" defaultValue={String(year)} className={inputClass}>
              {(years.includes(year) ? years : [...years, year].sort()).map((y) => <option key={y} value={y}>{y}</option>)}
            </select>
          </div>
          <button type="submit" className="min-h-11 rounded-md border border-slate-400 px-4 py-2 hover:bg-slate-100">{t("calendar.show")}</button>
        </form>
        <p className="font-medium">{t("calendar.summary", { year, holidays: weekdayHolidays, workingDays: working })}</p>
        {days.length === 0 ? (
          <p className="rounded-lg bg-white p-4 ring-1 ring-slate-200">{t("calendar.empty")}</p>
        ) : (
          <ClientMessages sections={["sla"]}>
            <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">{t("calendar.summary", { year, holidays: weekdayHolidays, workingDays: working })}</caption>
                <thead className="bg-slate-50 text-slate-700">
                  <tr>
                    <th scope="col" className="p-2">{t("calendar.day")}</th>
                    <th scope="col" className="p-2">{t("calendar.name")}</th>
                    <th scope="col" className="hidden p-2 sm:table-cell">{t("calendar.kind")}</th>
                    <th scope="col" className="p-2"><span className="sr-only">{t("calendar.remove")}</span></th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-200">
                  {days.map((d) => {
                    const weekend = [0, 6].includes(dayDate(d.day).getDay());
                    return (
                      <tr key={d.day}>
                        <td className="whitespace-nowrap p-2">
                          <time dateTime={d.day}>{format.dateTime(dayDate(d.day), { weekday: "short", day: "numeric", month: "short" })}</time>
                          {weekend ? <span className="block text-xs text-slate-500 sm:ml-1 sm:inline">({t("calendar.weekend")})</span> : null}
                        </td>
                        <td className="p-2">
                          {d.name}
                          {/* On a phone the kind goes under the name, so the remove button stays in view. */}
                          <span className="block text-xs text-slate-500 sm:hidden">{t(`calendar.kinds.${d.kind}`)}</span>
                        </td>
                        <td className="hidden p-2 sm:table-cell">{t(`calendar.kinds.${d.kind}`)}</td>
                        <td className="p-2 text-right">
                          <RemoveDayForm
                            day={d.day}
                            label={t("calendar.remove")}
                            ariaLabel={t("calendar.removeLabel", { day: longDay(d.day) })}
                            explanation={<p className="text-left">{t("calendar.removeConfirm", { day: longDay(d.day), name: d.name })}</p>}
                            confirmLabel={t("calendar.removeConfirmButton")}
                          />
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </ClientMessages>
        )}
      </section>

      <section aria-labelledby="add-h" className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-slate-200">
        <h2 id="add-h" className="text-lg font-semibold">{t("calendar.add")}</h2>
        <ClientMessages sections={["sla"]}>
          <AddDayForm year={year} />
        </ClientMessages>
      </section>

      <section aria-labelledby="pol-h" className="space-y-3">
        <h2 id="pol-h" className="text-lg font-semibold">{t("calendar.policies")}</h2>
        <p className="text-sm text-slate-700">{t("calendar.policiesIntro", DEFAULT_SLA)}</p>
        {sp.saved ? <p role="status" className="rounded-md bg-green-50 p-3 text-green-900">{t("calendar.saved", { category: sp.saved })}</p> : null}
        <ClientMessages sections={["sla"]}>
          <ul className="space-y-2">
            {policies.map((p) => (
              <li key={p.code} className="rounded-lg bg-white p-3 ring-1 ring-slate-200">
                <PolicyForm code={p.code} name={p.name} year={year} sla={p.sla ?? null} clocks={CLOCKS.map((clock) => ({ clock, label: t(`clocks.${clock}`), fallback: DEFAULT_SLA[clock] }))} />
              </li>
            ))}
          </ul>
        </ClientMessages>
      </section>
    </div>
  );
}
