import type { Metadata } from "next";
import { headers } from "next/headers";
import { getFormatter, getTranslations } from "next-intl/server";
import { localTime } from "@/components/local-time";
import { PrintButton } from "@/components/receipt/print-button";
import { contactsPhrase, ReceiptDetails } from "@/components/receipt/receipt-details";
import { buttonClass } from "@/components/ui/button-link";
import { reporterReceipt } from "@/db/queries/reporter";
import { getDb } from "@/server/db";
import { env } from "@/lib/env";
import { publicOrigin } from "@/server/public-origin";
import { readReceiptCookie } from "@/server/receipt";
import { maskedContacts } from "@/server/reporter-link";
import { privatePath } from "@/server/reporter-keys";
import { sha256 } from "@/server/secrets";
import { sendMyLink } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("receipt");
  // The page shows the private link: keep it out of Referer headers and search engines.
  return { title: t("title"), referrer: "strict-origin", robots: { index: false } };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The receipt after `/lapor`, reloadable in the same browser while its sealed cookie lasts. */
export default async function ReceiptPage({ searchParams }: Props) {
  const now = new Date();
  const [sp, ticket, t, format] = await Promise.all([searchParams, readReceiptCookie(now), getTranslations("receipt"), getFormatter()]);
  const { zone } = await localTime();
  const c = ticket ? await reporterReceipt(getDb(), ticket.code) : null;
  if (!ticket || !c || sha256(ticket.key) !== c.accessKeyHash) {
    return (
      <section aria-labelledby="expired-h" className="mx-auto max-w-2xl space-y-4">
        <h1 id="expired-h" className="text-2xl font-bold text-brand-800">
          {t("expiredTitle")}
        </h1>
        <p>{t("expiredBody")}</p>
        <a href="/lacak" className={buttonClass("primary")}>
          {t("expiredTrack")}
        </a>
      </section>
    );
  }
  const origin = publicOrigin(await headers(), env());
  const path = privatePath(c.trackingCode, ticket.key);
  const contacts = await contactsPhrase(maskedContacts(c));
  const sent = typeof sp.kirim === "string" ? sp.kirim : null;
  const time = (d: Date) => format.dateTime(d, { timeStyle: "short" });
  return (
    <article aria-labelledby="receipt-title" className="mx-auto max-w-2xl space-y-5 rounded-lg bg-white p-5 shadow-sm ring-1 ring-green-700/30 print:max-w-none print:p-0 print:shadow-none print:ring-0">
      <h1 id="receipt-title" className="text-2xl font-bold text-green-800 print:text-black">
        {t("title")}
      </h1>
      {sent ? (
        <p role="status" className={`rounded-md border-l-4 p-3 print:hidden ${sent === "ok" ? "border-green-700 bg-green-50" : "border-amber-600 bg-amber-50"}`}>
          {sent === "ok" && contacts ? t("sendDone", { contacts }) : sent === "batas" ? t("sendLimited", { minutes: Number(sp.menit) || 60 }) : t("sendNone")}
        </p>
      ) : null}
      <ReceiptDetails
        facts={{ code: c.trackingCode, url: `${origin}${path}`, anonymous: c.anonymous, confidential: c.confidential, verificationDue: c.verificationDue, contacts }}
      />
      {contacts ? <p className="text-sm text-slate-700">{t("autoSent", { contacts })}</p> : null}
      <p className="text-sm text-slate-600 print:hidden">{t("reloadHint", { time: time(new Date(ticket.exp)), zone })}</p>
      <p className="hidden text-xs print:block">{t("printedAt", { site: origin, date: format.dateTime(now, { dateStyle: "long", timeStyle: "short" }), zone })}</p>
      <div className="flex flex-wrap gap-3 print:hidden">
        <a href={path} className={buttonClass("primary")}>
          {t("open")}
        </a>
        <PrintButton label={t("print")} />
        <a href="/lapor" className={buttonClass("secondary")}>
          {t("another")}
        </a>
      </div>
      <noscript>
        <p className="text-sm text-slate-700 print:hidden">{t("printNoJs")}</p>
      </noscript>
      <section aria-labelledby="send-h" className="space-y-2 border-t border-slate-200 pt-4 print:hidden">
        <h2 id="send-h" className="text-lg font-semibold">
          {t("sendTitle")}
        </h2>
        {contacts ? (
          <form action={sendMyLink} className="space-y-2">
            <p>{t("sendLead", { contacts })}</p>
            <button type="submit" className={buttonClass("secondary")}>
              {t("sendButton")}
            </button>
          </form>
        ) : (
          <p>{t("sendNone")}</p>
        )}
      </section>
    </article>
  );
}
