"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { createAccountAction, resetPasswordAction, setActiveAction, type OneTimePassword } from "@/app/(staff)/petugas/pengguna/actions";
import { Field, inputClass } from "@/components/ui/field";
import { ROLES } from "@/domain/complaint-status";

function OneTimePasswordNote({ kind, result }: { kind: "created" | "resetDone"; result: OneTimePassword }) {
  const t = useTranslations("staff.users");
  return (
    <div role="status" className="space-y-1 rounded-md border-l-4 border-green-700 bg-green-50 p-3 text-green-950">
      <p>{t(kind, { email: result.email })}</p>
      <p>
        {t("oneTime")} <code data-testid="one-time-password" className="select-all rounded bg-white px-2 py-1 font-mono text-base">{result.password}</code>
      </p>
    </div>
  );
}

/** The administrator's form for a new account; the one-time password is shown once, here. */
export function CreateAccountForm({ opds }: { opds: { code: string; name: string }[] }) {
  const t = useTranslations("staff.users");
  const tr = useTranslations("staff.roles");
  const [state, action] = useActionState(createAccountAction, null);
  const failed = state?.ok === false ? state : null;
  const values = failed?.values ?? {};
  const errors = (name: string) => failed?.fieldErrors[name]?.map((k) => t(`errors.${k}`));
  return (
    // Remounted after every answer: React resets a form after its action, and a <select> would
    // otherwise fall back to its first option instead of the value just submitted.
    <form action={action} className="space-y-3" key={state?.attempt ?? "form"}>
      {state?.ok ? <OneTimePasswordNote kind="created" result={state.result} /> : null}
      {failed?.formError ? <p role="alert" className="rounded-md bg-red-50 p-3 text-red-900">{t(`errors.${failed.formError}`)}</p> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field name="email" id="acc-email" label={t("email")} errors={errors("email")}>
          {(a11y) => <input {...a11y} name="email" type="email" required defaultValue={values.email} className={inputClass} />}
        </Field>
        <Field name="name" id="acc-name" label={t("name")} errors={errors("name")}>
          {(a11y) => <input {...a11y} name="name" required defaultValue={values.name} className={inputClass} />}
        </Field>
        <Field name="role" id="acc-role" label={t("role")} errors={errors("role")}>
          {(a11y) => (
            <select {...a11y} name="role" required defaultValue={values.role ?? ""} className={inputClass}>
              <option value="">{t("choose")}</option>
              {ROLES.map((r) => (
                <option key={r} value={r}>{tr(r)}</option>
              ))}
            </select>
          )}
        </Field>
        <Field name="opdCode" id="acc-opd" label={t("opd")} hint={t("opdHint")} errors={errors("opdCode")}>
          {(a11y) => (
            <select {...a11y} name="opdCode" defaultValue={values.opdCode ?? ""} className={inputClass}>
              <option value="">{t("noOpd")}</option>
              {opds.map((o) => (
                <option key={o.code} value={o.code}>{o.name}</option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <button type="submit" className="min-h-11 rounded-md bg-brand-700 px-4 py-2 font-semibold text-white">{t("create")}</button>
    </form>
  );
}

/** What went wrong with a one-button form, beside its button. */
function ButtonError({ state }: { state: { ok: false; fieldErrors: Record<string, string[]>; formError: string | null } }) {
  const t = useTranslations("staff.users");
  const keys = [...Object.values(state.fieldErrors).flat(), ...(state.formError ? [state.formError] : [])];
  return <p role="alert" className="text-sm font-medium text-red-700">{[...new Set(keys)].map((k) => t(`errors.${k}`)).join(" ")}</p>;
}

/** Resets one account's password; the new one-time password appears beside the button. */
export function ResetPasswordForm({ userId, label }: { userId: number; label: string }) {
  const t = useTranslations("staff.users");
  const [state, action] = useActionState(resetPasswordAction, null);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="userId" value={userId} />
      <button type="submit" aria-label={label} className="rounded border border-slate-400 px-3 py-1 text-sm hover:bg-slate-100">{t("reset")}</button>
      {state?.ok ? <OneTimePasswordNote kind="resetDone" result={state.result} /> : null}
      {state?.ok === false ? <ButtonError state={state} /> : null}
    </form>
  );
}

/** Deactivates or reactivates one account; a refusal (one's own account) shows beside the button. */
export function ActiveForm({ userId, active, label, ariaLabel }: { userId: number; active: boolean; label: string; ariaLabel: string }) {
  const [state, action] = useActionState(setActiveAction, null);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="active" value={active ? "0" : "1"} />
      <button type="submit" aria-label={ariaLabel} className="rounded border border-slate-400 px-3 py-1 text-sm hover:bg-slate-100">{label}</button>
      {state?.ok === false ? <ButtonError state={state} /> : null}
    </form>
  );
}
