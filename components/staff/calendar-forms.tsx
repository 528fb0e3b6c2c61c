"use client";

import { useTranslations } from "next-intl";
import { useActionState, type ReactNode } from "react";
import { addDayAction, removeDayAction, savePolicyAction } from "@/app/(staff)/petugas/kalender/actions";
import { ConfirmAction } from "@/components/ui/confirm-action";
import { Field, inputClass } from "@/components/ui/field";
import type { SlaClock } from "@/domain/sla";

const KINDS = ["national", "cuti_bersama", "local"] as const;
const FIELDS = ["day", "name", "kind"] as const;
const FORM_ERRORS = ["exists", "missing", "day"];

/**
 * The administrator's form for a new holiday. A mistake comes back here with every field as
 * typed and each problem beside its field (works without JavaScript: the page renders the state).
 */
export function AddDayForm({ year }: { year: number }) {
  const t = useTranslations("sla.calendar");
  const [state, action] = useActionState(addDayAction, null);
  const failed = state?.ok === false ? state : null;
  const values = failed?.values ?? {};
  // A field's own problem is worded by its name (the rule is the same for every failure of it).
  const errors = (name: (typeof FIELDS)[number]) => (failed?.fieldErrors[name] || failed?.formError === name ? [t(`errors.${name}`)] : undefined);
  const formError = failed?.formError && !(FIELDS as readonly string[]).includes(failed.formError) && FORM_ERRORS.includes(failed.formError) ? failed.formError : null;
  return (
    // Remounted after every answer, so the fields show what was just sent (React resets a form after its action).
    <form action={action} key={failed?.attempt ?? "form"} className="grid gap-3 sm:grid-cols-[auto_1fr_auto_auto] sm:items-start">
      {formError ? <p role="alert" className="rounded-md bg-red-50 p-3 text-red-900 sm:col-span-4">{t(`errors.${formError}`)}</p> : null}
      <Field name="day" id="add-day" label={t("day")} errors={errors("day")}>
        {(a11y) => <input {...a11y} name="day" type="date" required defaultValue={values.day ?? ""} min={`${year - 1}-01-01`} className={inputClass} />}
      </Field>
      <Field name="name" id="add-name" label={t("name")} errors={errors("name")}>
        {(a11y) => <input {...a11y} name="name" required minLength={2} maxLength={100} defaultValue={values.name ?? ""} className={inputClass} />}
      </Field>
      <Field name="kind" id="add-kind" label={t("kind")} errors={errors("kind")}>
        {(a11y) => (
          <select {...a11y} name="kind" defaultValue={values.kind ?? "cuti_bersama"} className={inputClass}>
            {KINDS.map((k) => <option key={k} value={k}>{t(`kinds.${k}`)}</option>)}
          </select>
        )}
      </Field>
      {/* Level with the controls (below their labels), so an error under one field does not move it. */}
      <button type="submit" className="min-h-11 rounded-md bg-brand-700 px-4 py-2 font-semibold text-white sm:mt-7">{t("addButton")}</button>
    </form>
  );
}

/** Removing one day behind a confirming second step; a failure (already removed) shows in the opened panel. */
export function RemoveDayForm({ day, label, ariaLabel, explanation, confirmLabel }: { day: string; label: string; ariaLabel: string; explanation: ReactNode; confirmLabel: string }) {
  const t = useTranslations("sla.calendar");
  const [state, action] = useActionState(removeDayAction, null);
  const key = state?.ok === false ? (state.formError ?? Object.keys(state.fieldErrors)[0] ?? "day") : null;
  return (
    <ConfirmAction
      label={label}
      ariaLabel={ariaLabel}
      explanation={explanation}
      confirmLabel={confirmLabel}
      action={action}
      fields={{ day }}
      error={key ? t(`errors.${FORM_ERRORS.includes(key) ? key : "day"}`) : undefined}
    />
  );
}

/** One category's deadlines; a wrong number stays in its field, marked, with the rule beside the form. */
export function PolicyForm({ code, name, year, clocks, sla }: { code: string; name: string; year: number; clocks: { clock: SlaClock; label: string; fallback: number }[]; sla: Partial<Record<SlaClock, number>> | null }) {
  const t = useTranslations("sla.calendar");
  const [state, action] = useActionState(savePolicyAction, null);
  const failed = state?.ok === false ? state : null;
  const errorId = `pol-${code}-error`;
  return (
    <form action={action} key={failed?.attempt ?? "form"} className="flex flex-wrap items-end gap-3">
      <input type="hidden" name="category" value={code} />
      <input type="hidden" name="year" value={year} />
      <p className="w-full font-medium sm:w-48">{name}</p>
      {clocks.map(({ clock, label, fallback }) => (
        <div key={clock} className="flex flex-col gap-1">
          <label htmlFor={`pol-${code}-${clock}`} className="text-sm">{label}</label>
          <input
            id={`pol-${code}-${clock}`}
            name={clock}
            type="number"
            min={1}
            max={60}
            placeholder={String(fallback)}
            defaultValue={failed ? failed.values[clock] : (sla?.[clock] ?? "")}
            className={`${inputClass} w-24`}
            {...(failed?.fieldErrors[clock] ? { "aria-invalid": true as const, "aria-describedby": errorId } : {})}
          />
        </div>
      ))}
      <button type="submit" aria-label={`${t("save")}: ${name}`} className="min-h-11 rounded-md border border-brand-700 px-4 py-2 font-semibold text-brand-800 hover:bg-brand-50">
        {t("save")}
      </button>
      {failed ? <p id={errorId} role="alert" className="w-full rounded-md bg-red-50 p-3 text-red-900">{t("policyError")}</p> : null}
    </form>
  );
}
