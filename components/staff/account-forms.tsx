"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { createAccountAction, resetPasswordAction, type AccountFormState } from "@/app/(staff)/petugas/pengguna/actions";
import { inputClass } from "@/components/ui/field";
import { ROLES } from "@/domain/complaint-status";

const idle: AccountFormState = { status: "idle" };

function OneTimePassword({ state }: { state: Extract<AccountFormState, { password: string }> }) {
  const t = useTranslations("staff.users");
  return (
    <div role="status" className="space-y-1 rounded-md border-l-4 border-green-700 bg-green-50 p-3 text-green-950">
      <p>{t(state.status === "created" ? "created" : "resetDone", { email: state.email })}</p>
      <p>
        {t("oneTime")} <code data-testid="one-time-password" className="select-all rounded bg-white px-2 py-1 font-mono text-base">{state.password}</code>
      </p>
    </div>
  );
}

/** The administrator's form for a new account; the one-time password is shown once, here. */
export function CreateAccountForm({ opds }: { opds: { code: string; name: string }[] }) {
  const t = useTranslations("staff.users");
  const tr = useTranslations("staff.roles");
  const [state, action] = useActionState(createAccountAction, idle);
  const errors = state.status === "error" ? state.fieldErrors : {};
  const values = state.status === "error" ? state.values : {};
  const field = (name: string) => (errors[name]?.length ? { "aria-invalid": true as const, "aria-describedby": `acc-${name}-error` } : {});
  const error = (name: string) =>
    errors[name]?.length ? (
      <p id={`acc-${name}-error`} className="text-sm font-medium text-red-700">
        {errors[name]!.map((k) => t(`errors.${k}`)).join(" ")}
      </p>
    ) : null;
  return (
    // Remounted after every answer: React resets a form after its action, and a <select> would
    // otherwise fall back to its first option instead of the value just submitted.
    <form action={action} className="space-y-3" key={state.status === "created" ? state.email : state.status === "error" ? state.attempt : "form"}>
      {state.status === "created" ? <OneTimePassword state={state} /> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="flex flex-col gap-1">
          <label htmlFor="acc-email" className="font-medium">{t("email")}</label>
          <input id="acc-email" name="email" type="email" required defaultValue={values.email} className={inputClass} {...field("email")} />
          {error("email")}
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="acc-name" className="font-medium">{t("name")}</label>
          <input id="acc-name" name="name" required defaultValue={values.name} className={inputClass} {...field("name")} />
          {error("name")}
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="acc-role" className="font-medium">{t("role")}</label>
          <select id="acc-role" name="role" required defaultValue={values.role ?? ""} className={inputClass} {...field("role")}>
            <option value="">{t("choose")}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>{tr(r)}</option>
            ))}
          </select>
          {error("role")}
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="acc-opd" className="font-medium">{t("opd")}</label>
          <select id="acc-opd" name="opdCode" defaultValue={values.opdCode ?? ""} className={inputClass} aria-describedby="acc-opd-hint" {...field("opdCode")}>
            <option value="">{t("noOpd")}</option>
            {opds.map((o) => (
              <option key={o.code} value={o.code}>{o.name}</option>
            ))}
          </select>
          <p id="acc-opd-hint" className="text-sm text-slate-600">{t("opdHint")}</p>
          {error("opdCode")}
        </div>
      </div>
      <button type="submit" className="min-h-11 rounded-md bg-brand-700 px-4 py-2 font-semibold text-white">{t("create")}</button>
    </form>
  );
}

/** Resets one account's password; the new one-time password appears beside the button. */
export function ResetPasswordForm({ userId, label }: { userId: number; label: string }) {
  const t = useTranslations("staff.users");
  const [state, action] = useActionState(resetPasswordAction, idle);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="userId" value={userId} />
      <button type="submit" aria-label={label} className="rounded border border-slate-400 px-3 py-1 text-sm hover:bg-slate-100">{t("reset")}</button>
      {state.status === "reset" ? <OneTimePassword state={state} /> : null}
      {state.status === "error" ? (
        <p role="alert" className="text-sm font-medium text-red-700">
          {Object.values(state.fieldErrors).flat().map((k) => t(`errors.${k}`)).join(" ")}
        </p>
      ) : null}
    </form>
  );
}
