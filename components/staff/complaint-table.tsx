import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { localTime } from "@/components/local-time";
import { StatusBadge } from "@/components/status-badge";
import { shareDue } from "@/domain/opd-share";
import type { ListRow } from "@/db/queries/staff-list";
import { listClock, type ListClock } from "@/domain/list-clock";
import { workingDaysSince } from "@/domain/sla";
import type { WorkingCalendar } from "@/domain/working-days";

const th = "px-3 py-2 text-left align-bottom font-semibold";
// Below 640 px every row is a card: each cell on its own line, named by its column.
const td = "px-3 py-2 align-top max-sm:flex max-sm:gap-3 max-sm:px-0 max-sm:py-1 max-sm:before:w-28 max-sm:before:shrink-0 max-sm:before:text-slate-600 max-sm:before:content-[attr(data-label)]";

const CLOCK_TONE: Record<ListClock["state"], string> = {
  on_track: "bg-green-50 text-green-900 ring-green-300",
  at_risk: "bg-amber-50 text-amber-950 ring-amber-400",
  breached: "bg-red-50 text-red-800 ring-red-400 font-semibold",
  paused: "bg-slate-100 text-slate-800 ring-slate-300",
  none: "text-slate-600 ring-transparent",
};

/**
 * A staff list of complaints as an accessible table (stacked cards on a phone): code and title,
 * channel, status, flags, the responsible OPD and officer, when received, and the time left in
 * working days with colour and words. Never shows reporter identity (rows come through listRowFor).
 * `select` adds a checkbox per row bound to the bulk form of that id; `extra` one more column.
 */
