import { getTranslations } from "next-intl/server";
import { DEFAULT_SLA, type SlaClock } from "@/domain/sla";
import type { FormState } from "./form-state";
import { fieldErrors, SelectField, TextField, valueOf } from "./parts";

export type CategoryValues = {
  name: string;
  nameEn: string | null;
  description: string | null;
  opdCode: string | null;
  externalCode: string | null;
  keywords: string[];
  sla: Partial<Record<SlaClock, number>> | null;
};

/** The fields of a category, shared by the "new category" and the edit form. */
export async function CategoryFields(p: { form: string; state: FormState | null; stored: CategoryValues | null; opds: { code: string; name: string }[]; externals: { code: string; name: string }[] }) {
  const t = await getTranslations("directory.category");
  const td = await getTranslations("directory");
  const tc = await getTranslations("sla.clocks");
  const err = await fieldErrors(p.state, p.form);
  const s = p.stored;
  const v = (field: string, stored: string | null | undefined) => valueOf(p.state, p.form, field, stored);
  const refused = p.state?.values.form === p.form;
  const outside = refused ? p.state!.values.forwardOutside === "on" : Boolean(s?.externalCode);
  const pre = `${p.form}-`;
  return (
    <div className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField idPrefix={pre} name="name" label={t("name")} value={v("name", s?.name)} errors={err("name")} />
        <TextField idPrefix={pre} name="nameEn" label={t("nameEn")} value={v("nameEn", s?.nameEn)} errors={err("nameEn")} optional={td("optional")} />
      </div>
      <TextField idPrefix={pre} name="description" label={t("description")} value={v("description", s?.description)} errors={err("description")} optional={td("optional")} textarea />
      <fieldset className="space-y-3 rounded-md border border-slate-300 p-3">
        <legend className="px-1 font-medium">{t("routing")}</legend>
        <SelectField idPrefix={pre} name="opdCode" label={t("opd")} hint={t("opdHint")} value={v("opdCode", s?.opdCode)} options={[["", t("coordinatorDecides")], ...p.opds.map((o): [string, string] => [o.code, o.name])]} errors={err("opdCode")} />
        <div className="flex items-start gap-2">
          <input id={`${pre}forwardOutside`} name="forwardOutside" type="checkbox" defaultChecked={outside} className="mt-1 h-5 w-5" />
          <label htmlFor={`${pre}forwardOutside`}>
            <span className="font-medium">{t("forwardOutside")}</span>
            <span className="block text-sm text-slate-600">{t("forwardOutsideHint")}</span>
          </label>
        </div>
        <SelectField idPrefix={pre} name="externalCode" label={t("external")} value={v("externalCode", s?.externalCode)} options={[["", td("none")], ...p.externals.map((e): [string, string] => [e.code, e.name])]} errors={err("externalCode")} />
      </fieldset>
      <TextField idPrefix={pre} name="keywords" label={t("keywords")} hint={t("keywordsHint")} value={v("keywords", s?.keywords.join(", "))} errors={err("keywords")} textarea />
      <fieldset className="rounded-md border border-slate-300 p-3">
        <legend className="px-1 font-medium">{t("deadlines")}</legend>
        <p className="mb-2 text-sm text-slate-600">{t("deadlinesHint")}</p>
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          {(Object.keys(DEFAULT_SLA) as SlaClock[]).map((clock) => (
            <TextField key={clock} idPrefix={pre} name={clock} type="number" label={tc(clock)} hint={t("defaultDays", { n: DEFAULT_SLA[clock] })} value={v(clock, s?.sla?.[clock] === undefined ? "" : String(s.sla[clock]))} errors={err(clock)} />
          ))}
        </div>
      </fieldset>
    </div>
  );
}
