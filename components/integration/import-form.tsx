"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { importAction } from "@/app/(staff)/petugas/integrasi/actions";
import { Field } from "@/components/ui/field";

/**
 * Manual mode: import LAPOR's export. A file refused as a whole (empty, too large, not UTF-8, not
 * an export) is answered beside the file field; the report of an import shows below the form.
 * Works without JavaScript.
 */
export function ImportForm({ buttonClass }: { buttonClass: string }) {
  const t = useTranslations("staff.integration");
  const [state, action] = useActionState(importAction, null);
  const failed = state?.ok === false ? state : null;
  const keys = failed ? [...(failed.formError ? [failed.formError] : []), ...Object.values(failed.fieldErrors).flat()] : [];
  const errors = keys.length ? [...new Set(keys)].map((k) => (t.has(`errors.${k}`) ? t(`errors.${k}` as "errors.invalid") : t("errors.invalid"))) : undefined;
  return (
    <form action={action} key={failed?.attempt ?? "form"} className="flex flex-col gap-3 rounded-lg bg-white p-3 ring-1 ring-slate-200 sm:flex-row sm:items-start">
      <Field name="file" id="import-file" label={t("manual.importFile")} errors={errors}>
        {(a11y) => <input {...a11y} name="file" type="file" required accept=".csv,.json,text/csv,application/json" className="min-h-11 max-w-full rounded-md px-2 py-2.5 text-sm aria-invalid:ring-1 aria-invalid:ring-red-700" />}
      </Field>
      {/* Level with the control (below its label), so an error under the field does not move it. */}
      <button type="submit" className={`${buttonClass} sm:mt-7`}>{t("manual.importButton")}</button>
    </form>
  );
}
