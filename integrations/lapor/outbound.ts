/**
 * Outbound delivery to LAPOR, one handler per outbox topic. Delivery is at-least-once, so each
 * handler first asks whether LAPOR already has what it is about to send whenever an earlier
 * attempt may have reached LAPOR (its answer lost): LAPOR never gets the same thing twice.
 *
 * That check never fails open. It looks for Pintu's reference in the raw text of every entry
 * LAPOR lists, readable or not; when the list itself cannot be read (or a forward's status is
 * one LAPOR does not name), nothing is sent: the item is held (`held:` in its last error, shown
 * on the integration page) and looked at again later. A duplicate in the national system is
 * worse than an answer that waits for a person.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { HELD_PREFIX } from "@/domain/lapor-ops";
import { outboxRow } from "@/domain/outbox-topics";
import { laporIdFor } from "@/db/queries/lapor";
import { attachments, categories, complaintEvents, complaints, opds, outbox } from "@/db/schema";
import { laporFollowups, laporMappings } from "@/db/schema-lapor";
import { HaltChannel, PermanentFailure, RetryAfter, type TopicItem } from "@/queue/registry";
import { LaporHttpError, LaporShapeError, type LaporConfig } from "./http";
import { quarantineAll } from "./inbound";
import { complaintRef, followupRef, withComplaintRef, withFollowupRef } from "./refs";
import { createComplaint, addFollowup, fetchStatus, LAPOR_STATUS, listDisposed, listFollowups, rejectComplaint, uploadFiles, type Entry } from "./v3";
import { looseId, rawHas } from "./v3-read";

type Ctx = { db: Db; cfg: LaporConfig; signal?: AbortSignal };
type Result = Record<string, unknown>;

/** How far before the outbox row a lost create is looked for in LAPOR's listing (clock skew). */
const CREATE_LOOKBACK_MS = 10 * 60_000;
const WAIT_FOR_CREATE_MS = 30_000;
/** How long an item waits when LAPOR's state cannot be read, before it looks again. */
const HOLD_MS = 60_000;

/** Nothing is sent: LAPOR's state cannot be read. Not counted as an attempt, so the item never becomes a dead letter by waiting. */
class Held extends RetryAfter {
  constructor(why: string) {
    super(HOLD_MS, `${HELD_PREFIX}${why}`);
  }
}

/** Runs a lost-answer check's read; an answer that cannot be read holds the item (its payload quarantined). */
async function readForCheck<T>(db: Db, what: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    if (!(err instanceof LaporShapeError)) throw err;
    await quarantineAll(db, [err.unreadable]);
    throw new Held(`cannot tell whether LAPOR already has it: ${what} cannot be read (${err.unreadable.reason.slice(0, 200)})`);
  }
}

/** The entry of a listing that carries `marker`: a readable one by `readable`, an unreadable one by its raw text. */
function findMarked<T>(entries: Entry<T>[], marker: string, readable: (item: T) => boolean): Entry<T> | undefined {
  return entries.find((e) => (e.item !== null ? readable(e.item) : rawHas(e.value, marker)));
}
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
      // An answer to a write that cannot be read: the write may well be stored. Tried again, the
      // handler's check looks in LAPOR first.
      await quarantineAll(db, [err.unreadable]);
      throw new Error(err.message);
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

async function saveLaporId(db: Db, complaintId: number, laporId: string, trackingId: string | null) {
  await db.update(complaints).set({ laporId, laporTrackingId: trackingId }).where(and(eq(complaints.id, complaintId), isNull(complaints.laporId)));
}

const PAGE = 1000;

/** Finds the complaint Pintu recorded in LAPOR (its reference in the text, readable or not) among those listed since `since`. */
async function findCreated(ctx: Ctx, trackingCode: string, since: Date): Promise<{ laporId: string; trackingId: string | null } | null> {
  const marker = complaintRef(trackingCode);
  for (let page = 1; ; page++) {
    const res = await readForCheck(ctx.db, `page ${page} of LAPOR's complaints`, () => listDisposed(ctx.cfg, { since, page, pageSize: PAGE }, { signal: ctx.signal }));
    const hit = findMarked(res.entries, marker, (c) => c.content.includes(marker));
    if (hit?.item) return { laporId: hit.item.id, trackingId: hit.item.tracking_id };
    if (hit) {
      await quarantineAll(ctx.db, res.unreadable);
      const laporId = looseId(hit.value);
      if (!laporId) throw new Held(`LAPOR already has it (its reference is in an entry LAPOR lists), but that entry's id cannot be read`);
      return { laporId, trackingId: looseId(hit.value, "tracking_id") };
    }
    const listed = res.entries.length;
    if (listed === 0 || (res.total === null ? listed < PAGE : page * PAGE >= res.total)) return null;
  }
}

