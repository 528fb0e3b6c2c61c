import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { can } from "@/domain/permissions";
import { requireStaff } from "@/server/staff";
import { signOutAction } from "./actions";

export const metadata = { robots: { index: false } };

export default async function StaffLayout({ children }: { children: React.ReactNode }) {
  const staff = await requireStaff();
  const t = await getTranslations("staff");
  const links = [
    can(staff.role, "queue.coordinator") && { href: "/petugas/antrean", label: t("nav.queue") },
    can(staff.role, "inbox.opd") && { href: "/petugas/kotak-masuk", label: t("nav.inbox") },
    can(staff.role, "complaints.enter_on_behalf") && { href: "/petugas/aduan/baru", label: t("nav.enter") },
    can(staff.role, "complaints.enter_on_behalf") && { href: "/petugas/sms-masuk", label: t("nav.sms") },
    can(staff.role, "audit.read") && { href: "/petugas/audit", label: t("nav.audit") },
    can(staff.role, "integration.operate") && { href: "/petugas/integrasi", label: t("nav.integration") },
    can(staff.role, "admin.manage") && { href: "/petugas/pengguna", label: t("nav.users") },
    { href: "/petugas/akun", label: t("nav.account") },
  ].filter((l): l is { href: string; label: string } => Boolean(l));
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg bg-white p-3 ring-1 ring-slate-200">
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
        <div className="flex items-center gap-3 text-sm">
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
