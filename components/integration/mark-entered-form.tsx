"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { markEnteredAction } from "@/app/(staff)/petugas/integrasi/actions";

/** One item of the manual backlog as the page words it. */
export type BacklogItem = { id: number; trackingCode: string; task: string; title: string; queuedAt: string; dead: boolean; leased: boolean; create: boolean };

/**
 * Manual mode: tick what was entered in LAPOR by hand, with the tracking number LAPOR gave a new
 * complaint. A refused number stays in its field, marked, the reason above the list and beside
 * the field; nothing typed goes into the URL. Works without JavaScript.
 */
export function MarkEnteredForm({ items, buttonClass }: { items: BacklogItem[]; buttonClass: string }) {
  const t = useTranslations("staff.integration");
  const [state, action] = useActionState(markEnteredAction, null);
  const failed = state?.ok === false ? state : null;
  const codeOf = (field: string) => items.find((i) => `tracking-${i.id}` === field)?.trackingCode ?? "";
  const say = (key: string, field: string) => (t.has(`errors.${key}`) ? t(`errors.${key}` as "errors.empty", { code: codeOf(field) }) : t("errors.invalid"));
  const problems = failed ? [...(failed.formError ? [say(failed.formError, "")] : []), ...Object.entries(failed.fieldErrors).flatMap(([field, keys]) => keys.map((k) => say(k, field)))] : [];
  return (
    <form action={action} key={failed?.attempt ?? "form"} className="space-y-3">
      {problems.length ? (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 p-3 font-medium text-red-800">
          {[...new Set(problems)].join(" ")}
        </p>
      ) : null}
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">{t("manual.markLegend")}</legend>
        <ul className="divide-y divide-slate-200 rounded-lg bg-white text-sm ring-1 ring-slate-200">
          {items.map((i) => {
            const field = `tracking-${i.id}`;
            const errors = failed?.fieldErrors[field];
            return (
              <li key={i.id} className="flex flex-wrap gap-3 p-3">
                <input type="checkbox" name="id" value={i.id} id={`item-${i.id}`} className="mt-1 size-5 shrink-0" />
                <label htmlFor={`item-${i.id}`} className="min-w-0 space-y-0.5">
                  <span className="block font-medium">
                    <span className="font-mono">{i.trackingCode}</span> · {i.task}
                    {i.dead ? <span className="ml-2 rounded bg-red-100 px-1.5 text-xs text-red-900">{t("manual.dead")}</span> : null}
                    {i.leased ? <span className="ml-2 rounded bg-amber-100 px-1.5 text-xs text-amber-900">{t("manual.inDelivery")}</span> : null}
                  </span>
                  <span className="block truncate text-slate-700">{i.title}</span>
                  <span className="block text-slate-600">{i.queuedAt}</span>
                </label>
                {i.create ? (
                  <div className="ml-auto flex shrink-0 flex-col gap-1 text-xs">
                    <label htmlFor={field} className="text-slate-700">{t("manual.trackingLabel", { code: i.trackingCode })}</label>
                    <input
                      id={field}
                      name={field}
                      maxLength={60}
                      autoComplete="off"
                      defaultValue={failed?.values[field]}
                      aria-invalid={errors ? true : undefined}
                      aria-describedby={errors ? `${field}-error` : undefined}
                      className="w-40 rounded border border-slate-300 px-2 py-1 font-mono text-sm aria-invalid:border-red-600"
                    />
                    {errors ? (
                      <p id={`${field}-error`} className="w-40 text-xs font-medium text-red-700">
                        {errors.map((k) => say(k, field)).join(" ")}
                      </p>
                    ) : null}
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      </fieldset>
      <button type="submit" className={buttonClass}>{t("manual.markEntered")}</button>
    </form>
  );
}