/** `lapor.create_complaint`: a complaint received on another channel is recorded in LAPOR. */
export async function deliverCreate(ctx: Ctx, item: TopicItem<"lapor.create_complaint">): Promise<Result> {
  const { c, categoryLaporId, areaLaporId, hasAttachments } = await loadComplaint(ctx.db, item.complaintId);
  if (c.laporId) return { laporId: c.laporId, trackingId: c.laporTrackingId, via: "already_linked" };
  if (item.attempts > 1) {
    // An earlier attempt may have reached LAPOR with its answer lost: look before sending again.
    const found = await findCreated(ctx, c.trackingCode, new Date(item.createdAt.getTime() - CREATE_LOOKBACK_MS));
    if (found) {
      await saveLaporId(ctx.db, c.id, found.laporId, found.trackingId);
      return { ...found, via: "found_in_lapor" };
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
  const [create] = await db.select({ status: outbox.status }).from(outbox).where(eq(outbox.dedupeKey, outboxRow("lapor.create_complaint", complaintId, { complaintId }).dedupeKey!));
  if (create?.status === "pending") throw new RetryAfter(WAIT_FOR_CREATE_MS, "waiting until the complaint is recorded in LAPOR");
  throw new Error("the complaint is not known in LAPOR (its create was not delivered)");
}

async function loadEvent(db: Db, item: TopicItem<"lapor.followup" | "lapor.forward">) {
  const eventId = item.payload.eventId;
  const [e] = await db.select().from(complaintEvents).where(eq(complaintEvents.id, eventId));
  if (!e || e.complaintId !== item.complaintId) throw new PermanentFailure(`event ${eventId} does not belong to complaint ${item.complaintId}`);
  return e;
}

/**
 * The follow-up of a LAPOR complaint that carries `marker` (an institution's entry; in an entry
 * that cannot be read, anywhere in its raw text). Unreadable entries are quarantined.
 */
async function findFollowup(ctx: Ctx, laporId: string, marker: string) {
  const listed = await readForCheck(ctx.db, "LAPOR's follow-ups of the complaint", () => listFollowups(ctx.cfg, laporId, { signal: ctx.signal }));
  await quarantineAll(ctx.db, listed.unreadable);
  return findMarked(listed.entries, marker, (f) => f.author_type === "institution" && f.content.includes(marker));
}

/** `lapor.followup`: an OPD's answer is posted as a LAPOR follow-up, once. */
export async function deliverFollowup(ctx: Ctx, item: TopicItem<"lapor.followup">): Promise<Result> {
  const { c, opdLaporId } = await loadComplaint(ctx.db, item.complaintId);
  const laporId = await requireLaporId(ctx.db, c.id, c.laporId);
  const event = await loadEvent(ctx.db, item);
  const remember = (followupId: string) => ctx.db.insert(laporFollowups).values({ laporFollowupId: followupId, complaintId: c.id }).onConflictDoNothing();
  if (item.attempts > 1) {
    const hit = await findFollowup(ctx, laporId, followupRef(event.id));
    if (hit) {
      const followupId = hit.item?.id ?? looseId(hit.value);
      if (followupId) await remember(followupId);
      return { laporId, laporFollowupId: followupId, via: "found_in_lapor" };
    }
  }
  const from = opdLaporId ?? ctx.cfg.institutionId;
  const content = withFollowupRef(event.publicMessage ?? event.reason ?? "", event.id);
  // Files staff attached to the answer go with it (`attachment[i]`: uploaded first, by id).
  const files = await ctx.db.select({ name: attachments.fileName, mime: attachments.mime, bytes: attachments.content }).from(attachments).where(eq(attachments.eventId, event.id));
  const attachmentIds = await uploadFiles(ctx.cfg, files, { signal: ctx.signal });
  const r = await addFollowup(ctx.cfg, { laporId, fromInstitutionId: from, toInstitutionId: ctx.cfg.institutionId, content, secret: c.confidential, attachmentIds }, { signal: ctx.signal });
  await remember(r.followupId);
  return { laporId, laporFollowupId: r.followupId, via: "sent" };
}

/** `lapor.forward`: "bukan wewenang", the complaint goes to an external institution in LAPOR, once. */
export async function deliverForward(ctx: Ctx, item: TopicItem<"lapor.forward">): Promise<Result> {
  const { c } = await loadComplaint(ctx.db, item.complaintId);
  const laporId = await requireLaporId(ctx.db, c.id, c.laporId);
  const event = await loadEvent(ctx.db, item);
  const code = item.payload.externalCode;
  const institutionId = await laporIdFor(ctx.db, "institution", code);
  if (!institutionId) throw new PermanentFailure(`no LAPOR id is mapped for institution ${code}`);
  const marker = followupRef(event.id);
  if (item.attempts > 1) {
    // Forwarded already: LAPOR says so in the status, or lists the forward with our reference.
    const { statusCode } = await readForCheck(ctx.db, "the complaint's status in LAPOR", () => fetchStatus(ctx.cfg, laporId, { signal: ctx.signal }));
    if (statusCode === LAPOR_STATUS.forwarded || (await findFollowup(ctx, laporId, marker))) return { laporId, institutionId, via: "found_in_lapor" };
    if (statusCode === null) throw new Held("cannot tell whether LAPOR already forwarded it: LAPOR sends a status it does not name");
  }
  const description = withFollowupRef(event.reason ?? `Bukan wewenang Pemerintah Kota; diteruskan ke ${code}.`, event.id);
  try {
    const r = await rejectComplaint(ctx.cfg, laporId, { institutionId, description }, { signal: ctx.signal });
    return { laporId, institutionId, statusCode: r.statusCode, via: "sent" };
  } catch (err) {
    // 409: LAPOR says it is already forwarded (our earlier attempt got through).
    if (err instanceof LaporHttpError && err.status === 409) return { laporId, institutionId, via: "already_forwarded" };
    throw err;
  }
}
