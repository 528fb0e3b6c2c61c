import { getTranslations } from "next-intl/server";
import { Field, inputClass } from "@/components/ui/field";
import type { FormState } from "./form-state";
import { fieldErrors, TextField, valueOf } from "./parts";

export type Group = { label: string; options: [string, string][] };
export type RuleOptions = { categories: [string, string][]; areas: Group[]; targets: Group[] };

/** A select whose options come in groups (kelurahan under their kecamatan, OPDs and institutions). */
export function GroupedSelect({ name, label, value, groups, first, errors, idPrefix, hint }: { name: string; label: string; value: string; groups: Group[]; first?: [string, string]; errors?: string[]; idPrefix: string; hint?: string }) {
  return (
    <Field name={`${idPrefix}${name}`} label={label} errors={errors} hint={hint}>
      {(a11y) => (
        <select {...a11y} name={name} defaultValue={value} className={inputClass}>
          {first ? <option value={first[0]}>{first[1]}</option> : null}
          {groups.map((g) => (
            <optgroup key={g.label} label={g.label}>
              {g.options.map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      )}
    </Field>
  );
}

/** Category (or any) × area → target, and a note: the fields of an area routing rule. */
export async function RuleFields({ form, state, stored, options }: { form: string; state: FormState | null; stored: { categoryCode: string; area: string; target: string; note: string } | null; options: RuleOptions }) {
  const t = await getTranslations("directory.rules");
  const td = await getTranslations("directory");
  const err = await fieldErrors(state, form);
  const pre = `${form}-`;
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <GroupedSelect idPrefix={pre} name="area" label={t("area")} value={valueOf(state, form, "area", stored?.area)} first={["", td("choose")]} groups={options.areas} errors={err("area")} />
      <GroupedSelect idPrefix={pre} name="categoryCode" label={t("category")} value={valueOf(state, form, "categoryCode", stored?.categoryCode)} first={["", t("anyCategory")]} groups={[{ label: t("categories"), options: options.categories }]} errors={err("categoryCode")} />
      <GroupedSelect idPrefix={pre} name="target" label={t("target")} value={valueOf(state, form, "target", stored?.target)} first={["", td("choose")]} groups={options.targets} errors={err("target")} />
      <TextField idPrefix={pre} name="note" label={t("note")} value={valueOf(state, form, "note", stored?.note)} errors={err("note")} optional={td("optional")} />
    </div>
  );
}
