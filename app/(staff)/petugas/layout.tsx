import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { can, slaBoardScope } from "@/domain/permissions";
import { unreadCount } from "@/db/queries/notifications";
import { getDb } from "@/server/db";
import { templateEditor } from "@/server/templates";
import { requireStaff } from "@/server/staff";
import { signOutAction } from "./actions";

export const metadata = { robots: { index: false } };

export default async function StaffLayout({ children }: { children: React.ReactNode }) {
  const staff = await requireStaff();
  const t = await getTranslations("staff");
  const unread = await unreadCount(getDb(), staff);
  const links = [
    can(staff.role, "queue.coordinator") && { href: "/petugas/antrean", label: t("nav.queue") },
    can(staff.role, "inbox.opd") && { href: "/petugas/kotak-masuk", label: t("nav.inbox") },
    can(staff.role, "complaints.enter_on_behalf") && { href: "/petugas/aduan/baru", label: t("nav.enter") },
    can(staff.role, "complaints.enter_on_behalf") && { href: "/petugas/sms-masuk", label: t("nav.sms") },
    slaBoardScope(staff).kind !== "none" && { href: "/petugas/sla", label: t("nav.sla") },
    can(staff.role, "audit.read") && { href: "/petugas/audit", label: t("nav.audit") },
    can(staff.role, "integration.operate") && { href: "/petugas/integrasi", label: t("nav.integration") },
    can(staff.role, "admin.manage") && { href: "/petugas/pengguna", label: t("nav.users") },
    can(staff.role, "admin.manage") && { href: "/petugas/kalender", label: t("nav.calendar") },
    can(staff.role, "admin.manage") && { href: "/petugas/open311", label: t("nav.open311") },
    can(staff.role, "directory.read") && { href: "/petugas/direktori", label: t("nav.directory") },
    templateEditor(staff) !== null && { href: "/petugas/templat", label: t("nav.templates") },
    { href: "/petugas/akun", label: t("nav.account") },
  ].filter((l): l is { href: string; label: string } => Boolean(l));
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg bg-white p-3 ring-1 ring-slate-200 print:hidden">
        <nav aria-label={t("nav.label")}>
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm font-medium">
            {links.map((l) => (
              <li key={l.href}>
                <Link href={l.href} className="text-brand-700 underline-offset-4 hover:underline">
                  {l.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <form method="get" action="/petugas/cari" role="search" aria-label={t("nav.search")} className="flex items-center gap-1">
            <label htmlFor="staff-search-q" className="sr-only">
              {t("nav.searchLabel")}
            </label>
            <input id="staff-search-q" name="q" type="search" maxLength={200} placeholder={t("nav.searchPlaceholder")} className="min-h-11 w-44 rounded border border-slate-400 px-2 py-1 sm:w-56" />
            <button type="submit" className="min-h-11 rounded border border-slate-400 px-3 py-1 font-medium hover:bg-slate-100">
              {t("nav.search")}
            </button>
          </form>
          <Link
            href="/petugas/notifikasi"
            aria-label={unread > 0 ? t("nav.notificationsUnread", { count: unread }) : t("nav.notifications")}
            className="inline-flex min-h-11 items-center gap-1.5 rounded border border-slate-300 px-3 py-1 font-medium text-brand-700 hover:bg-slate-100"
          >
            <svg aria-hidden="true" viewBox="0 0 24 24" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2">
              <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
              <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
            </svg>
            <span>{t("nav.notifications")}</span>
            {unread > 0 ? (
              <span data-testid="unread-count" className="rounded-full bg-red-700 px-1.5 text-xs font-bold text-white">
                {unread >= 100 ? "99+" : unread}
              </span>
            ) : null}
          </Link>
          <span className="text-slate-600">
            {t("nav.signedInAs", { name: staff.name, role: `${t(`roles.${staff.role}`)}${staff.opdCode ? ` · ${staff.opdCode}` : ""}` })}
          </span>
          <form action={signOutAction}>
            <button type="submit" className="rounded border border-slate-400 px-3 py-1 hover:bg-slate-100">
              {t("nav.signOut")}
            </button>
          </form>
        </div>
      </div>
      {children}
    </div>
  );
}
