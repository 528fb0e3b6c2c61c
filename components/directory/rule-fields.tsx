"use client";

import { useTranslations } from "next-intl";
import { SelectField, TextField, type Group } from "./form";

export type RuleOptions = { categories: [string, string][]; areas: Group[]; targets: Group[] };

/** Category (or any) × area → target, and a note: the fields of an area routing rule (inside a `DirectoryForm`). */
export function RuleFields({ stored, options }: { stored: { categoryCode: string; area: string; target: string; note: string } | null; options: RuleOptions }) {
  const t = useTranslations("directory.rules");
  const td = useTranslations("directory");
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <SelectField name="area" label={t("area")} stored={stored?.area} first={["", td("choose")]} groups={options.areas} />
      <SelectField name="categoryCode" label={t("category")} stored={stored?.categoryCode} first={["", t("anyCategory")]} groups={[{ label: t("categories"), options: options.categories }]} />
      <SelectField name="target" label={t("target")} stored={stored?.target} first={["", td("choose")]} groups={options.targets} />
      <TextField name="note" label={t("note")} stored={stored?.note} optional={td("optional")} />
    </div>
  );
}
