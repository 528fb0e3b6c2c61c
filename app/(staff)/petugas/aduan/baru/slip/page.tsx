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
import { region } from "@/server/region";
import { maskedContacts } from "@/server/reporter-link";
import { privatePath } from "@/server/reporter-keys";
import { sha256 } from "@/server/secrets";
import { requireStaff } from "@/server/staff";
import { sendSlipSms } from "./actions";

export const metadata: Metadata = { referrer: "strict-origin" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * The walk-in slip: what the officer prints (A6 or a 58 mm thermal roll) or texts to the citizen
 * after recording their complaint — code, QR of the private link, how to follow it by SMS, the
 * first deadline. Readable while the sealed cookie of that entry lasts, by the staff member who
 * entered it.
 */
export default async function SlipPage({ searchParams }: Props) {
  await requireStaff("complaints.enter_on_behalf");
  const now = new Date();
  const [sp, ticket, t, ts, format] = await Promise.all([searchParams, readReceiptCookie(now), getTranslations("receipt"), getTranslations("slip"), getFormatter()]);
  const { zone } = await localTime();
  const tstaff = await getTranslations("receiptStaff");
  const c = ticket ? await reporterReceipt(getDb(), ticket.code) : null;
  if (!ticket || !c || sha256(ticket.key) !== c.accessKeyHash) {
    return (
      <section className="mx-auto max-w-2xl space-y-3">
        <h1 className="text-2xl font-bold text-brand-800">{ts("expiredTitle")}</h1>
        <p>{ts("expiredBody")}</p>
        <a href="/petugas/aduan/baru" className={buttonClass("primary")}>{ts("another")}</a>
      </section>
    );
  }
  const layout = sp.format === "58mm" ? "58mm" : "a6";
  const r = region();
  const origin = publicOrigin(await headers(), env());
  const contacts = await contactsPhrase(maskedContacts(c));
  const sent = typeof sp.kirim === "string" ? sp.kirim : null;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3 print:hidden">
        <h1 className="text-2xl font-bold text-brand-800">{tstaff("title")}</h1>
        <nav aria-label={ts("layout")} className="flex gap-2 text-sm">
          {(["a6", "58mm"] as const).map((f) => (
            <a key={f} href={`/petugas/aduan/baru/slip?format=${f}`} aria-current={layout === f ? "page" : undefined} className="rounded-md px-3 py-2 underline aria-[current=page]:bg-brand-700 aria-[current=page]:text-white aria-[current=page]:no-underline">
              {ts(`format.${f}`)}
            </a>
          ))}
        </nav>
      </div>
      <p className="rounded-md border-l-4 border-amber-600 bg-amber-50 p-3 print:hidden">{tstaff("warning")}</p>
      {sent ? <p role="status" className="rounded-md border-l-4 border-green-700 bg-green-50 p-3 print:hidden">{sent === "ok" ? ts("smsSent") : sent === "batas" ? t("sendLimited", { minutes: Number(sp.menit) || 60 }) : ts("noPhone")}</p> : null}
      <article data-testid="slip" className={layout === "58mm" ? "slip-58 mx-auto w-[58mm] space-y-3 bg-white p-2 text-[11px] leading-snug text-black ring-1 ring-slate-300 print:ring-0" : "slip-a6 mx-auto w-[105mm] max-w-full space-y-3 bg-white p-4 text-sm text-black ring-1 ring-slate-300 print:ring-0"}>
        <p className="font-bold">{ts("heading", { region: r.name })}</p>
        <ReceiptDetails narrow={layout === "58mm"} qrSize={layout === "58mm" ? "size-28" : "size-32"} facts={{ code: c.trackingCode, url: `${origin}${privatePath(c.trackingCode, ticket.key)}`, anonymous: c.anonymous, confidential: c.confidential, verificationDue: c.verificationDue, contacts }} />
        <p>{ts("smsHowTo", { region: r.code, code: c.trackingCode })}</p>
        <p className="text-xs">{t("printedAt", { site: origin, date: format.dateTime(now, { dateStyle: "long", timeStyle: "short" }), zone })}</p>
      </article>
      <div className="flex flex-wrap gap-3 print:hidden">
        <PrintButton label={t("print")} />
        {c.phone ? (
          <form action={sendSlipSms}>
            <button type="submit" className={buttonClass("secondary")}>{ts("sendSms")}</button>
          </form>
        ) : <p className="text-sm text-slate-600">{ts("noPhone")}</p>}
        <a href="/petugas/aduan/baru" className={buttonClass("secondary")}>{ts("another")}</a>
      </div>
    </div>
  );
}
