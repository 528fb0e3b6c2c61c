import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { StatusBadge } from "@/components/status-badge";
import { shareDue } from "@/domain/opd-share";
import type { ComplaintListRow } from "@/db/queries/staff-complaints";
import { workingDaysSince } from "@/domain/sla";
import { getDb } from "@/server/db";
import { reference } from "@/server/reference";

/** A staff list of complaints as rows that stack on a phone; never shows reporter identity. */
export async function ComplaintList({
  rows,
  due,
  extra,
  unread,
  viewerId,
}: {
  rows: ComplaintListRow[];
  due: "verificationDue" | "resolutionDue";
  extra?: (row: ComplaintListRow) => React.ReactNode;
  /** Complaints with notifications the viewer has not read (bold, "Baru: …"), by id: the newest one's kind. */
  unread?: Map<number, string>;
  /** The viewer: complaints assigned to them say so. */
  viewerId?: number;
}) {
  const t = await getTranslations("staff");
  const tf = await getTranslations("flow.inbox");
  const format = await getFormatter();
  const { calendar } = await reference(getDb());
  const now = new Date();
  const at = (d: Date) => `${format.dateTime(d, { dateStyle: "medium", timeStyle: "short" })} WIB`;
  return (
    <ul className="divide-y divide-slate-200 rounded-lg bg-white ring-1 ring-slate-200">
      {rows.map((r) => {
        // The citizen's deadline: once disposed, resolution runs on through every hand-off.
        const deadline = r.resolutionDue ?? r[due];
        const opdDue = r.shareResolutionDue
          ? shareDue({ firstResponseDue: r.shareFirstResponseDue, firstRespondedAt: r.shareFirstRespondedAt, resolutionDue: r.shareResolutionDue, endedAt: null })
          : null;
        return (
          <li key={r.id} data-unread={unread?.has(r.id) ? "1" : undefined} className={`flex flex-col gap-1 p-4 sm:flex-row sm:items-start sm:justify-between sm:gap-4 ${unread?.has(r.id) ? "bg-amber-50" : ""}`}>
            <div className="min-w-0 space-y-1">
              <p className="flex flex-wrap items-center gap-2 text-sm">
                <span className="font-mono font-semibold">{r.trackingCode}</span>
                <StatusBadge status={r.status} />
                {r.bounceCount > 0 ? <span className="text-amber-900">{t("queue.bounces", { count: r.bounceCount })}</span> : null}
                {unread?.has(r.id) ? (
                  <span className="rounded bg-amber-200 px-1.5 py-0.5 text-xs font-semibold text-amber-950">
                    {tf("changed")}: {tf.has(`kinds.${unread.get(r.id)}`) ? tf(`kinds.${unread.get(r.id)}` as "kinds.disposed") : unread.get(r.id)}
                  </span>
                ) : null}
                {viewerId !== undefined && r.assignedUserId === viewerId ? (
                  <span className="rounded bg-brand-700 px-1.5 py-0.5 text-xs font-semibold text-white">{tf("assignedToMe")}</span>
                ) : null}
              </p>
              <p>
                <Link
                  href={`/petugas/aduan/${r.trackingCode}`}
                  className={`${unread ? (unread.has(r.id) ? "font-bold" : "font-normal") : "font-semibold"} text-brand-700 underline-offset-4 hover:underline`}
                >
                  {r.title}
                </Link>
              </p>
              <p className="text-sm text-slate-600">
                {[r.categoryName, r.kelurahanName ?? r.kecamatanName, r.assigneeName ? `${t("list.assignee")}: ${r.assigneeName}` : null].filter(Boolean).join(" · ")}
              </p>
              {extra ? extra(r) : null}
            </div>
            <div className="shrink-0 text-sm sm:text-right">
              <p className="text-slate-600">
                {t("list.received")}: {format.dateTime(r.createdAt, { dateStyle: "medium" })}
              </p>
              {deadline ? (
                <p className={deadline < now ? "font-semibold text-red-700" : "text-slate-700"}>
                  {t("list.due")}: {at(deadline)}
                </p>
              ) : null}
              {opdDue ? (
                <p className={opdDue < now ? "font-semibold text-red-700" : "text-slate-700"}>
                  {t("list.opdDue")}: {at(opdDue)}
                </p>
              ) : null}
              {r.bounceCount > 0 ? <p className="font-semibold text-amber-900">{t("list.waited", { days: workingDaysSince(r.createdAt, now, calendar) })}</p> : null}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/** Previous/next links for a paged list (plain links: no JavaScript needed). */
export async function Pager({ base, page, hasNext }: { base: string; page: number; hasNext: boolean }) {
  const t = await getTranslations("staff.list");
  return (
    <nav aria-label={t("page", { page: page + 1 })} className="flex items-center justify-between text-sm">
      {page > 0 ? <Link href={`${base}?page=${page - 1}`} className="underline">{t("prev")}</Link> : <span />}
      <span className="text-slate-600">{t("page", { page: page + 1 })}</span>
      {hasNext ? <Link href={`${base}?page=${page + 1}`} className="underline">{t("next")}</Link> : <span />}
    </nav>
  );
}

/** Reads a `page` search parameter safely. */
export function pageParam(value: string | string[] | undefined): number {
  const n = Number(typeof value === "string" ? value : 0);
  return Number.isInteger(n) && n >= 0 && n < 10_000 ? n : 0;
}
