"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { signInAction, type SignInState } from "@/app/(public)/masuk/actions";
import { SubmitButton } from "./complaint-form/submit-button";
import { inputClass } from "./ui/field";

export function SignInForm() {
  const t = useTranslations("signin");
  const [state, action] = useActionState<SignInState, FormData>(signInAction, {});
  return (
    <form action={action} className="space-y-4">
      {state.error ? (
        <p role="alert" className="rounded-md border-l-4 border-red-700 bg-red-50 p-3 text-red-900">
          {t(state.error, { minutes: state.minutes ?? 15 })}
        </p>
      ) : null}
      <div className="flex flex-col gap-1">
        <label htmlFor="signin-email" className="font-medium">{t("email")}</label>
        <input id="signin-email" name="email" type="email" required autoComplete="username" defaultValue={state.email} className={inputClass} />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="signin-password" className="font-medium">{t("password")}</label>
        <input id="signin-password" name="password" type="password" required autoComplete="current-password" className={inputClass} />
      </div>
      <SubmitButton label={t("submit")} pendingLabel={t("submitting")} />
    </form>
  );
}