export async function ComplaintTable({
  rows,
  calendar,
  select,
  extra,
  unread,
  viewerId,
}: {
  rows: ListRow[];
  calendar: WorkingCalendar;
  select?: { form: string };
  extra?: { label: string; cell: (row: ListRow) => React.ReactNode };
  /** Complaints with notifications the viewer has not read (bold, "Baru: …"), by id: the newest one's kind. */
  unread?: Map<number, string>;
  /** The viewer: complaints assigned to them say so. */
  viewerId?: number;
}) {
  const t = await getTranslations("staff.lists");
  const tl = await getTranslations("staff.list");
  const tc = await getTranslations("channel");
  const tf = await getTranslations("flow");
  const format = await getFormatter();
  const { when: at } = await localTime();
  const now = new Date();
  const day = (d: Date) => format.dateTime(d, { dateStyle: "medium" });
  const clockText = (c: ListClock) => {
    switch (c.state) {
      case "on_track":
        return c.daysLeft > 0 ? t("clock.left", { days: c.daysLeft }) : t("clock.leftLess");
      case "at_risk":
        return `${c.daysLeft > 0 ? t("clock.left", { days: c.daysLeft }) : t("clock.leftLess")} · ${t("clock.atRisk")}`;
      case "breached":
        return c.daysLate > 0 ? t("clock.late", { days: c.daysLate }) : t("clock.lateLess");
      case "paused":
        return t("clock.paused");
      case "none":
        return t("clock.none");
    }
  };
  return (
    <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200 max-sm:overflow-visible max-sm:bg-transparent max-sm:ring-0">
      <table className="w-full border-collapse text-sm max-sm:block" data-testid="complaint-table">
        <caption className="sr-only">{t("caption")}</caption>
        <thead className="bg-slate-100 max-sm:sr-only">
          <tr>
            {select ? <th scope="col" className={th}>{t("cols.select")}</th> : null}
            <th scope="col" className={th}>{t("cols.complaint")}</th>
            <th scope="col" className={th}>{t("cols.channel")}</th>
            <th scope="col" className={th}>{t("cols.status")}</th>
            <th scope="col" className={th}>{t("cols.flags")}</th>
            <th scope="col" className={th}>{extra ? extra.label : t("cols.responsible")}</th>
            <th scope="col" className={th}>{t("cols.received")}</th>
            <th scope="col" className={th}>{t("cols.time")}</th>
          </tr>
        </thead>
        <tbody className="max-sm:block max-sm:space-y-3">
          {rows.map((r) => {
            const deadline = r.resolutionDue ?? r.verificationDue;
            const clock = listClock({ status: r.status, deadline, riskAt: r.resolutionDue ? r.resolutionRiskAt : r.verificationRiskAt }, now, calendar);
            const opdDue = r.shareResolutionDue
              ? shareDue({ firstResponseDue: r.shareFirstResponseDue, firstRespondedAt: r.shareFirstRespondedAt, resolutionDue: r.shareResolutionDue, endedAt: null })
              : null;
            const flags = [
              r.anonymous ? t("flag.anonymous") : null,
              r.confidential ? t("flag.confidential") : null,
              r.reopened ? t("flag.reopened") : null,
              r.bounceCount > 0 ? t("flag.returned", { count: r.bounceCount }) : null,
            ].filter((x): x is string => x !== null);
            return (
              <tr
                key={r.id}
                className={`border-t border-slate-200 max-sm:block max-sm:rounded-lg max-sm:border-0 max-sm:p-3 max-sm:ring-1 max-sm:ring-slate-200 ${unread?.has(r.id) ? "bg-amber-50" : "max-sm:bg-white"}`}
                data-code={r.trackingCode}
                data-unread={unread?.has(r.id) ? "1" : undefined}
              >
                {select ? (
                  <td data-label={t("cols.select")} className={td}>
                    <input type="checkbox" name="code" value={r.trackingCode} form={select.form} aria-label={t("select", { code: r.trackingCode })} className="size-6" />
                  </td>
                ) : null}
                <th scope="row" className="min-w-0 px-3 py-2 text-left align-top font-normal max-sm:block max-sm:px-0 max-sm:pt-0">
                  <span className="block font-mono text-xs font-semibold text-slate-700">{r.trackingCode}</span>
                  <Link
                    href={`/petugas/aduan/${r.trackingCode}`}
                    className={`${unread ? (unread.has(r.id) ? "font-bold" : "font-normal") : "font-semibold"} text-brand-700 underline-offset-4 hover:underline max-sm:text-base`}
                  >
                    {r.title}
                  </Link>
                  {unread?.has(r.id) ? (
                    <span className="mt-1 block w-fit rounded bg-amber-200 px-1.5 py-0.5 text-xs font-semibold text-amber-950">
                      {tf("inbox.changed")}: {tf.has(`inbox.kinds.${unread.get(r.id)}`) ? tf(`inbox.kinds.${unread.get(r.id)}` as "inbox.kinds.disposed") : unread.get(r.id)}
                    </span>
                  ) : null}
                  {viewerId !== undefined && r.assignedUserId === viewerId ? (
                    <span className="mt-1 block w-fit rounded bg-brand-700 px-1.5 py-0.5 text-xs font-semibold text-white">{tf("inbox.assignedToMe")}</span>
                  ) : null}
                  <span className="block text-slate-600">{[r.categoryName, r.kelurahanName ?? r.kecamatanName].filter(Boolean).join(" · ")}</span>
                </th>
                <td data-label={t("cols.channel")} className={td}>{tc(r.channel)}</td>
                <td data-label={t("cols.status")} className={td}>
                  <StatusBadge status={r.status} />
                </td>
                <td data-label={t("cols.flags")} className={td}>
                  {r.duplicateOf ? (
                    <Link
                      href={`/petugas/aduan/${r.trackingCode}#dup-h`}
                      className="mb-1 inline-block rounded bg-violet-100 px-1.5 py-0.5 text-xs font-semibold text-violet-900 underline"
                      data-duplicate-of={r.duplicateOf}
                    >
                      {tf("dup.flag", { code: r.duplicateOf })}
                    </Link>
                  ) : null}
                  {flags.length > 0 ? (
                    <ul className="flex flex-wrap gap-1">
                      {flags.map((f) => (
                        <li key={f} className="rounded bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-800 ring-1 ring-slate-300">{f}</li>
                      ))}
                    </ul>
                  ) : r.duplicateOf ? null : (
                    <span className="text-slate-500">—</span>
                  )}
                </td>
                <td data-label={extra ? extra.label : t("cols.responsible")} className={td}>
                  {extra ? (
                    extra.cell(r)
                  ) : (
                    <span>
                      <span className="block">{r.opdName ?? t("noOpd")}</span>
                      {r.opdName ? <span className="block text-slate-600">{r.assigneeName ?? t("unassigned")}</span> : null}
                    </span>
                  )}
                </td>
                <td data-label={t("cols.received")} className={`${td} whitespace-nowrap`}>{day(r.createdAt)}</td>
                <td data-label={t("cols.time")} className={td}>
                  <span>
                    <span className={`inline-block rounded px-2 py-0.5 ring-1 ${CLOCK_TONE[clock.state]}`} data-clock={clock.state}>
                      {clockText(clock)}
                    </span>
                    {deadline ? <span className="block text-xs text-slate-700">{tl("due")}: {at(deadline)}</span> : null}
                    {opdDue ? <span className={`block text-xs ${opdDue < now ? "font-semibold text-red-700" : "text-slate-700"}`}>{tl("opdDue")}: {at(opdDue)}</span> : null}
                    {r.bounceCount > 0 ? <span className="block text-xs font-semibold text-amber-900">{tl("waited", { days: workingDaysSince(r.createdAt, now, calendar) })}</span> : null}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
