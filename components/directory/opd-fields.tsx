"use client";

import { useTranslations } from "next-intl";
import { SelectField, TextField } from "./form";

export type OpdValues = { name: string; shortName: string | null; kind: string; kecamatanId: number | null; parentCode: string | null; email: string | null; laporId: string | null };

/** The fields of an OPD, shared by the "new OPD" and the edit form (inside a `DirectoryForm`). */
export function OpdFields({ stored, opds, kecamatan }: { stored: OpdValues | null; opds: { code: string; name: string }[]; kecamatan: { id: number; name: string }[] }) {
  const t = useTranslations("directory.opd");
  const td = useTranslations("directory");
  const v = (field: keyof OpdValues) => (stored?.[field] === null || stored?.[field] === undefined ? "" : String(stored[field]));
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <TextField name="name" label={t("name")} stored={v("name")} />
      <TextField name="shortName" label={t("shortName")} stored={v("shortName")} optional={td("optional")} />
      <SelectField name="kind" label={t("kind")} stored={v("kind") || "opd"} options={[["opd", t("kinds.opd")], ["kecamatan", t("kinds.kecamatan")]]} />
      <SelectField name="kecamatanId" label={t("kecamatan")} hint={t("kecamatanHint")} stored={v("kecamatanId")} options={[["", td("none")], ...kecamatan.map((k): [string, string] => [String(k.id), k.name])]} />
      <SelectField name="parentCode" label={t("parent")} stored={v("parentCode")} options={[["", td("none")], ...opds.map((o): [string, string] => [o.code, o.name])]} />
      <TextField name="email" type="email" label={t("email")} hint={t("emailHint")} stored={v("email")} optional={td("optional")} />
      <TextField name="laporId" label={t("laporId")} hint={t("laporIdHint")} stored={v("laporId")} optional={td("optional")} />
    </div>
  );
}
