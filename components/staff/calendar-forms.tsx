"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { addDayAction, savePolicyAction } from "@/app/(staff)/petugas/kalender/actions";
import { inputClass } from "@/components/ui/field";
import type { SlaClock } from "@/domain/sla";

const KINDS = ["national", "cuti_bersama", "local"] as const;
const CALENDAR_ERRORS = ["day", "name", "kind", "exists", "missing"];

/**
 * The administrator's form for a new holiday. A mistake comes back here with every field as
 * typed and each problem beside its field (works without JavaScript: the page renders the state).
 */
export function AddDayForm({ year }: { year: number }) {
  const t = useTranslations("sla.calendar");
  const [state, action] = useActionState(addDayAction, null);
  const failed = state?.ok === false ? state : null;
  const values = failed?.values ?? {};
  const problems = failed ? [...Object.keys(failed.fieldErrors), ...(failed.formError ? [failed.formError] : [])].filter((k) => CALENDAR_ERRORS.includes(k)) : [];
  const invalid = (name: string) => (failed?.fieldErrors[name] ? { "aria-invalid": true as const, "aria-describedby": "add-errors" } : {});
  return (
    // Remounted after every answer, so the fields show what was just sent (React resets a form after its action).
    <form action={action} key={failed?.attempt ?? "form"} className="grid gap-3 sm:grid-cols-[auto_1fr_auto_auto] sm:items-end">
      {problems.length ? (
        <ul id="add-errors" role="alert" className="list-inside list-disc rounded-md bg-red-50 p-3 text-red-900 sm:col-span-4">
          {problems.map((e) => <li key={e}>{t(`errors.${e}`)}</li>)}
        </ul>
      ) : null}
      <div className="flex flex-col gap-1">
        <label htmlFor="add-day" className="font-medium">{t("day")}</label>
        <input id="add-day" name="day" type="date" required defaultValue={values.day ?? ""} min={`${year - 1}-01-01`} className={inputClass} {...invalid("day")} />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="add-name" className="font-medium">{t("name")}</label>
        <input id="add-name" name="name" required minLength={2} maxLength={100} defaultValue={values.name ?? ""} className={inputClass} {...invalid("name")} />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="add-kind" className="font-medium">{t("kind")}</label>
        <select id="add-kind" name="kind" defaultValue={values.kind ?? "cuti_bersama"} className={inputClass} {...invalid("kind")}>
          {KINDS.map((k) => <option key={k} value={k}>{t(`kinds.${k}`)}</option>)}
        </select>
      </div>
      <button type="submit" className="min-h-11 rounded-md bg-brand-700 px-4 py-2 font-semibold text-white">{t("addButton")}</button>
    </form>
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
