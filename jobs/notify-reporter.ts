import { eq, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { enqueueMany } from "@/db/queries/outbox";
import { complaintEvents, complaints, opds } from "@/db/schema";
import { topicFor, type NotifyEvent } from "@/domain/outbox-topics";
import { fitSmsAround } from "@/domain/sms";
import { sendMail } from "@/integrations/email/smtp";
import { sendSms } from "@/integrations/sms/outbound";
import { env } from "@/lib/env";
import { smsText } from "@/server/sms/replies";
import { composeNotificationEmail } from "./notify-email";
import { defineTopic, PermanentFailure, type TopicItem } from "@/queue/registry";

/**
 * Citizen notifications. The workflow writes one `notify.reporter` row per event that concerns
 * the reporter (disposed, forwarded, info_requested, progress, responded, closed, message), with dedupe
 * key `notify.reporter:<eventId>`. Its handler fans out to one row per recipient and channel —
 * `sms.notify` when the complaint came by SMS, `email.notify` when the reporter gave an e-mail
 * address — for the complaint and every duplicate merged into it, each with its own dedupe key,
 * so a retry of one channel never repeats another and no event is sent twice. The tracking page
 * shows the same events from the event log. Identities are read from the complaint at send time:
 * they are never in a payload, a result or the log, and never reach staff screens.
 */

/** Events whose text a staff member wrote: not written to the log. */
const STAFF_WRITTEN: readonly NotifyEvent[] = ["info_requested", "progress", "responded", "message"];

/** `notify.reporter`, `sms.notify` and `email.notify` carry the same payload. */
type NotifyItem = TopicItem<"notify.reporter">;

/** Fans one event out to the recipients of its complaint's cluster and their channels. */
async function fanOut(item: NotifyItem, db: Db) {
  const { event, eventId } = item.payload;
  const source = item.complaintId;
  if (source === null) throw new PermanentFailure("notification without a complaint");
  const cluster = await db
    .select({ id: complaints.id, channel: complaints.channel, phone: complaints.reporterPhone, email: complaints.reporterEmail })
    .from(complaints)
    .where(or(eq(complaints.id, source), eq(complaints.primaryId, source)));
  const sms = cluster.filter((c) => c.channel === "sms" && c.phone);
  const email = cluster.filter((c) => c.email);
  const payload = { event, eventId, sourceComplaintId: source };
  await enqueueMany(db, [
    ...sms.map((c) => ({ topic: topicFor("sms", "notify"), complaintId: c.id, payload })),
    ...email.map((c) => ({ topic: topicFor("email", "notify"), complaintId: c.id, payload })),
  ]);
  return { recipients: cluster.length, sms: sms.length, email: email.length };
}

/** What the reporter of `recipientId` is told about event `eventId`, with the address to tell it to. */
async function compose(db: Db, item: NotifyItem) {
  const p = item.payload;
  const [c] = await db
    .select({ code: complaints.trackingCode, status: complaints.status, phone: complaints.reporterPhone, email: complaints.reporterEmail })
    .from(complaints)
    .where(eq(complaints.id, item.complaintId ?? -1));
  const [e] = await db
    .select({ publicMessage: complaintEvents.publicMessage, data: complaintEvents.data, opdName: opds.name })
    .from(complaintEvents)
    .innerJoin(complaints, eq(complaints.id, complaintEvents.complaintId))
    .leftJoin(opds, eq(opds.id, complaints.opdId))
    .where(eq(complaintEvents.id, p.eventId));
  if (!c || !e) throw new PermanentFailure(`notification for a missing complaint or event (event ${p.eventId})`);
  const data = (e.data ?? {}) as { message?: string; targetName?: string };
  const message = e.publicMessage ?? data.message ?? "";
  const opd = data.targetName ?? e.opdName ?? null;
  const render = (m: string) => smsText(`notify.${p.event}`, { code: c.code, opd: opd ?? "OPD", message: m, region: env().PINTU_REGION });
  return { event: p.event, eventId: p.eventId, code: c.code, status: c.status, phone: c.phone, email: c.email, opd, render, message };
}

async function sendSmsNotification(item: NotifyItem, db: Db, log: (m: string, f?: Record<string, unknown>) => void, signal: AbortSignal) {
  const n = await compose(db, item);
  if (!n.phone) return { skipped: "no phone" };
  // A long staff message is cut, never the wording around it (e.g. how to answer by SMS).
  const text = fitSmsAround(n.render, n.message);
  const template = env().SMS_OUTBOUND_URL;
  if (!template) {
    // Without a gateway the notification is only logged — never with the number.
    log("sms notification not sent (SMS_OUTBOUND_URL unset)", { complaintId: item.complaintId, code: n.code, event: n.event, ...(STAFF_WRITTEN.includes(n.event) ? {} : { text }) });
    return { logged: true };
  }
  const r = await sendSms(template, n.phone, text, signal);
  return { sent: true, status: r.status, answer: r.answer };
}

async function sendEmailNotification(item: NotifyItem, db: Db, log: (m: string, f?: Record<string, unknown>) => void) {
  const n = await compose(db, item);
  if (!n.email) return { skipped: "no email" };
  const e = env();
  if (!e.SMTP_URL) {
    log("email notification not sent (SMTP_URL unset)", { complaintId: item.complaintId, code: n.code, event: n.event });
    return { logged: true };
  }
  // Not the SMS wording: its own subject, the staff message whole, what to do next, the link.
  const mail = composeNotificationEmail({
    event: n.event,
    code: n.code,
    status: n.status,
    opd: n.opd,
    message: n.message,
    trackingUrl: e.PUBLIC_BASE_URL ? new URL(`/lacak/${n.code}`, e.PUBLIC_BASE_URL).toString() : null,
  });
  const r = await sendMail(e.SMTP_URL, {
    from: e.SMTP_FROM,
    to: n.email,
    subject: mail.subject,
    text: mail.text,
    messageId: `<notify-${n.eventId}-${item.complaintId}@pintu>`,
  });
  return { sent: true, accepted: r.accepted };
}

defineTopic("notify.reporter", (item, ctx) => fanOut(item, ctx.db));
defineTopic("sms.notify", (item, ctx) => sendSmsNotification(item, ctx.db, ctx.log, ctx.signal));
defineTopic("email.notify", (item, ctx) => sendEmailNotification(item, ctx.db, ctx.log));
