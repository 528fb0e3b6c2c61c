import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { DirectoryForm, TextField } from "@/components/directory/form";
import { ActiveBadge, DirectoryHeader } from "@/components/directory/parts";
import { RouteTrialBox } from "@/components/directory/route-trial";
import { RuleFields } from "@/components/directory/rule-fields";
import { param } from "@/components/integration/parts";
import { getDb } from "@/server/db";
import { directoryAccess } from "@/server/directory/access";
import { ruleOptions } from "@/server/directory/rule-options";
import { listRoutingRules, tryRoute, type RouteTrial } from "@/server/directory/rules";
import { ValidationError } from "@/lib/errors";
import { keywordsAction, saveRuleAction } from "@/app/(staff)/petugas/direktori/actions";

type Search = Promise<Record<string, string | string[] | undefined>>;

/**
 * Routing rules: area rules (category × kecamatan/kelurahan → OPD or institution) and keywords →
 * category, with the "coba" box that routes a sample complaint through the same code as intake.
 */
export default async function RulesPage({ searchParams }: { searchParams: Search }) {
  const { editable } = await directoryAccess();
  const sp = await searchParams;
  const t = await getTranslations("directory");
  const db = getDb();
  const [rules, options] = await Promise.all([
    listRoutingRules(db),
    ruleOptions(db, { kecamatanWhole: (name) => t("rules.kecamatanWhole", { name }), opds: t("rules.opds"), institutions: t("rules.institutions") }),
  ]);
  const asked = param(sp.coba) !== null ? { text: param(sp.coba) ?? "", categoryCode: param(sp.kategori) ?? "", area: param(sp.wilayah) ?? "" } : null;
  let trial: RouteTrial | null = null;
  if (asked) {
    try {
      trial = await tryRoute(db, asked);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
    }
  }
  const preArea = param(sp.wilayah) && !asked ? param(sp.wilayah)! : "";
  return (
    <div className="space-y-8">
      <DirectoryHeader title={t("rules.title")} current="rules" editable={editable} done={param(sp.done)} />
      <p className="text-sm text-slate-700">{t("rules.order")}</p>
      <RouteTrialBox options={options} asked={asked} trial={trial} />

      <section aria-labelledby="rules-area" className="space-y-3">
        <h2 id="rules-area" className="text-lg font-semibold">{t("rules.areaTitle")}</h2>
        {rules.length === 0 ? (
          <p className="rounded-lg bg-white p-4 text-sm ring-1 ring-slate-200">{t("rules.empty")}</p>
        ) : (
          <div className="overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">{t("rules.areaTitle")}</caption>
              <thead className="bg-slate-50 text-slate-700">
                <tr>
                  <th scope="col" className="p-2">{t("rules.area")}</th>
                  <th scope="col" className="p-2">{t("rules.category")}</th>
                  <th scope="col" className="p-2">{t("rules.target")}</th>
                  <th scope="col" className="hidden p-2 sm:table-cell">{t("rules.note")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200">
                {rules.map((r) => (
                  <tr key={r.id} id={`rule-${r.id}`} className={r.active ? "" : "text-slate-500"}>
                    <td className="p-2">
                      <Link href={`/petugas/direktori/rute/${r.id}`} className="text-brand-700 underline">
                        {r.kelurahanName ? `${r.kelurahanName}, ${r.kecamatanName}` : t("rules.kecamatanWhole", { name: r.kecamatanName ?? "" })}
                      </Link>
                      <ActiveBadge active={r.active} />
                    </td>
                    <td className="p-2">{r.categoryName ?? t("rules.anyCategory")}</td>
                    <td className="p-2">{r.opdName ?? r.externalName}</td>
                    <td className="hidden p-2 sm:table-cell">{r.note ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {editable ? (
          <div id="rule-new" className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-slate-200">
            <h3 className="font-semibold">{t("rules.newTitle")}</h3>
            <DirectoryForm action={saveRuleAction} prefix="new-" submit={t("rules.create")}>
              <RuleFields stored={{ categoryCode: "", area: preArea, target: "", note: "" }} options={options} />
            </DirectoryForm>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="rules-kw" className="space-y-3">
        <h2 id="rules-kw" className="text-lg font-semibold">{t("rules.keywordsTitle")}</h2>
        <p className="text-sm text-slate-700">{t("rules.keywordsLead")}</p>
        <ul className="divide-y divide-slate-200 rounded-lg bg-white ring-1 ring-slate-200">
          {options.cats
            .filter((c) => c.active)
            .map((c) => (
              <li key={c.id} id={`kw-${c.id}`} className="space-y-2 p-3">
                <p className="font-medium">
                  {c.name} <span className="font-normal text-slate-600">→ {c.opdName ?? c.externalName ?? t("category.coordinatorDecides")}</span>
                </p>
                {editable ? (
                  <DirectoryForm action={keywordsAction} hidden={{ id: String(c.id) }} prefix={`kw-${c.id}-`} submit={t("save")} submitAriaLabel={t("rules.keywordsSaveFor", { name: c.name })} quiet className="flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:items-start">
                    <div className="grow">
                      <TextField name="keywords" label={t("rules.keywordsFor", { name: c.name })} stored={c.keywords.join(", ")} textarea srOnlyLabel />
                    </div>
                  </DirectoryForm>
                ) : (
                  <p className="text-sm text-slate-700">{c.keywords.join(", ") || "—"}</p>
                )}
              </li>
            ))}
        </ul>
      </section>
    </div>
  );
}
