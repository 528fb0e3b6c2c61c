import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { listOpen311Updates, open311FilerOf } from "@/db/queries/open311";
import { attachments, complaintEvents, complaints } from "@/db/schema";
import { open311Updates } from "@/db/schema-open311";
import type { Locale } from "@/i18n/config";
import { open311ExtendedStatus, updateClosesComplaint } from "@/domain/open311";
import { redactIdentity } from "@/domain/redact";
import { normalizeTrackingCode } from "@/domain/tracking-code";
import type { Action } from "@/domain/workflow";
import { apiTranslator, translateFieldErrors } from "@/server/api-messages";
import { prepareFiles } from "@/server/attachment-images";
import { checkAttachments } from "@/server/attachments";
import { AppError, ValidationError } from "@/lib/errors";
import { timelineMessage } from "@/server/public-json";
import { reference } from "@/server/reference";
import { isoInZone } from "@/server/time";
import { performAction } from "@/server/workflow/perform";
import { Open311Error, type Open311Value } from "./format";
import { parseW3cDate, required, type Open311Form } from "./input";
import type { Open311Client } from "./keys";
import type { Open311Context } from "./requests";

const MAX_UPDATES = 1000;

/**
 * `GET servicerequestupdates?start_date=&end_date=`: each public event of the period (as the
 * public timeline tells it, contact data hidden), with the extended status of
 * domain/open311.ts. Oldest first, at most 1,000; by default the last 24 hours.
 */
export async function listUpdates(db: Db, params: URLSearchParams, locale: Locale, ctx: Open311Context): Promise<Open311Value[]> {
  const ref = await reference(db);
  const tz = ref.calendar.timeZone;
  const end = params.get("end_date");
  const start = params.get("start_date");
  const to = end ? parseW3cDate(end, "end_date", tz) : ctx.now;
  const from = start ? parseW3cDate(start, "start_date", tz) : new Date(to.getTime() - 86_400_000);
  if (from > to) throw new Open311Error(400, "start_date is after end_date");
  const t = apiTranslator(locale);
  const rows = await listOpen311Updates(db, { from, to, limit: MAX_UPDATES });
  return rows.map((e) => {
    const message = e.publicMessage === null ? null : redactIdentity(e.publicMessage, e);
    const target = typeof e.data?.targetName === "string" ? e.data.targetName : null;
    return {
      update_id: String(e.id),
      service_request_id: e.trackingCode,
      status: open311ExtendedStatus(e.toStatus ?? e.status, e.action),
      description: timelineMessage(t, { at: e.at, status: e.toStatus, action: e.action, channel: e.channel, target, message, ownText: null }),
      updated_datetime: isoInZone(e.at, tz),
      media_url: e.attachmentId === null ? null : `${ctx.origin}/lacak/${e.trackingCode}/lampiran/${e.attachmentId}`,
    };
  });
}

/** The reporter's own action an update stands for, in the complaint's present status. */
function actionFor(status: string, updateStatus: string | undefined): Action | null {
  if (status === "awaiting_reporter") return "reporter_reply";
  if (status === "responded") return updateClosesComplaint(updateStatus) ? "accept_response" : "object";
  return null;
}

/**
 * `POST servicerequestupdates`: the reporter's comment on their complaint, accepted only from
 * the client that filed it, once per `update_id`. While the agency awaits the reporter it is
 * their reply; on an answered complaint a closing status accepts the answer and anything else
 * objects to it (the workflow executor, channel `open311`); otherwise it is kept on the staff
 * timeline as the reporter's message. A `media` file is stored as the reporter's attachment.
 */
export async function postUpdate(db: Db, client: Open311Client, form: Open311Form, ctx: Open311Context): Promise<Open311Value[]> {
  const f = form.fields;
  const id = required(f, "service_request_id");
  const updateId = required(f, "update_id");
  if (updateId.length > 200) throw new Open311Error(400, "update_id is longer than 200 characters");
  const description = required(f, "description").slice(0, 5000);
  const status = f.get("status")?.trim();
  const when = f.get("updated_datetime")?.trim();
  const ref = await reference(db);
  if (when) parseW3cDate(when, "updated_datetime", ref.calendar.timeZone);
  const code = normalizeTrackingCode(id, ctx.region);
  const [c] = code ? await db.select({ id: complaints.id }).from(complaints).where(eq(complaints.trackingCode, code)) : [];
  if (!c) throw new Open311Error(404, `Unknown service_request_id: ${id.slice(0, 50)}`);
  if ((await open311FilerOf(db, c.id)) !== client.id) throw new Open311Error(403, "Only the client that filed a service request may post updates to it");

  const checked = await checkAttachments(form.media ? [form.media] : []);
  if (!checked.ok) throw new Open311Error(400, `media: ${translateFieldErrors(checked.fieldErrors, "en").attachments?.join(" ")}`);
  const stored = await prepareFiles(checked.files, { keepMetadata: false });
  if (!stored.ok) throw new Open311Error(400, "media: the picture cannot be read");

  const eventId = await db.transaction(async (tx) => {
    // The client's id claims the update first: a repeat (or a concurrent twin) gets the first result.
    const claimed = await tx.insert(open311Updates).values({ clientId: client.id, updateId, complaintId: c.id, createdAt: ctx.now }).onConflictDoNothing().returning();
    if (claimed.length === 0) {
      const [prior] = await tx.select().from(open311Updates).where(and(eq(open311Updates.clientId, client.id), eq(open311Updates.updateId, updateId)));
      if (!prior || prior.complaintId !== c.id) throw new Open311Error(400, "update_id was already used for another service request");
      return prior.eventId;
    }
    const [now] = await tx.select({ status: complaints.status }).from(complaints).where(eq(complaints.id, c.id)).for("update");
    const action = actionFor(now!.status, status);
    let eventId: number | null = null;
    if (action) {
      const input = action === "object" ? { reason: description } : action === "reporter_reply" ? { message: description } : {};
      try {
        eventId = (await performAction(tx, { complaintId: c.id, action, party: { kind: "reporter", channel: "open311" }, input, now: ctx.now })).eventId;
      } catch (err) {
        if (err instanceof ValidationError) {
          const text = Object.values(translateFieldErrors(err.fieldErrors, "en")).flat().join(" ");
          throw new Open311Error(400, `description: ${text}`);
        }
        if (!(err instanceof AppError)) throw err;
      }
    }
    if (eventId === null) {
      // Not a workflow step now (e.g. a remark while the agency works on it): kept for staff.
      const [e] = await tx
        .insert(complaintEvents)
        .values({ complaintId: c.id, at: ctx.now, action: "open311_reporter_message", actorRole: "reporter", fromStatus: now!.status, toStatus: now!.status, channel: "open311", data: { message: description, client: client.name, status: status ?? null, updatedDatetime: when ?? null } })
        .returning({ id: complaintEvents.id });
      eventId = e!.id;
    }
    if (stored.files.length) {
      await tx.insert(attachments).values(stored.files.map((file) => ({ ...file, complaintId: c.id, source: "reporter" as const, eventId, createdAt: ctx.now })));
    }
    await tx.update(open311Updates).set({ eventId }).where(and(eq(open311Updates.clientId, client.id), eq(open311Updates.updateId, updateId)));
    return eventId;
  });
  return [{ update_id: String(eventId) }];
}
