"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { changePassword } from "@/app/(staff)/petugas/akun/actions";
import { inputClass } from "@/components/ui/field";

const KEYS = ["wrong", "weak", "mismatch", "throttled"] as const;
type Key = (typeof KEYS)[number];

/** The "change my password" form: what to fix in one alert, the field concerned marked; passwords never come back. */
export function PasswordForm() {
  const t = useTranslations("staff.account");
  const [state, action] = useActionState(changePassword, null);
  const failed = state?.ok === false ? state : null;
  const keys = failed ? [...Object.values(failed.fieldErrors).flat(), ...(failed.formError ? [failed.formError] : [])].filter((k): k is Key => (KEYS as readonly string[]).includes(k)) : [];
  const minutes = Math.min(15, Math.max(1, Number(failed?.formErrorData?.minutes) || 15));
  const fields = [
    { name: "current", label: t("current"), autoComplete: "current-password" },
    { name: "next", label: t("new"), autoComplete: "new-password" },
    { name: "confirm", label: t("confirm"), autoComplete: "new-password" },
  ];
  return (
    <form action={action} className="space-y-3">
      {keys.length ? <p id="pw-error" role="alert" className="rounded-md bg-red-50 p-3 text-red-900">{[...new Set(keys)].map((k) => t(k, { minutes })).join(" ")}</p> : null}
      {fields.map((f) => (
        <div key={f.name} className="flex flex-col gap-1">
          <label htmlFor={`pw-${f.name}`} className="font-medium">{f.label}</label>
          <input
            id={`pw-${f.name}`}
            name={f.name}
            type="password"
            required
            autoComplete={f.autoComplete}
            className={inputClass}
            {...(failed?.fieldErrors[f.name] ? { "aria-invalid": true as const, "aria-describedby": "pw-error" } : {})}
          />
        </div>
      ))}
      <button type="submit" className="min-h-11 rounded-md bg-brand-700 px-4 py-2 font-semibold text-white">{t("submit")}</button>
    </form>
  );
}
