import { getTranslations } from "next-intl/server";
import type { FormState } from "./form-state";
import { fieldErrors, SelectField, TextField, valueOf } from "./parts";

export type OpdValues = { name: string; shortName: string | null; kind: string; kecamatanId: number | null; parentCode: string | null; email: string | null; laporId: string | null };

/** The fields of an OPD, shared by the "new OPD" and the edit form. */
export async function OpdFields({ form, state, stored, opds, kecamatan }: { form: string; state: FormState | null; stored: OpdValues | null; opds: { code: string; name: string }[]; kecamatan: { id: number; name: string }[] }) {
  const t = await getTranslations("directory.opd");
  const td = await getTranslations("directory");
  const err = await fieldErrors(state, form);
  const v = (field: keyof OpdValues) => valueOf(state, form, field, stored?.[field] === null || stored?.[field] === undefined ? "" : String(stored[field]));
  const p = `${form}-`;
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <TextField idPrefix={p} name="name" label={t("name")} value={v("name")} errors={err("name")} />
      <TextField idPrefix={p} name="shortName" label={t("shortName")} value={v("shortName")} errors={err("shortName")} optional={td("optional")} />
      <SelectField idPrefix={p} name="kind" label={t("kind")} value={v("kind") || "opd"} options={[["opd", t("kinds.opd")], ["kecamatan", t("kinds.kecamatan")]]} errors={err("kind")} />
      <SelectField
        idPrefix={p}
        name="kecamatanId"
        label={t("kecamatan")}
        hint={t("kecamatanHint")}
        value={v("kecamatanId")}
        options={[["", td("none")], ...kecamatan.map((k): [string, string] => [String(k.id), k.name])]}
        errors={err("kecamatanId")}
      />
      <SelectField idPrefix={p} name="parentCode" label={t("parent")} value={v("parentCode")} options={[["", td("none")], ...opds.map((o): [string, string] => [o.code, o.name])]} errors={err("parentCode")} />
      <TextField idPrefix={p} name="email" type="email" label={t("email")} hint={t("emailHint")} value={v("email")} errors={err("email")} optional={td("optional")} />
      <TextField idPrefix={p} name="laporId" label={t("laporId")} hint={t("laporIdHint")} value={v("laporId")} errors={err("laporId")} optional={td("optional")} />
    </div>
  );
}
