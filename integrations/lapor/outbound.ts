/**
 * Outbound delivery to LAPOR, one handler per outbox topic. Delivery is at-least-once, so each
 * handler first asks whether LAPOR already has what it is about to send whenever an earlier
 * attempt may have reached LAPOR (its answer lost): LAPOR never gets the same thing twice.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { laporIdFor } from "@/db/queries/lapor";
import { attachments, categories, complaintEvents, complaints, opds, outbox } from "@/db/schema";
import { laporFollowups, laporMappings } from "@/db/schema-lapor";
import { HaltChannel, PermanentFailure, RetryAfter, type OutboxItem } from "@/jobs/registry";
import { LaporHttpError, LaporShapeError, type LaporConfig } from "./http";
import { quarantineAll } from "./inbound";
import { complaintRefOf, hasFollowupRef, withComplaintRef, withFollowupRef } from "./refs";
import { createComplaint, addFollowup, fetchComplaint, LAPOR_STATUS, listDisposed, listFollowups, rejectComplaint, uploadFiles } from "./v3";

type Ctx = { db: Db; cfg: LaporConfig; signal?: AbortSignal };
type Result = Record<string, unknown>;

/** How far before the outbox row a lost create is looked for in LAPOR's listing (clock skew). */
const CREATE_LOOKBACK_MS = 10 * 60_000;
const WAIT_FOR_CREATE_MS = 30_000;

/** Maps adapter failures to what the worker should do with the item. */
export async function asDelivery<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof LaporHttpError) {
      if (err.kind === "rate_limited") throw new RetryAfter(err.retryAfterMs ?? 30_000, err.message);
      if (err.kind === "unauthorized") throw new HaltChannel("lapor", err.message);
      if (err.kind === "rejected") throw new PermanentFailure(err.message);
    }
    if (err instanceof LaporShapeError) {
      await quarantineAll(db, [err.unreadable]);
      throw new PermanentFailure(err.message);
    }
    throw err;
  }
}

const categoryMap = alias(laporMappings, "category_map");
const areaMap = alias(laporMappings, "area_map");
const opdMap = alias(laporMappings, "opd_map");

function loadComplaintQuery(db: Db) {
  return db
    .select({
      c: complaints,
      categoryLaporId: categoryMap.laporId,
      areaLaporId: areaMap.laporId,
      opdLaporId: opdMap.laporId,
      hasAttachments: sql<boolean>`exists (select 1 from ${attachments} where ${attachments.complaintId} = ${complaints.id})`,
    })
    .from(complaints)
    .leftJoin(categories, eq(categories.id, complaints.categoryId))
    .leftJoin(opds, eq(opds.id, complaints.opdId))
    .leftJoin(categoryMap, and(eq(categoryMap.kind, "category"), eq(categoryMap.localCode, categories.code)))
    .leftJoin(areaMap, and(eq(areaMap.kind, "area"), eq(areaMap.localCode, sql`${complaints.kelurahanId}::text`)))
    .leftJoin(opdMap, and(eq(opdMap.kind, "opd"), eq(opdMap.localCode, opds.code)))
    .where(eq(complaints.id, sql.placeholder("id")))
    .prepare("lapor_load_complaint");
}
// Built once per database: the query is the same for every delivery.
const loadComplaintQueries = new WeakMap<Db, ReturnType<typeof loadComplaintQuery>>();

/** The complaint with the LAPOR ids of its category, kelurahan and OPD (from the mappings), in one query. */
async function loadComplaint(db: Db, id: number | null) {
  if (id === null) throw new PermanentFailure("outbox item has no complaint");
  let query = loadComplaintQueries.get(db);
  if (!query) loadComplaintQueries.set(db, (query = loadComplaintQuery(db)));
  const [c] = await query.execute({ id });
  if (!c) throw new PermanentFailure(`complaint ${id} does not exist`);
  return c;
}

async function saveLaporId(db: Db, complaintId: number, laporId: string, trackingId: string) {
  await db.update(complaints).set({ laporId, laporTrackingId: trackingId }).where(and(eq(complaints.id, complaintId), isNull(complaints.laporId)));
}

/** Finds the complaint Pintu recorded in LAPOR (its reference in the text) among those listed since `since`. */
async function findCreated(ctx: Ctx, trackingCode: string, since: Date) {
  for (let page = 1; ; page++) {
    const res = await listDisposed(ctx.cfg, { since, page, pageSize: 1000 }, { signal: ctx.signal });
    const hit = res.items.find((c) => complaintRefOf(c.content) === trackingCode);
    if (hit) return hit;
    if (res.items.length + res.unreadable.length === 0 || page * 1000 >= res.meta.total) return null;
  }
}

