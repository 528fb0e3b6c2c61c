"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { saveTemplateAction } from "@/app/(staff)/petugas/templat/actions";
import { primarySmallButton, smallButton } from "@/components/ui/buttons";
import { Field, inputClass } from "@/components/ui/field";
import { translateError } from "@/i18n/translate-error";

export type TemplateValues = { id: number; purpose: string; title: string; opdCode: string; categoryCode: string; bodyId: string; bodyEn: string; active: boolean };
type Option = { code: string; name: string };

/**
 * The template editor (new, or the one opened with `?edit=`): every refused field marked with
 * its reason and everything typed kept — the texts can be long — without JavaScript too.
 */
export function TemplateForm({ editing, purposes, opds, categories }: { editing: TemplateValues | null; purposes: readonly string[]; opds: Option[] | null; categories: Option[] }) {
  const t = useTranslations("staff.templates");
  const te = useTranslations("errors");
  const [state, action] = useActionState(saveTemplateAction, null);
  const failed = state?.ok === false ? state : null;
  const stored: Record<string, string> = editing ? { ...editing, id: String(editing.id), active: editing.active ? "1" : "" } : { purpose: "respond", active: "1" };
  const value = (name: string) => (failed ? (failed.values[name] ?? "") : (stored[name] ?? ""));
  const errors = (name: string) => failed?.fieldErrors[name]?.map((k) => translateError((key, v) => (te.has(key) ? te(key as "invalid", v) : te("invalid")), k));
  // A template that is gone (or another OPD's) is the one form-level refusal; anything else is its fields'.
  const problem = failed ? (failed.formError === "notFound" ? t("errorGone") : t("errorSummary")) : null;
  const select = (name: string, label: string, options: [string, string][]) => (
    <Field name={name} id={`tpl-${name}`} label={label} errors={errors(name)}>
      {(a11y) => (
        <select {...a11y} name={name} defaultValue={value(name)} className={inputClass}>
          {options.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  return (
    <form action={action} key={failed?.attempt ?? "form"} className="grid gap-3 sm:grid-cols-2">
      {problem ? (
        <p role="alert" className="rounded-md border-l-4 border-red-700 bg-red-50 p-3 text-sm text-red-900 sm:col-span-2">
          {problem}
        </p>
      ) : null}
      {editing ? <input type="hidden" name="id" value={editing.id} /> : null}
      {select("purpose", t("field.purpose"), purposes.map((p) => [p, t(`purpose.${p}` as "purpose.respond")]))}
      <Field name="title" id="tpl-title" label={t("field.title")} errors={errors("title")}>
        {(a11y) => <input {...a11y} name="title" required minLength={3} maxLength={120} defaultValue={value("title")} className={inputClass} />}
      </Field>
      {opds ? select("opdCode", t("field.opdCode"), [["", t("allOpds")], ...opds.map((o): [string, string] => [o.code, o.name])]) : null}
      {select("categoryCode", t("field.categoryCode"), [["", t("allCategories")], ...categories.map((c): [string, string] => [c.code, c.name])])}
      <div className="sm:col-span-2">
        <Field name="bodyId" id="tpl-bodyId" label={t("field.bodyId")} errors={errors("bodyId")}>
          {(a11y) => <textarea {...a11y} name="bodyId" required minLength={10} maxLength={4000} rows={6} defaultValue={value("bodyId")} className={inputClass} />}
        </Field>
      </div>
      <div className="sm:col-span-2">
        <Field name="bodyEn" id="tpl-bodyEn" label={t("field.bodyEn")} errors={errors("bodyEn")}>
          {(a11y) => <textarea {...a11y} name="bodyEn" maxLength={4000} rows={4} defaultValue={value("bodyEn")} className={inputClass} />}
        </Field>
      </div>
      <label className="flex min-h-11 items-center gap-2 text-sm sm:col-span-2">
        <input type="checkbox" name="active" value="1" defaultChecked={value("active") === "1"} className="size-5" />
        {t("field.active")}
      </label>
      <div className="flex flex-wrap gap-3 sm:col-span-2">
        <button type="submit" className={primarySmallButton}>
          {editing ? t("save") : t("create")}
        </button>
        {editing ? (
          <a href="/petugas/templat" className={smallButton}>
            {t("cancel")}
          </a>
        ) : null}
      </div>
    </form>
  );
}
