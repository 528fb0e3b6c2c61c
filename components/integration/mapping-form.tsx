"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { setMappingAction } from "@/app/(staff)/petugas/integrasi/actions";
import { inputClass } from "@/components/ui/field";

/**
 * One item's LAPOR id (administrators). A refused id stays in the field, marked, with the reason
 * beside it; nothing typed goes into the URL. Works without JavaScript (the page renders the answer).
 */
export function MappingForm({ kind, code, name, value, buttonClass }: { kind: string; code: string; name: string; value: string; buttonClass: string }) {
  const t = useTranslations("staff.integration");
  const [state, action] = useActionState(setMappingAction, null);
  const failed = state?.ok === false ? state : null;
  const inputId = `m-${kind}-${code}-in`;
  const errorId = `m-${kind}-${code}-err`;
  const keys = failed ? [...Object.values(failed.fieldErrors).flat(), ...(failed.formError ? [failed.formError] : [])] : [];
  const text = keys.map((k) => {
    const [key, p] = k.split("|", 2) as [string, string | undefined];
    return t.has(`importErrors.${key}`) ? t(`importErrors.${key}` as "importErrors.required", { p: p ?? "" }) : t("errors.invalid");
  });
  return (
    <form action={action} key={failed?.attempt ?? "form"} className="flex flex-wrap items-start gap-2">
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="localCode" value={code} />
      <div className="flex flex-col">
        <label htmlFor={inputId} className="sr-only">{t("mappings.laporIdFor", { name })}</label>
        <input
          id={inputId}
          name="laporId"
          defaultValue={failed ? failed.values.laporId : value}
          placeholder={t("mappings.placeholder")}
          aria-invalid={failed ? true : undefined}
          aria-describedby={failed ? errorId : undefined}
          className={`${inputClass} w-40 font-mono`}
        />
        {failed ? (
          <p id={errorId} role="alert" className="text-sm font-medium text-red-700">
            {t("mappings.errorFor", { error: [...new Set(text)].join(" ") })}
          </p>
        ) : null}
      </div>
      <button type="submit" className={buttonClass}>{t("mappings.save")}</button>
      {value ? (
        <button type="submit" name="remove" value="1" className={buttonClass} aria-label={t("mappings.removeFor", { name })}>
          {t("mappings.remove")}
        </button>
      ) : null}
    </form>
  );
}
