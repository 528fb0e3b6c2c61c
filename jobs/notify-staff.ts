import { createTranslator } from "next-intl";
import type { Db } from "@/db/client";
import { enqueueMany } from "@/db/queries/outbox";
import { digestUsers, mailRecipients, mayMail, notificationById, staffAddress, unreadFor, type MailNotification } from "@/db/queries/staff-mail";
import { zoneAbbreviation } from "@/domain/time-zone";
import { localDate } from "@/domain/working-days";
import { sendMail } from "@/integrations/email/smtp";
import id from "@/messages/id.json";
import { env } from "@/lib/env";
import { definePeriodic, defineTopic, type TopicItem } from "@/queue/registry";

/**
 * Staff e-mail about notifications (only when SMTP_URL is set). The workflow writes one
 * `notify.staff` row per notification (server/workflow/staff-notices.ts); its handler fans out
 * to one `email.staff` row per staff member who may see it and chose `instant`, each with its
 * own dedupe key. Staff who chose `daily` get one `email.staff_digest` a day (from 07:00 in the
 * city's time zone) listing what they have not read of the last 24 hours. Nothing of a
 * reporter's identity is in a notification, so none is in the mail.
 */

const t = createTranslator({ locale: "id", messages: id, namespace: "sla" });
const m = createTranslator({ locale: "id", messages: id, namespace: "flow.mail" });
const DIGEST_HOUR = 7;

/** The one-line text of a notification, as the notifications page words it. */
function noticeText(n: MailNotification, timeZone: string): string {
  const d = n.data;
  const str = (k: string) => (typeof d[k] === "string" ? (d[k] as string) : "");
  const due = str("due") ? `${new Intl.DateTimeFormat("id-ID", { dateStyle: "medium", timeStyle: "short", timeZone }).format(new Date(str("due")))} ${zoneAbbreviation(timeZone)}` : "";
  const clock = str("clock") ? t(`clocks.${str("clock")}` as "clocks.verification") : "";
  const key = `notifications.kinds.${n.kind}`;
  if (!t.has(key as "notifications.title")) return str("code");
  return t(key as "notifications.kinds.sla_at_risk", { code: str("code"), clock, due, opd: str("opd"), fromOpd: str("fromOpd") || "OPD", reason: str("reason") });
}

const link = (path: string) => (env().PUBLIC_BASE_URL ? new URL(path, env().PUBLIC_BASE_URL).toString() : null);

function lines(n: MailNotification, timeZone: string): string[] {
  const code = typeof n.data.code === "string" ? n.data.code : null;
  const url = code ? link(`/petugas/aduan/${code}`) : null;
  return [noticeText(n, timeZone), ...(code ? [url ? m("open", { url }) : m("openNoUrl", { code })] : [])];
}

function footer(): string[] {
  const prefs = link("/petugas/akun#notif-h");
  return ["", "--", m("footer"), ...(prefs ? [m("prefs", { url: prefs })] : [])];
}

async function fanOut(item: TopicItem<"notify.staff">, db: Db) {
  const nid = item.payload.notificationId;
  const users = await mailRecipients(db, nid, "instant", item.payload.actorUserId ?? null);
  await enqueueMany(db, users.map((u) => ({ topic: "email.staff", complaintId: item.complaintId, payload: { notificationId: nid, userId: u } })));
  return { recipients: users.length };
}

async function sendOne(item: TopicItem<"email.staff">, db: Db) {
  const { notificationId: nid, userId: uid } = item.payload;
  const e = env();
  if (!e.SMTP_URL) return { skipped: "SMTP_URL unset" };
  const [n, who] = await Promise.all([notificationById(db, nid), staffAddress(db, uid)]);
  // Who may see it is asked again: the complaint may have moved to another OPD since.
  if (!n || !who || !(await mayMail(db, nid, uid))) return { skipped: "no longer visible" };
  const text = noticeText(n, e.PINTU_TIME_ZONE);
  const r = await sendMail(e.SMTP_URL, {
    from: e.SMTP_FROM,
    to: who.email,
    subject: `[Pintu] ${text}`,
    text: [m("greeting", { name: who.name }), "", ...lines(n, e.PINTU_TIME_ZONE), ...footer()].join("\n") + "\n",
    messageId: `<staff-${nid}-${uid}@pintu>`,
  });
  return { sent: true, accepted: r.accepted };
}

async function sendDigest(item: TopicItem<"email.staff_digest">, db: Db) {
  const { userId: uid, day } = item.payload;
  const until = new Date(item.payload.until);
  const e = env();
  if (!e.SMTP_URL) return { skipped: "SMTP_URL unset" };
  const who = await staffAddress(db, uid);
  if (!who || Number.isNaN(until.getTime())) return { skipped: "no such user" };
  const items = await unreadFor(db, uid, new Date(until.getTime() - 86_400_000), until);
  if (items.length === 0) return { skipped: "nothing unread" };
  const body = [m("greeting", { name: who.name }), "", m("digestIntro"), ""];
  for (const n of items) body.push(...lines(n, e.PINTU_TIME_ZONE).map((l, i) => (i === 0 ? `- ${l}` : `  ${l}`)));
  const r = await sendMail(e.SMTP_URL, {
    from: e.SMTP_FROM,
    to: who.email,
    subject: m("digestSubject", { date: day, count: items.length }),
    text: [...body, ...footer()].join("\n") + "\n",
    messageId: `<staff-digest-${uid}-${day}@pintu>`,
  });
  return { sent: true, items: items.length, accepted: r.accepted };
}

/** Queues today's digest for every staff member who chose it (once a day each: the dedupe key). */
export async function queueDigests(db: Db, now: Date): Promise<number> {
  const e = env();
  if (!e.SMTP_URL) return 0;
  const hour = Number(new Intl.DateTimeFormat("en-GB", { hour: "2-digit", hourCycle: "h23", timeZone: e.PINTU_TIME_ZONE }).format(now));
  if (hour < DIGEST_HOUR) return 0;
  const day = localDate(now, e.PINTU_TIME_ZONE);
  const users = await digestUsers(db);
  if (users.length === 0) return 0;
  return enqueueMany(db, users.map((u) => ({ topic: "email.staff_digest", complaintId: null, payload: { userId: u, day, until: now.toISOString() } })), now);
}

defineTopic("notify.staff", (item, ctx) => fanOut(item, ctx.db));
defineTopic("email.staff", (item, ctx) => sendOne(item, ctx.db));
defineTopic("email.staff_digest", (item, ctx) => sendDigest(item, ctx.db));
definePeriodic("staff.digest", { everyMs: 10 * 60_000 }, async ({ db, log }) => {
  const queued = await queueDigests(db, new Date());
  if (queued > 0) log("staff digests queued", { queued });
  return { queued };
});
