"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { createKeyAction, updateKeyAction } from "@/app/(staff)/petugas/open311/actions";
import { Field, inputClass } from "@/components/ui/field";

type Failed = { fieldErrors: Record<string, string[]> } | null;
/** A field's own problem is worded by its name (one rule per field: server/open311/keys.ts). */
const useErrors = (failed: Failed) => {
  const t = useTranslations("staff.open311");
  return (name: "name" | "rateLimit") => (failed?.fieldErrors[name] ? [t(`errors.${name}`)] : undefined);
};

/** The administrator's form for a new Open311 client; its key is shown once, here, a mistake beside its field. */
export function CreateOpen311KeyForm({ defaultRate }: { defaultRate: number }) {
  const t = useTranslations("staff.open311");
  const [state, action] = useActionState(createKeyAction, null);
  const failed = state?.ok === false ? state : null;
  const errors = useErrors(failed);
  const values = failed?.values ?? {};
  return (
    <form action={action} className="space-y-3" key={state?.attempt ?? "form"}>
      {state?.ok ? (
        <div role="status" className="space-y-1 rounded-md border-l-4 border-green-700 bg-green-50 p-3 text-green-950">
          <p>{t("created", { name: state.result.name })}</p>
          <p>
            {t("oneTime")}{" "}
            <code data-testid="open311-key" className="select-all break-all rounded bg-white px-2 py-1 font-mono text-base">
              {state.result.key}
            </code>
          </p>
        </div>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field name="name" id="o311-name" label={t("name")} errors={errors("name")}>
          {(a11y) => <input {...a11y} name="name" required minLength={2} maxLength={100} defaultValue={values.name} className={inputClass} />}
        </Field>
        <Field name="rateLimit" id="o311-rate" label={t("rateLimit")} hint={t("rateHint")} errors={errors("rateLimit")}>
          {(a11y) => <input {...a11y} name="rateLimit" type="number" min={0} max={100000} required defaultValue={values.rateLimit ?? String(defaultRate)} className={inputClass} />}
        </Field>
      </div>
      <button type="submit" className="min-h-11 rounded-md bg-brand-700 px-4 py-2 font-semibold text-white">{t("create")}</button>
    </form>
  );
}

/** One client's name and limit; a mistake stays in the row, beside its field, with what was typed. */
export function UpdateOpen311KeyForm({ id, name, rateLimit }: { id: number; name: string; rateLimit: number }) {
  const t = useTranslations("staff.open311");
  const [state, action] = useActionState(updateKeyAction, null);
  const failed = state?.ok === false ? state : null;
  const errors = useErrors(failed);
  const values = failed?.values ?? { name, rateLimit: String(rateLimit) };
  return (
    <form action={action} key={failed?.attempt ?? "form"} className="grid flex-1 gap-2 sm:grid-cols-[minmax(0,1fr)_minmax(0,17rem)_auto] sm:items-start">
      <input type="hidden" name="clientId" value={id} />
      <Field name="name" id={`o311-name-${id}`} label={t("name")} errors={errors("name")}>
        {(a11y) => <input {...a11y} name="name" required minLength={2} maxLength={100} defaultValue={values.name} className={inputClass} />}
      </Field>
      <Field name="rateLimit" id={`o311-rate-${id}`} label={t("rateLimit")} errors={errors("rateLimit")}>
        {(a11y) => <input {...a11y} name="rateLimit" type="number" min={0} max={100000} required defaultValue={values.rateLimit} className={inputClass} />}
      </Field>
      {/* Level with the controls (below their labels), so an error under one field does not move it. */}
      <button type="submit" aria-label={t("saveFor", { name })} className="min-h-11 justify-self-start rounded border border-slate-400 px-3 py-1 text-sm hover:bg-slate-100 sm:mt-7">
        {t("save")}
      </button>
    </form>
  );
}
