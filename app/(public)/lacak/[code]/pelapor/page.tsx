import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button-link";
import { Field, inputClass } from "@/components/ui/field";
import { normalizeTrackingCode } from "@/domain/tracking-code";
import { findComplaintByCode } from "@/db/queries/complaints";
import { getDb } from "@/server/db";
import { region } from "@/server/region";
import { CODE_MINUTES } from "@/server/reporter-recovery";
import { requestRecoveryCode, verifyRecoveryCode } from "./actions";

type Props = { params: Promise<{ code: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("recover");
  return { title: t("title"), robots: { index: false } };
}

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

/** "Saya pelapor aduan ini": two plain forms (contact, then the one-time code), no JavaScript needed. */
export default async function RecoverLinkPage({ params, searchParams }: Props) {
  const [{ code: raw }, sp, t] = await Promise.all([params, searchParams, getTranslations("recover")]);
  const code = normalizeTrackingCode(raw, region().code);
  if (!code || !(await findComplaintByCode(getDb(), code))) redirect(`/lacak?code=${encodeURIComponent(raw.slice(0, 40))}`);
  if (code !== raw) redirect(`/lacak/${code}/pelapor`);
  const challenge = one(sp.c);
  const channel = one(sp.ch) === "email" ? "email" : "sms";
  const error = one(sp.e);
  const message =
    error === "rateLimited" ? t("rateLimited", { minutes: Number(one(sp.m)) || 60 })
    : error === "wrongCode" ? t("wrongCode", { left: Number(one(sp.left)) || 1 })
    : error === "contactInvalid" || error === "codeFormat" || error === "expired" ? t(error)
    : null;
  const expired = error === "expired";
  const fieldError = error === "wrongCode" || error === "codeFormat" || error === "contactInvalid";
  return (
    <div className="mx-auto max-w-xl space-y-5">
      <p className="font-mono text-lg font-semibold tracking-wider text-slate-700">{code}</p>
      <h1 className="text-2xl font-bold text-brand-800">{challenge && !expired ? t("sentTitle") : t("title")}</h1>
      {message && !fieldError ? (
        <p id="recover-error" role="alert" className="rounded-md border-l-4 border-red-700 bg-red-50 p-3 text-red-900">
          {message}
        </p>
      ) : null}
      {challenge && !expired ? (
        <>
          <p role="status">{t("sentLead", { channel, code, minutes: CODE_MINUTES })}</p>
          <form action={verifyRecoveryCode} className="space-y-4">
            <input type="hidden" name="code" value={code} />
            <input type="hidden" name="challenge" value={challenge} />
            <input type="hidden" name="channel" value={channel} />
            <Field name="otp" label={t("codeLabel")} errors={error === "wrongCode" || error === "codeFormat" ? [message!] : undefined}>
              {(a11y) => (
                <input {...a11y} name="otp" required inputMode="numeric" autoComplete="one-time-code" pattern="[0-9 ]{6,7}" maxLength={7} className={`${inputClass} max-w-48 font-mono text-2xl tracking-[0.3em]`} />
              )}
            </Field>
            <button type="submit" className={buttonClass("primary")}>
              {t("verify")}
            </button>
          </form>
          <p>
            <a href={`/lacak/${code}/pelapor`} className="underline">
              {t("other")}
            </a>
          </p>
        </>
      ) : (
        <>
          <p>{t("lead")}</p>
          <form action={requestRecoveryCode} className="space-y-4">
            <input type="hidden" name="code" value={code} />
            <Field name="contact" label={t("contactLabel")} hint={t("contactHint")} errors={error === "contactInvalid" ? [message!] : undefined}>
              {(a11y) => <input {...a11y} name="contact" required maxLength={254} autoComplete="on" spellCheck={false} className={inputClass} />}
            </Field>
            <button type="submit" className={buttonClass("primary")}>
              {t("send")}
            </button>
          </form>
        </>
      )}
    </div>
  );
}
