"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { convertSms } from "@/app/(staff)/petugas/sms-masuk/actions";
import { Field, inputClass } from "@/components/ui/field";
import { translateError } from "@/i18n/translate-error";

const FIELDS = ["title", "body"] as const;

/**
 * Turning one kept SMS into a complaint, in its own opening panel. A refusal opens the panel
 * with each problem beside its field and what was typed kept; a problem with no field here
 * (e.g. the sender's number) is said above the fields. Works without JavaScript.
 */
export function SmsConvertForm({ id, title, body }: { id: number; title: string; body: string }) {
  const t = useTranslations("staff.smsInbox");
  const te = useTranslations("errors");
  const [state, action] = useActionState(convertSms, null);
  const failed = state?.ok === false ? state : null;
  const say = (keys: string[]) => [...new Set(keys.map((k) => translateError(te, k)))];
  const other = failed ? [...(failed.formError ? [failed.formError] : []), ...Object.entries(failed.fieldErrors).flatMap(([f, keys]) => ((FIELDS as readonly string[]).includes(f) ? [] : keys))] : [];
  const errors = (name: (typeof FIELDS)[number]) => (failed?.fieldErrors[name] ? say(failed.fieldErrors[name]) : undefined);
  return (
    <details open={failed ? true : undefined} className="rounded-md ring-1 ring-slate-300 open:ring-brand-600">
      <summary className="cursor-pointer px-3 py-2 font-semibold text-brand-700">{t("convertHeading")}</summary>
      <form action={action} key={failed?.attempt ?? "form"} className="space-y-3 p-3">
        <input type="hidden" name="id" value={id} />
        {other.length ? <p role="alert" className="rounded-md bg-red-50 p-3 text-red-900">{t("error", { message: say(other).join(" ") })}</p> : null}
        <Field name="title" id={`title-${id}`} label={t("titleLabel")} errors={errors("title")}>
          {(a11y) => <input {...a11y} name="title" required maxLength={150} defaultValue={failed ? failed.values.title : title} className={inputClass} />}
        </Field>
        <Field name="body" id={`body-${id}`} label={t("bodyLabel")} errors={errors("body")}>
          {(a11y) => <textarea {...a11y} name="body" required rows={4} maxLength={5000} defaultValue={failed ? failed.values.body : body} className={inputClass} />}
        </Field>
        <button type="submit" className="min-h-11 rounded-md bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
          {t("convert")}
        </button>
      </form>
    </details>
  );
}
