import { getTranslations } from "next-intl/server";
import { AUDIT_KINDS } from "@/domain/audit-view";
import { ROLES } from "@/domain/complaint-status";
import type { AuditQuery } from "@/server/audit-log";

const control = "mt-1 block w-full min-h-11 rounded-md border border-slate-400 bg-white px-3 py-2";

/** The audit log's filters: a plain GET form (works without JavaScript; the URL can be shared). */
export async function AuditFilters(props: { params: AuditQuery["params"]; invalid: string[]; actors: { id: number; name: string; email: string }[] }) {
  const t = await getTranslations("staff.audit.filter");
  const tr = await getTranslations("staff.roles");
  const p = props.params;
  return (
    <form method="get" action="/petugas/audit" className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-slate-200" aria-labelledby="audit-filter-h">
      <h2 id="audit-filter-h" className="font-semibold">{t("title")}</h2>
      {props.invalid.length > 0 ? (
        <p role="alert" className="rounded-md bg-amber-50 p-2 text-sm text-amber-950 ring-1 ring-amber-300">
          {t("invalid", { fields: props.invalid.map((f) => t(`field.${f}` as "field.aktor")).join(", ") })}
        </p>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <label className="block text-sm font-medium">
          {t("field.aktor")}
          <select name="aktor" defaultValue={p.aktor} className={control}>
            <option value="">{t("all")}</option>
            {props.actors.map((a) => (
              <option key={a.id} value={String(a.id)}>
                {a.name} ({a.email})
              </option>
            ))}
          </select>
        </label>
        <label className="block text-sm font-medium">
          {t("field.peran")}
          <select name="peran" defaultValue={p.peran} className={control}>
            <option value="">{t("all")}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {tr(r)}
              </option>
            ))}
            <option value="cli">{t("cli")}</option>
          </select>
        </label>
        <label className="block text-sm font-medium">
          {t("field.jenis")}
          <select name="jenis" defaultValue={p.jenis} className={control}>
            <option value="">{t("all")}</option>
            {AUDIT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="block text-sm font-medium">
          {t("field.kode")}
          <input name="kode" defaultValue={p.kode} placeholder="BTM-…" className={control} />
        </label>
        <label className="block text-sm font-medium">
          {t("field.dari")}
          <input type="date" name="dari" defaultValue={p.dari} className={control} />
        </label>
        <label className="block text-sm font-medium">
          {t("field.sampai")}
          <input type="date" name="sampai" defaultValue={p.sampai} className={control} />
        </label>
        <label className="block text-sm font-medium sm:col-span-2">
          {t("field.q")}
          <input type="search" name="q" defaultValue={p.q} maxLength={200} placeholder={t("qPlaceholder")} className={control} />
        </label>
      </div>
      <div className="flex flex-wrap gap-3">
        <button type="submit" className="min-h-11 rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
          {t("submit")}
        </button>
        <a href="/petugas/audit" className="inline-flex min-h-11 items-center rounded-md px-3 underline">
          {t("reset")}
        </a>
      </div>
    </form>
  );
}