/** `lapor.create_complaint`: a complaint received on another channel is recorded in LAPOR. */
export async function deliverCreate(ctx: Ctx, item: OutboxItem): Promise<Result> {
  const { c, categoryLaporId, areaLaporId, hasAttachments } = await loadComplaint(ctx.db, item.complaintId);
  if (c.laporId) return { laporId: c.laporId, trackingId: c.laporTrackingId, via: "already_linked" };
  if (item.attempts > 1) {
    // An earlier attempt may have reached LAPOR with its answer lost: look before sending again.
    const found = await findCreated(ctx, c.trackingCode, new Date(item.createdAt.getTime() - CREATE_LOOKBACK_MS));
    if (found) {
      await saveLaporId(ctx.db, c.id, found.id, found.tracking_id);
      return { laporId: found.id, trackingId: found.tracking_id, via: "found_in_lapor" };
    }
  }
  const files = hasAttachments
    ? await ctx.db.select({ name: attachments.fileName, mime: attachments.mime, bytes: attachments.content }).from(attachments).where(eq(attachments.complaintId, c.id))
    : [];
  const attachmentIds = await uploadFiles(ctx.cfg, files, { signal: ctx.signal });
  const created = await createComplaint(
    ctx.cfg,
    {
      title: c.title,
      content: withComplaintRef(c.body, c.trackingCode),
      channel: c.channel,
      categoryId: categoryLaporId,
      locationId: areaLaporId,
      dateOfIncident: c.incidentDate,
      anonymous: c.anonymous,
      secret: c.confidential,
      // An anonymous reporter's identity stays in Pintu.
      reporter: c.anonymous ? { name: null, phone: null, email: null } : { name: c.reporterName, phone: c.reporterPhone, email: c.reporterEmail },
      attachmentIds,
    },
    { signal: ctx.signal },
  );
  await saveLaporId(ctx.db, c.id, created.laporId, created.trackingId);
  return { laporId: created.laporId, trackingId: created.trackingId, via: "created" };
}

/** The complaint's LAPOR id; waits while Pintu's own create is still on its way. */
async function requireLaporId(db: Db, complaintId: number, laporId: string | null): Promise<string> {
  if (laporId) return laporId;
  const [create] = await db.select({ status: outbox.status }).from(outbox).where(eq(outbox.dedupeKey, `lapor.create_complaint:${complaintId}`));
  if (create?.status === "pending") throw new RetryAfter(WAIT_FOR_CREATE_MS, "waiting until the complaint is recorded in LAPOR");
  throw new Error("the complaint is not known in LAPOR (its create was not delivered)");
}

async function loadEvent(db: Db, item: OutboxItem) {
  const eventId = Number(item.payload.eventId);
  if (!Number.isInteger(eventId)) throw new PermanentFailure("outbox payload has no eventId");
  const [e] = await db.select().from(complaintEvents).where(eq(complaintEvents.id, eventId));
  if (!e || e.complaintId !== item.complaintId) throw new PermanentFailure(`event ${eventId} does not belong to complaint ${item.complaintId}`);
  return e;
}

/** `lapor.followup`: an OPD's answer is posted as a LAPOR follow-up, once. */
export async function deliverFollowup(ctx: Ctx, item: OutboxItem): Promise<Result> {
  const { c, opdLaporId } = await loadComplaint(ctx.db, item.complaintId);
  const laporId = await requireLaporId(ctx.db, c.id, c.laporId);
  const event = await loadEvent(ctx.db, item);
  const remember = (followupId: string) => ctx.db.insert(laporFollowups).values({ laporFollowupId: followupId, complaintId: c.id }).onConflictDoNothing();
  if (item.attempts > 1) {
    const existing = await listFollowups(ctx.cfg, laporId, { signal: ctx.signal });
    const hit = existing.items.find((f) => f.author_type === "institution" && hasFollowupRef(f.content, event.id));
    if (hit) {
      await remember(hit.id);
      return { laporId, laporFollowupId: hit.id, via: "found_in_lapor" };
    }
  }
  const from = opdLaporId ?? ctx.cfg.institutionId;
  const content = withFollowupRef(event.publicMessage ?? event.reason ?? "", event.id);
  const r = await addFollowup(ctx.cfg, { laporId, fromInstitutionId: from, toInstitutionId: ctx.cfg.institutionId, content, secret: c.confidential }, { signal: ctx.signal });
  await remember(r.followupId);
  return { laporId, laporFollowupId: r.followupId, via: "sent" };
}

/** `lapor.forward`: "bukan wewenang", the complaint goes to an external institution in LAPOR, once. */
export async function deliverForward(ctx: Ctx, item: OutboxItem): Promise<Result> {
  const { c } = await loadComplaint(ctx.db, item.complaintId);
  const laporId = await requireLaporId(ctx.db, c.id, c.laporId);
  const event = await loadEvent(ctx.db, item);
  const code = String(item.payload.externalCode ?? "");
  const institutionId = await laporIdFor(ctx.db, "institution", code);
  if (!institutionId) throw new PermanentFailure(`no LAPOR id is mapped for institution ${code}`);
  if (item.attempts > 1) {
    const now = await fetchComplaint(ctx.cfg, laporId, { signal: ctx.signal });
    if (now.complaint.status_code === LAPOR_STATUS.forwarded) return { laporId, institutionId, via: "found_in_lapor" };
  }
  const description = event.reason ?? `Bukan wewenang Pemerintah Kota; diteruskan ke ${code}.`;
  try {
    const r = await rejectComplaint(ctx.cfg, laporId, { institutionId, description }, { signal: ctx.signal });
    return { laporId, institutionId, statusCode: r.statusCode, via: "sent" };
  } catch (err) {
    // 409: LAPOR says it is already forwarded (our earlier attempt got through).
    if (err instanceof LaporHttpError && err.status === 409) return { laporId, institutionId, via: "already_forwarded" };
    throw err;
  }
}
