"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { createKeyAction, type KeyFormState } from "@/app/(staff)/petugas/open311/actions";
import { inputClass } from "@/components/ui/field";

const idle: KeyFormState = { status: "idle" };

/** The administrator's form for a new Open311 client; its key is shown once, here. */
export function CreateOpen311KeyForm({ defaultRate }: { defaultRate: number }) {
  const t = useTranslations("staff.open311");
  const [state, action] = useActionState(createKeyAction, idle);
  const errors = state.status === "error" ? state.fieldErrors : {};
  const values = state.status === "error" ? state.values : {};
  const field = (name: string) => (errors[name]?.length ? { "aria-invalid": true as const, "aria-describedby": `o311-${name}-error` } : {});
  const error = (name: string) =>
    errors[name]?.length ? (
      <p id={`o311-${name}-error`} className="text-sm font-medium text-red-700">
        {t(`errors.${name}`)}
      </p>
    ) : null;
  return (
    <form action={action} className="space-y-3" key={state.status === "created" ? state.key : state.status === "error" ? state.attempt : "form"}>
      {state.status === "created" ? (
        <div role="status" className="space-y-1 rounded-md border-l-4 border-green-700 bg-green-50 p-3 text-green-950">
          <p>{t("created", { name: state.name })}</p>
          <p>
            {t("oneTime")}{" "}
            <code data-testid="open311-key" className="select-all break-all rounded bg-white px-2 py-1 font-mono text-base">
              {state.key}
            </code>
          </p>
        </div>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="flex flex-col gap-1">
          <label htmlFor="o311-name" className="font-medium">{t("name")}</label>
          <input id="o311-name" name="name" required minLength={2} maxLength={100} defaultValue={values.name} className={inputClass} {...field("name")} />
          {error("name")}
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="o311-rate" className="font-medium">{t("rateLimit")}</label>
          <input id="o311-rate" name="rateLimit" type="number" min={0} max={100000} required defaultValue={values.rateLimit ?? String(defaultRate)} className={inputClass} aria-describedby="o311-rate-hint" {...field("rateLimit")} />
          <p id="o311-rate-hint" className="text-sm text-slate-600">{t("rateHint")}</p>
          {error("rateLimit")}
        </div>
      </div>
      <button type="submit" className="min-h-11 rounded-md bg-brand-700 px-4 py-2 font-semibold text-white">{t("create")}</button>
    </form>
  );
}
