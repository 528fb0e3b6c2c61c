"use client";

import { useTranslations } from "next-intl";
import { DEFAULT_SLA, type SlaClock } from "@/domain/sla";
import { CheckField, SelectField, TextField } from "./form";

export type CategoryValues = {
  name: string;
  nameEn: string | null;
  description: string | null;
  opdCode: string | null;
  externalCode: string | null;
  keywords: string[];
  sla: Partial<Record<SlaClock, number>> | null;
};

/** The fields of a category, shared by the "new category" and the edit form (inside a `DirectoryForm`). */
export function CategoryFields(p: { stored: CategoryValues | null; opds: { code: string; name: string }[]; externals: { code: string; name: string }[]; clockLabels: Record<SlaClock, string> }) {
  const t = useTranslations("directory.category");
  const td = useTranslations("directory");
  const s = p.stored;
  return (
    <div className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField name="name" label={t("name")} stored={s?.name} />
        <TextField name="nameEn" label={t("nameEn")} stored={s?.nameEn} optional={td("optional")} />
      </div>
      <TextField name="description" label={t("description")} stored={s?.description} optional={td("optional")} textarea />
      <fieldset className="space-y-3 rounded-md border border-slate-300 p-3">
        <legend className="px-1 font-medium">{t("routing")}</legend>
        <SelectField name="opdCode" label={t("opd")} hint={t("opdHint")} stored={s?.opdCode} options={[["", t("coordinatorDecides")], ...p.opds.map((o): [string, string] => [o.code, o.name])]} />
        <CheckField name="forwardOutside" label={t("forwardOutside")} hint={t("forwardOutsideHint")} stored={Boolean(s?.externalCode)} />
        <SelectField name="externalCode" label={t("external")} stored={s?.externalCode} options={[["", td("none")], ...p.externals.map((e): [string, string] => [e.code, e.name])]} />
      </fieldset>
      <TextField name="keywords" label={t("keywords")} hint={t("keywordsHint")} stored={s?.keywords.join(", ")} textarea />
      <fieldset className="rounded-md border border-slate-300 p-3">
        <legend className="px-1 font-medium">{t("deadlines")}</legend>
        <p className="mb-2 text-sm text-slate-600">{t("deadlinesHint")}</p>
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          {(Object.keys(DEFAULT_SLA) as SlaClock[]).map((clock) => (
            <TextField key={clock} name={clock} type="number" label={p.clockLabels[clock]} hint={t("defaultDays", { n: DEFAULT_SLA[clock] })} stored={s?.sla?.[clock] === undefined ? "" : String(s.sla[clock])} />
          ))}
        </div>
      </fieldset>
    </div>
  );
}
