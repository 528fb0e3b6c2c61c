import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Flash, IntegrationNav, param, smallButton } from "@/components/integration/parts";
import { inputClass } from "@/components/ui/field";
import { MAPPING_KINDS } from "@/domain/lapor-ops";
import { can } from "@/domain/permissions";
import { getDb } from "@/server/db";
import { listMappings, mappableItems } from "@/server/lapor-mappings";
import { reference } from "@/server/reference";
import { requireStaff } from "@/server/staff";
import { setMappingAction } from "@/app/(staff)/petugas/integrasi/actions";

type Search = Promise<Record<string, string | string[] | undefined>>;

/** Pintu's categories, areas, OPDs and external institutions ↔ LAPOR's ids. Admins edit; coordinators read. */
export default async function MappingsPage({ searchParams }: { searchParams: Search }) {
  const staff = await requireStaff("integration.operate");
  const editable = can(staff.role, "integration.mappings.edit");
  const sp = await searchParams;
  const t = await getTranslations("staff.integration");
  const db = getDb();
  const [mappings, ref] = await Promise.all([listMappings(db), reference(db)]);
  const items = mappableItems(ref);
  const current = new Map(mappings.map((m) => [`${m.kind}:${m.localCode}`, m.laporId]));
  const done = param(sp.done);
  const error = param(sp.error);
  const errKind = param(sp.kind);
  const errCode = param(sp.code);
  // One kind at a time: the areas alone are dozens of rows, each its own form.
  const kindParam = param(sp.jenis) ?? errKind;
  const shown = MAPPING_KINDS.find((k) => k === kindParam) ?? "category";
  const errText = error ? (t.has(`importErrors.${error}`) ? t(`importErrors.${error}` as "importErrors.required", { p: param(sp.p) ?? "" }) : t("errors.invalid")) : null;

  return (
    <div className="space-y-8">
      <div className="space-y-3">
        <h1 className="text-2xl font-bold text-brand-800">{t("mappings.title")}</h1>
        <p className="text-slate-700">{editable ? t("mappings.leadAdmin") : t("mappings.leadReadOnly")}</p>
        <IntegrationNav current="mappings" />
      </div>
      <Flash ok={done ? t("done.saved") : null} error={errText ? t("mappings.errorFor", { error: errText }) : null} />
      <nav aria-label={t("mappings.kindsLabel")}>
        <ul className="flex flex-wrap gap-x-4 gap-y-2 text-sm font-medium">
          {MAPPING_KINDS.map((k) => (
            <li key={k}>
              <Link href={`/petugas/integrasi/pemetaan?jenis=${k}`} aria-current={k === shown ? "page" : undefined} className={k === shown ? "font-bold text-brand-800 underline" : "text-brand-700 underline-offset-4 hover:underline"}>
                {t(`mappings.kind.${k}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {[shown].map((kind) => (
        <section key={kind} aria-labelledby={`kind-${kind}`} className="space-y-2">
          <h2 id={`kind-${kind}`} className="text-lg font-semibold">{t(`mappings.kind.${kind}`)}</h2>
          <ul className="divide-y divide-slate-200 rounded-lg bg-white text-sm ring-1 ring-slate-200">
            {items[kind].map((item) => {
              const value = current.get(`${kind}:${item.code}`) ?? "";
              const failed = error && errKind === kind && errCode === item.code;
              const inputId = `m-${kind}-${item.code}`;
              return (
                <li key={item.code} id={inputId} className="flex flex-col gap-2 p-3 sm:flex-row sm:items-center sm:justify-between">
                  <div className="min-w-0">
                    <p className="font-medium">{item.name}</p>
                    <p className="font-mono text-xs text-slate-600">{item.code}</p>
                  </div>
                  {editable ? (
                    <form action={setMappingAction} className="flex flex-wrap items-start gap-2">
                      <input type="hidden" name="kind" value={kind} />
                      <input type="hidden" name="localCode" value={item.code} />
                      <div className="flex flex-col">
                        <label htmlFor={`${inputId}-in`} className="sr-only">{t("mappings.laporIdFor", { name: item.name })}</label>
                        <input
                          id={`${inputId}-in`}
                          name="laporId"
                          defaultValue={failed ? (param(sp.value) ?? value) : value}
                          placeholder={t("mappings.placeholder")}
                          aria-invalid={failed ? true : undefined}
                          aria-describedby={failed ? `${inputId}-err` : undefined}
                          className={`${inputClass} w-40 font-mono`}
                        />
                        {failed ? <p id={`${inputId}-err`} className="text-sm font-medium text-red-700">{errText}</p> : null}
                      </div>
                      <button type="submit" className={smallButton}>{t("mappings.save")}</button>
                      {value ? (
                        <button type="submit" name="remove" value="1" className={smallButton} aria-label={t("mappings.removeFor", { name: item.name })}>
                          {t("mappings.remove")}
                        </button>
                      ) : null}
                    </form>
                  ) : (
                    <p className="font-mono">{value || <span className="font-sans text-slate-500">{t("mappings.unset")}</span>}</p>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}
