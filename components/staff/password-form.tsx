"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { changePassword } from "@/app/(staff)/petugas/akun/actions";
import { Field, inputClass } from "@/components/ui/field";

/** Each field's one rule, as the password policy (domain/staff-account.ts) words it. */
const FIELDS = [
  { name: "current", label: "current", error: "wrong", autoComplete: "current-password" },
  { name: "next", label: "new", error: "weak", autoComplete: "new-password" },
  { name: "confirm", label: "confirm", error: "mismatch", autoComplete: "new-password" },
] as const;

/**
 * The "change my password" form: each problem beside its field (the current password wrong, the
 * new one too short, the repetition different), a lock-out above the form. Passwords never come
 * back: every field is empty again after an answer. Works without JavaScript.
 */
export function PasswordForm() {
  const t = useTranslations("staff.account");
  const [state, action] = useActionState(changePassword, null);
  const failed = state?.ok === false ? state : null;
  const minutes = Math.min(15, Math.max(1, Number(failed?.formErrorData?.minutes) || 15));
  return (
    <form action={action} key={failed?.attempt ?? "form"} className="space-y-3">
      {failed?.formError === "throttled" ? <p role="alert" className="rounded-md bg-red-50 p-3 text-red-900">{t("throttled", { minutes })}</p> : null}
      {FIELDS.map((f) => (
        <Field key={f.name} name={f.name} id={`pw-${f.name}`} label={t(f.label)} errors={failed?.fieldErrors[f.name] ? [t(f.error)] : undefined}>
          {(a11y) => <input {...a11y} name={f.name} type="password" required autoComplete={f.autoComplete} className={inputClass} />}
        </Field>
      ))}
      <button type="submit" className="min-h-11 rounded-md bg-brand-700 px-4 py-2 font-semibold text-white">{t("submit")}</button>
    </form>
  );
}
