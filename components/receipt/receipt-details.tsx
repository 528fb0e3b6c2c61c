import { getFormatter, getTranslations } from "next-intl/server";
import { localTime } from "@/components/local-time";
import { QrCode } from "./qr-code";

export type ReceiptFacts = {
  code: string;
  /** The absolute private link. */
  url: string;
  anonymous: boolean;
  confidential: boolean;
  verificationDue: Date | null;
  /** "SMS +62 812•••••890 dan e-mail b•••@contoh.id", or null when the reporter gave none. */
  contacts: string | null;
};

/** The reporter's contacts, masked, in one phrase ("SMS … dan e-mail …"), or null. */
export async function contactsPhrase(c: { phone: string | null; email: string | null }): Promise<string | null> {
  const t = await getTranslations("receipt");
  const parts = [c.phone ? t("contactSms", { phone: c.phone }) : null, c.email ? t("contactEmail", { email: c.email }) : null].filter((p) => p !== null);
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0]! : t("and", { a: parts[0]!, b: parts[1]! });
}

/**
 * What a receipt says, on screen and on paper: the code, the private link and its QR code, the
 * choices made, what happens next with its date. Shared by the citizen's receipt and the
 * walk-in slip.
 */
export async function ReceiptDetails({ facts, qrSize = "size-32 sm:size-40", narrow = false }: { facts: ReceiptFacts; qrSize?: string; narrow?: boolean }) {
  const t = await getTranslations("receipt");
  const format = await getFormatter();
  const { zone } = await localTime();
  const due = facts.verificationDue ? format.dateTime(facts.verificationDue, { dateStyle: "full", timeStyle: "short" }) : null;
  return (
    <>
      {/* A 58 mm roll has room for one column: the QR code goes under the code. */}
      <div className={narrow ? "space-y-2" : "flex flex-wrap items-start gap-5"}>
        <div className="flex-1 space-y-1">
          <p className="text-sm font-medium text-slate-600">{t("codeLabel")}</p>
          <p className={`whitespace-nowrap font-mono font-bold tracking-wider ${narrow ? "text-lg" : "text-2xl sm:text-3xl"}`} data-testid="tracking-code">
            {facts.code}
          </p>
          <p className="text-sm text-slate-600">{t("codeHint")}</p>
        </div>
        <figure className="space-y-1 text-center">
          <QrCode text={facts.url} label={t("qrAlt", { code: facts.code })} className={`${qrSize} [&>svg]:size-full`} />
          <figcaption className="max-w-40 text-xs text-slate-600">{t("qrHint")}</figcaption>
        </figure>
      </div>
      <div className="space-y-2">
        <p className="text-sm font-medium text-slate-600">{t("linkLabel")}</p>
        <p className="break-all rounded bg-slate-100 p-3 font-mono text-sm print:bg-white print:p-0" data-testid="private-link">
          {facts.url}
        </p>
        <p role="note" className="rounded-md border-l-4 border-amber-600 bg-amber-50 p-3 text-amber-950 print:bg-white">
          {t("warning")}
        </p>
      </div>
      <section aria-labelledby="choices-h" className="space-y-2">
        <h2 id="choices-h" className="text-lg font-semibold">
          {t("choicesTitle")}
        </h2>
        <ul className="list-disc space-y-1 pl-5" data-testid="choices">
          <li>{t(facts.anonymous ? "anonymousYes" : "anonymousNo")}</li>
          <li>{t(facts.confidential ? "confidentialYes" : "confidentialNo")}</li>
        </ul>
      </section>
      <section aria-labelledby="next-h" className="space-y-2">
        <h2 id="next-h" className="text-lg font-semibold">
          {t("nextTitle")}
        </h2>
        <ol className="list-decimal space-y-1 pl-5">
          <li>{due ? t("nextVerify", { date: due, zone }) : t("next")}</li>
          <li>{t("nextRespond")}</li>
          <li>{t("nextAnswer")}</li>
          <li>{facts.contacts ? t("nextNotify", { contacts: facts.contacts }) : t("nextNoContact")}</li>
        </ol>
      </section>
    </>
  );
}
