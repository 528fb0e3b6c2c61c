import { eq } from "drizzle-orm";
import { createTranslator } from "next-intl";
import type { Db } from "@/db/client";
import { reporterChallenges } from "@/db/schema-reporter";
import { complaints } from "@/db/schema";
import { fitSms } from "@/domain/sms";
import { sendMail } from "@/integrations/email/smtp";
import { sendSms } from "@/integrations/sms/outbound";
import en from "@/messages/en.json";
import id from "@/messages/id.json";
import { env } from "@/lib/env";
import { mintReporterKey, newOneTimeCode, oneTimeCodeHash, privatePath } from "@/server/reporter-keys";
import { defineTopic, PermanentFailure, type JobContext, type OutboxItem, type TopicItem } from "@/queue/registry";

/**
 * The reporter's private link and one-time codes, sent to the contact they gave:
 * - `sms.reporter_link` / `email.reporter_link`: a new private link (minted here, at send time,
 *   so no key is ever in an outbox payload), after intake on the web, on the reporter's request
 *   from the receipt, or on a staff member's "send to the reporter";
 * - `sms.reporter_code` / `email.reporter_code`: the 6-digit code of a "Saya pelapor aduan ini"
 *   challenge, drawn here and stored hashed.
 * The contact is read at send time and never logged; without a gateway only the code is logged.
 */

const translators = {
  id: createTranslator({ locale: "id", messages: id, namespace: "reporterMail" }),
  en: createTranslator({ locale: "en", messages: en, namespace: "reporterMail" }),
};

type Contact = { code: string; phone: string | null; email: string | null };

async function contactOf(db: Db, complaintId: number | null): Promise<Contact> {
  const [c] = await db
    .select({ code: complaints.trackingCode, phone: complaints.reporterPhone, email: complaints.reporterEmail })
    .from(complaints)
    .where(eq(complaints.id, complaintId ?? -1));
  if (!c) throw new PermanentFailure("reporter message for a missing complaint");
  return c;
}

function absolute(path: string): string | null {
  const base = env().PUBLIC_BASE_URL;
  return base ? new URL(path, base).toString() : null;
}

async function deliver(ctx: JobContext, item: OutboxItem, channel: "sms" | "email", to: string | null, text: () => { sms: string; subject: string; body: string }) {
  if (!to) return { skipped: `no ${channel}` };
  const e = env();
  const m = text();
  if (channel === "sms") {
    if (!e.SMS_OUTBOUND_URL) {
      ctx.log("reporter sms not sent (SMS_OUTBOUND_URL unset)", { complaintId: item.complaintId, topic: item.topic });
      return { logged: true };
    }
    const r = await sendSms(e.SMS_OUTBOUND_URL, to, m.sms, ctx.signal);
    return { sent: true, status: r.status };
  }
  if (!e.SMTP_URL) {
    ctx.log("reporter e-mail not sent (SMTP_URL unset)", { complaintId: item.complaintId, topic: item.topic });
    return { logged: true };
  }
  const r = await sendMail(e.SMTP_URL, { from: e.SMTP_FROM, to, subject: m.subject, text: m.body, messageId: `<${item.topic}-${item.id}-${item.attempts}@pintu>` });
  return { sent: true, accepted: r.accepted };
}

/** Both languages of an e-mail, Bahasa Indonesia first (Pintu does not know which one the reporter reads). */
function bilingual(key: "link" | "code", values: Record<string, string>) {
  const subject = translators.id(`${key}.subject`, values);
  const body = (["id", "en"] as const).map((l) => translators[l](`${key}.body`, values)).join(`\n\n${"-".repeat(40)}\n\n`);
  return { subject, body: `${body}\n` };
}

async function sendLink(item: TopicItem<"sms.reporter_link" | "email.reporter_link">, ctx: JobContext, channel: "sms" | "email") {
  const c = await contactOf(ctx.db, item.complaintId);
  const to = channel === "sms" ? c.phone : c.email;
  if (!to) return { skipped: `no ${channel}` };
  const key = await mintReporterKey(ctx.db, item.complaintId!, "sent", new Date());
  const full = absolute(privatePath(c.code, key)) ?? privatePath(c.code, key);
  const short = absolute(privatePath(c.code, key, true)) ?? privatePath(c.code, key, true);
  return deliver(ctx, item, channel, to, () => ({
    sms: fitSms(translators.id("link.sms", { code: c.code, url: short })),
    ...bilingual("link", { code: c.code, url: full }),
  }));
}

async function sendCode(item: TopicItem<"sms.reporter_code" | "email.reporter_code">, ctx: JobContext, channel: "sms" | "email") {
  const [ch] = await ctx.db.select().from(reporterChallenges).where(eq(reporterChallenges.id, item.payload.challengeId));
  if (!ch || ch.channel !== channel) throw new PermanentFailure("one-time code for a missing challenge");
  if (ch.usedAt || ch.expiresAt.getTime() <= Date.now()) return { skipped: "expired or used" };
  const c = await contactOf(ctx.db, ch.complaintId);
  const to = channel === "sms" ? c.phone : c.email;
  if (!to) return { skipped: `no ${channel}` };
  // Drawn at send time: a retry sends a fresh code and only the latest one opens the page.
  const otp = newOneTimeCode();
  await ctx.db.update(reporterChallenges).set({ codeHash: oneTimeCodeHash(ch.id, otp) }).where(eq(reporterChallenges.id, ch.id));
  return deliver(ctx, item, channel, to, () => ({
    sms: fitSms(translators.id("code.sms", { code: c.code, otp })),
    ...bilingual("code", { code: c.code, otp }),
  }));
}

defineTopic("sms.reporter_link", (item, ctx) => sendLink(item, ctx, "sms"));
defineTopic("email.reporter_link", (item, ctx) => sendLink(item, ctx, "email"));
defineTopic("sms.reporter_code", (item, ctx) => sendCode(item, ctx, "sms"), { maxAttempts: 3 });
defineTopic("email.reporter_code", (item, ctx) => sendCode(item, ctx, "email"), { maxAttempts: 3 });
