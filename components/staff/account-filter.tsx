import { getTranslations } from "next-intl/server";
import { inputClass } from "@/components/ui/field";
import { ROLES, type Role } from "@/domain/complaint-status";
import type { StaffAccountFilter } from "@/server/users";

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

/** The user list's GET filters: `q` (name or e-mail), `opd` (code), `peran` (role), `status` (aktif/nonaktif). Unknown values are ignored. */
export function accountFilter(sp: Record<string, string | string[] | undefined>, opdCodes: string[]): StaffAccountFilter {
  const q = first(sp.q).trim().slice(0, 100);
  const opd = first(sp.opd).toUpperCase();
  const role = first(sp.peran);
  const status = first(sp.status);
  return {
    q: q || undefined,
    opdCode: opdCodes.includes(opd) ? opd : undefined,
    role: (ROLES as readonly string[]).includes(role) ? (role as Role) : undefined,
    active: status === "aktif" ? true : status === "nonaktif" ? false : undefined,
  };
}

/** Search and filters above the account list (a GET form: works without JavaScript, the URL can be shared). */
export async function AccountFilterForm({ filter, opds, roles }: { filter: StaffAccountFilter; opds: { code: string; name: string }[]; roles: { value: string; label: string }[] }) {
  const t = await getTranslations("staff.users.filter");
  return (
    <form method="get" role="search" aria-label={t("label")} className="grid gap-3 rounded-lg bg-white p-3 ring-1 ring-slate-200 sm:grid-cols-2 sm:items-end">
      <div className="flex flex-col gap-1">
        <label htmlFor="uf-q" className="text-sm font-medium">{t("q")}</label>
        <input id="uf-q" name="q" type="search" maxLength={100} defaultValue={filter.q ?? ""} placeholder={t("qPlaceholder")} className={inputClass} />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="uf-opd" className="text-sm font-medium">{t("opd")}</label>
        <select id="uf-opd" name="opd" defaultValue={filter.opdCode ?? ""} className={inputClass}>
          <option value="">{t("allOpds")}</option>
          {opds.map((o) => <option key={o.code} value={o.code}>{o.name}</option>)}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="uf-role" className="text-sm font-medium">{t("role")}</label>
        <select id="uf-role" name="peran" defaultValue={filter.role ?? ""} className={inputClass}>
          <option value="">{t("allRoles")}</option>
          {roles.map((r) => <option key={r.value} value={r.value}>{r.label}</option>)}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="uf-status" className="text-sm font-medium">{t("status")}</label>
        <select id="uf-status" name="status" defaultValue={filter.active === undefined ? "" : filter.active ? "aktif" : "nonaktif"} className={inputClass}>
          <option value="">{t("allStatuses")}</option>
          <option value="aktif">{t("active")}</option>
          <option value="nonaktif">{t("inactive")}</option>
        </select>
      </div>
      <div className="flex flex-wrap gap-2 sm:col-span-2">
        <button type="submit" className="min-h-11 rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">{t("apply")}</button>
        <a href="/petugas/pengguna" className="inline-flex min-h-11 items-center whitespace-nowrap rounded-md border border-slate-400 px-3 hover:bg-slate-100">{t("reset")}</a>
      </div>
    </form>
  );
}
