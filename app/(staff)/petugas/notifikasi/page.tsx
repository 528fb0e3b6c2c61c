import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { localTime } from "@/components/local-time";
import { listNotifications } from "@/db/queries/notifications";
import { getDb } from "@/server/db";
import { requireStaff } from "@/server/staff";
import { markAllNotificationsRead, markNotificationRead } from "./actions";

const KINDS = ["disposed", "assigned", "reporter_reply", "objection", "coordinator_note", "returned", "sla_at_risk", "sla_breached", "auto_closed"] as const;
type Kind = (typeof KINDS)[number];

/**
 * The signed-in staff member's notifications: complaints disposed to their OPD or assigned to
 * them, reporters' replies and objections, coordinators' notes, returns (coordinators), SLA
 * reminders, escalations and auto-closes.
 */
export default async function NotificationsPage() {
  const staff = await requireStaff();
  const t = await getTranslations("sla");
  const { when } = await localTime();
  const items = (await listNotifications(getDb(), staff)).filter((n): n is typeof n & { kind: Kind } => (KINDS as readonly string[]).includes(n.kind));
  const text = (n: (typeof items)[number]) => {
    const code = typeof n.data.code === "string" ? n.data.code : "";
    const clock = typeof n.data.clock === "string" ? t(`clocks.${n.data.clock}` as "clocks.verification") : "";
    const due = typeof n.data.due === "string" ? when(new Date(n.data.due)) : "";
    const str = (k: string) => (typeof n.data[k] === "string" ? (n.data[k] as string) : "");
    return t(`notifications.kinds.${n.kind}`, { code, clock, due, opd: str("opd"), fromOpd: str("fromOpd") || "OPD", reason: str("reason") });
  };
  const unread = items.some((n) => !n.read);
  return (
    <section className="space-y-4" aria-labelledby="notif-h">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 id="notif-h" className="text-2xl font-bold text-brand-800">{t("notifications.title")}</h1>
          <p className="text-slate-700">{t("notifications.intro")}</p>
        </div>
        {unread ? (
          <form action={markAllNotificationsRead}>
            <button type="submit" className="min-h-11 rounded-md border border-brand-700 px-4 py-2 font-semibold text-brand-800 hover:bg-brand-50">
              {t("notifications.markAllRead")}
            </button>
          </form>
        ) : null}
      </div>
      {items.length === 0 ? (
        <p className="rounded-lg bg-white p-4 ring-1 ring-slate-200">{t("notifications.empty")}</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg bg-white ring-1 ring-slate-200">
          {items.map((n) => (
            <li key={n.id} className={`flex flex-col gap-2 p-3 sm:flex-row sm:items-center sm:justify-between ${n.read ? "" : "bg-amber-50"}`}>
              <div className="min-w-0 space-y-0.5">
                <p className={n.read ? "text-slate-800" : "font-semibold text-slate-900"}>
                  {n.read ? null : <span className="mr-2 rounded bg-amber-200 px-1.5 py-0.5 text-xs font-semibold text-amber-900">{t("notifications.unread")}</span>}
                  {text(n)}
                </p>
                <p className="flex flex-wrap gap-x-3 text-sm text-slate-600">
                  <time dateTime={n.createdAt.toISOString()}>{when(n.createdAt)}</time>
                  {typeof n.data.code === "string" ? (
                    <Link href={`/petugas/aduan/${n.data.code}`} className="text-brand-700 underline" aria-label={t("notifications.open", { code: n.data.code })}>
                      {n.data.code}
                    </Link>
                  ) : null}
                </p>
              </div>
              {n.read ? null : (
                <form action={markNotificationRead}>
                  <input type="hidden" name="id" value={n.id} />
                  <button type="submit" className="min-h-11 rounded border border-slate-400 px-3 py-1 text-sm hover:bg-slate-100">
                    {t("notifications.markRead")}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
