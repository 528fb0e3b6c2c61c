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
        <div className="block text-sm font-medium">
          <label htmlFor="audit-f-aktor">{t("field.aktor")}</label>
          <select id="audit-f-aktor" name="aktor" defaultValue={p.aktor} className={control}>
            <option value="">{t("all")}</option>
            {props.actors.map((a) => (
              <option key={a.id} value={String(a.id)}>
                {a.name} ({a.email})
              </option>
            ))}
          </select>
        </div>
        <div className="block text-sm font-medium">
          <label htmlFor="audit-f-peran">{t("field.peran")}</label>
          <select id="audit-f-peran" name="peran" defaultValue={p.peran} className={control}>
            <option value="">{t("all")}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {tr(r)}
              </option>
            ))}
            <option value="cli">{t("cli")}</option>
          </select>
        </div>
        <div className="block text-sm font-medium">
          <label htmlFor="audit-f-jenis">{t("field.jenis")}</label>
          <select id="audit-f-jenis" name="jenis" defaultValue={p.jenis} className={control}>
            <option value="">{t("all")}</option>
            {AUDIT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="block text-sm font-medium">
          <label htmlFor="audit-f-kode">{t("field.kode")}</label>
          <input id="audit-f-kode" name="kode" defaultValue={p.kode} placeholder="BTM-…" className={control} />
        </div>
        <div className="block text-sm font-medium">
          <label htmlFor="audit-f-dari">{t("field.dari")}</label>
          <input id="audit-f-dari" type="date" name="dari" defaultValue={p.dari} className={control} />
        </div>
        <div className="block text-sm font-medium">
          <label htmlFor="audit-f-sampai">{t("field.sampai")}</label>
          <input id="audit-f-sampai" type="date" name="sampai" defaultValue={p.sampai} className={control} />
        </div>
        <div className="block text-sm font-medium sm:col-span-2">
          <label htmlFor="audit-f-q">{t("field.q")}</label>
          <input id="audit-f-q" type="search" name="q" defaultValue={p.q} maxLength={200} placeholder={t("qPlaceholder")} className={control} />
        </div>
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
