import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Field, inputClass } from "@/components/ui/field";
import type { RouteTrial } from "@/server/directory/rules";
import { SelectField } from "./form";
import type { RuleOptions } from "./rule-fields";

/**
 * The "coba" box: a GET form (works without JavaScript, and for readers too) with a sample
 * complaint; below it, where the intake pipeline would send it and why.
 */
export async function RouteTrialBox({ options, asked, trial }: { options: RuleOptions; asked: { text: string; categoryCode: string; area: string } | null; trial: RouteTrial | null }) {
  const t = await getTranslations("directory.trial");
  const tr = await getTranslations("directory.rules");
  const s = trial?.suggestion;
  const target = trial?.target ? `${trial.target.name}${trial.target.kind === "external" ? ` (${t("outside")})` : ""}` : null;
  let why: string | null = null;
  if (s && trial) {
    const cat = trial.category?.name ?? "";
    const kw = s.matchedKeywords?.join(", ") ?? "";
    if (s.reason === "area" && trial.rule) {
      const where = trial.rule.kelurahanName ? `${trial.rule.kelurahanName}, ${trial.rule.kecamatanName}` : tr("kecamatanWhole", { name: trial.rule.kecamatanName ?? "" });
      why = t("why.area", { id: trial.rule.id, category: trial.rule.categoryName ?? tr("anyCategory"), area: where }) + (kw ? ` ${t("why.keywordsChose", { keywords: kw, category: cat })}` : "");
    } else if (s.reason === "category") why = t("why.category", { category: cat });
    else if (s.reason === "keyword") why = t("why.keyword", { keywords: kw, category: cat });
    else if (s.reason === "kecamatan") why = t("why.kecamatan");
    else why = t("why.none");
  }
  return (
    <section aria-labelledby="trial-h" className="space-y-3 rounded-lg bg-brand-50 p-4 ring-1 ring-brand-200">
      <h2 id="trial-h" className="text-lg font-semibold">{t("title")}</h2>
      <p className="text-sm text-slate-700">{t("lead")}</p>
      <form method="get" action="/petugas/direktori/rute#trial-h" className="space-y-3">
        <Field name="trial-text" label={t("text")}>
          {(a11y) => <textarea {...a11y} name="coba" rows={3} maxLength={5000} defaultValue={asked?.text ?? ""} className={inputClass} />}
        </Field>
        <div className="grid gap-3 sm:grid-cols-2">
          <SelectField name="kategori" label={tr("category")} stored={asked?.categoryCode} first={["", t("noCategory")]} groups={[{ label: tr("categories"), options: options.categories }]} />
          <SelectField name="wilayah" label={tr("area")} stored={asked?.area} first={["", t("noArea")]} groups={options.areas} />
        </div>
        <button type="submit" className="min-h-11 rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">{t("submit")}</button>
      </form>
      {trial ? (
        <div role="status" data-testid="route-trial" className="space-y-1 rounded-md bg-white p-3 ring-1 ring-slate-200">
          <p className="font-semibold">{target ? t("result", { target }) : t("noResult")}</p>
          <p className="text-sm text-slate-700">{why}</p>
          {trial.rule ? (
            <Link href={`/petugas/direktori/rute/${trial.rule.id}`} className="text-sm text-brand-700 underline">{t("openRule", { id: trial.rule.id })}</Link>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
