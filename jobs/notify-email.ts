import { createTranslator } from "next-intl";
import en from "@/messages/en.json";
import id from "@/messages/id.json";

/** The events a reporter is told about (the workflow's `notify.reporter` rows). */
export type NotifyEvent = "disposed" | "forwarded" | "info_requested" | "progress" | "responded" | "closed" | "message";

export type EmailFacts = {
  event: NotifyEvent;
  code: string;
  /** The public status label is looked up here, per language. */
  status: string;
  /** The OPD or institution the event names, if any. */
  opd: string | null;
  /** What staff wrote (a question, an answer, a message), whole: e-mail has room for it. */
  message: string;
  /** `PUBLIC_BASE_URL/lacak/<code>`, when the portal knows its public address. */
  trackingUrl: string | null;
};

const translators = {
  id: { t: createTranslator({ locale: "id", messages: id, namespace: "email" }), status: createTranslator({ locale: "id", messages: id, namespace: "status" }) },
  en: { t: createTranslator({ locale: "en", messages: en, namespace: "email" }), status: createTranslator({ locale: "en", messages: en, namespace: "status" }) },
};
export type EmailLocale = keyof typeof translators;

/** One language's part of the e-mail: greeting, what happened, the facts, staff's words, what to do next, the link. */
function part(locale: EmailLocale, f: EmailFacts): string {
  const { t, status } = translators[locale];
  const lines = [t("greeting"), "", t(`intro.${f.event}`, { code: f.code, opd: f.opd ?? "-" }), ""];
  lines.push(`${t("codeLabel")}: ${f.code}`, `${t("statusLabel")}: ${status(f.status as "received")}`);
  if (f.opd) lines.push(`${t("opdLabel")}: ${f.opd}`);
  if (f.message.trim()) lines.push("", `${t(`messageLabel.${f.event}`)}:`, f.message.trim());
  lines.push("", t(`next.${f.event}`, { code: f.code }));
  lines.push("", f.trackingUrl ? t("track", { url: f.trackingUrl }) : t("trackNoUrl", { code: f.code }));
  return lines.join("\n");
}

/**
 * The e-mail of one notification: its own subject and a fuller body than the SMS (the staff
 * message whole, the facts, what the reporter can do next, the tracking link), from the message
 * catalogue. Pintu does not know which language a reporter reads, so the e-mail is in Bahasa
 * Indonesia (the default) with the English text below it.
 */
export function composeNotificationEmail(f: EmailFacts, locales: readonly EmailLocale[] = ["id", "en"]): { subject: string; text: string } {
  const subject = locales.map((l) => translators[l].t(`subject.${f.event}`, { code: f.code })).join(" / ");
  const parts = locales.map((l) => part(l, f));
  const footer = locales.map((l) => translators[l].t("footer")).join("\n");
  return { subject, text: `${parts.join(`\n\n${"-".repeat(40)}\n\n`)}\n\n--\n${footer}\n` };
}
