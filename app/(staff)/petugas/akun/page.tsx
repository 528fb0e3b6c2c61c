import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/components/client-messages";
import { PasswordForm } from "@/components/staff/password-form";
import { eq } from "drizzle-orm";
import { NOTIFY_EMAIL_MODES, users } from "@/db/schema";
import { getDb } from "@/server/db";
import { env } from "@/lib/env";
import { requireStaff } from "@/server/staff";
import { signOutEverywhereAction } from "@/app/(staff)/petugas/actions";
import { setNotifyEmail } from "./actions";

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ done?: string; notif?: string }> }) {
  const staff = await requireStaff();
  const t = await getTranslations("staff.account");
  const tn = await getTranslations("flow.account");
  const [me] = await getDb().select({ notifyEmail: users.notifyEmail }).from(users).where(eq(users.id, staff.id));
  const sp = await searchParams;
  return (
    <section className="mx-auto max-w-sm space-y-4">
      <h1 className="text-2xl font-bold text-brand-800">{t("title")}</h1>
      <p className="text-slate-700">{staff.email}</p>
      {sp.done ? <p role="status" className="rounded-md bg-green-50 p-3 text-green-900">{t("done")}</p> : null}
      <ClientMessages sections={["staff"]}>
        <PasswordForm />
      </ClientMessages>
      <form action={setNotifyEmail} className="space-y-3 border-t border-slate-200 pt-4">
        <fieldset className="space-y-2">
          <legend id="notif-h" className="text-lg font-semibold">{tn("title")}</legend>
          <p className="text-sm text-slate-700">{tn("lead", { email: staff.email })}</p>
          {sp.notif ? <p role="status" className="rounded-md bg-green-50 p-3 text-green-900">{tn("saved")}</p> : null}
          {env().SMTP_URL ? null : <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-950">{tn("noSmtp")}</p>}
          {NOTIFY_EMAIL_MODES.map((m) => (
            <label key={m} className="flex min-h-11 items-center gap-3">
              <input type="radio" name="notifyEmail" value={m} defaultChecked={(me?.notifyEmail ?? "instant") === m} className="size-5" />
              {tn(m)}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="min-h-11 rounded-md bg-brand-700 px-4 py-2 font-semibold text-white">{tn("submit")}</button>
      </form>
      <section aria-labelledby="devices" className="space-y-2 border-t border-slate-200 pt-4">
        <h2 id="devices" className="text-lg font-semibold text-brand-800">{t("devicesTitle")}</h2>
        <p className="text-slate-700">{t("devicesLead")}</p>
        <form action={signOutEverywhereAction}>
          <button type="submit" className="min-h-11 rounded-md border border-red-700 px-4 py-2 font-semibold text-red-800">{t("signOutEverywhere")}</button>
        </form>
      </section>
    </section>
  );
}
