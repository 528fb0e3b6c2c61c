import { and, asc, desc, eq, inArray, isNull, like, max, min, ne, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { complaintEvents, complaints, outbox } from "@/db/schema";
import { laporQuarantine } from "@/db/schema-lapor";
import { channelHalts, jobLeases } from "@/db/schema-worker";
import { HELD_PREFIX } from "@/domain/lapor-ops";
import { laporTask, storedEventId } from "@/domain/outbox-topics";

const LAPOR_TOPICS = like(outbox.topic, "lapor.%");

/** Everything the integration page's status panel shows, read in a handful of indexed queries. */
export async function integrationOverview(db: Db, now: Date) {
  const [halt] = await db.select().from(channelHalts).where(eq(channelHalts.channel, "lapor"));
  const jobs = await db
    .select({ name: jobLeases.name, lastOkAt: jobLeases.lastOkAt, lastError: jobLeases.lastError, lastErrorAt: jobLeases.lastErrorAt, lastStartedAt: jobLeases.lastStartedAt })
    .from(jobLeases)
    .where(like(jobLeases.name, "lapor%"))
    .orderBy(asc(jobLeases.name));
  const queue = await db
    .select({
      status: outbox.status,
      n: sql<number>`count(*)::int`,
      oldest: min(outbox.createdAt),
      // The instant as ISO text: postgres.js cannot bind a Date inside a raw sql fragment.
      oldestDue: sql<Date | null>`min(case when ${outbox.nextAttemptAt} <= ${now.toISOString()}::timestamptz then ${outbox.createdAt} end)`.mapWith(outbox.createdAt),
    })
    .from(outbox)
    .where(and(LAPOR_TOPICS, inArray(outbox.status, ["pending", "dead"])))
    .groupBy(outbox.status);
  const [delivered] = await db
    .select({ at: max(outbox.doneAt) })
    .from(outbox)
    .where(and(LAPOR_TOPICS, eq(outbox.status, "done"), sql`${outbox.deliveredVia} is distinct from 'manual'`));
  const pending = queue.find((q) => q.status === "pending");
  const dead = queue.find((q) => q.status === "dead");
  const [openQuarantine] = await db.select({ n: sql<number>`count(*)::int` }).from(laporQuarantine).where(isNull(laporQuarantine.resolvedAt));
  const [held] = await db.select({ n: sql<number>`count(*)::int` }).from(outbox).where(and(LAPOR_TOPICS, eq(outbox.status, "pending"), like(outbox.lastError, `${HELD_PREFIX}%`)));
  return {
    halt: halt ?? null,
    jobs,
    lastDeliveryAt: delivered?.at ?? null,
    backlog: { pending: pending?.n ?? 0, oldestAt: pending?.oldest ?? null, oldestDueAt: pending?.oldestDue ?? null },
    dead: dead?.n ?? 0,
    held: held?.n ?? 0,
    quarantined: openQuarantine?.n ?? 0,
  };
}

/** LAPOR deliveries the worker gave up on, newest first. */
export function deadLetters(db: Db, limit = 100) {
  return laporItems(db, eq(outbox.status, "dead"), limit);
}

/**
 * LAPOR deliveries held because LAPOR's state could not be read (the worker cannot tell whether
 * an earlier attempt got through, so it sends nothing and looks again later), newest first.
 */
export function heldItems(db: Db, limit = 100) {
  return laporItems(db, and(eq(outbox.status, "pending"), like(outbox.lastError, `${HELD_PREFIX}%`)), limit);
}

function laporItems(db: Db, where: SQL | undefined, limit: number) {
  return db
    .select({
      id: outbox.id,
      topic: outbox.topic,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
      createdAt: outbox.createdAt,
      nextAttemptAt: outbox.nextAttemptAt,
      trackingCode: complaints.trackingCode,
    })
    .from(outbox)
    .leftJoin(complaints, eq(complaints.id, outbox.complaintId))
    .where(and(LAPOR_TOPICS, where))
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(limit);
}

/** Quarantined LAPOR payloads nobody has resolved yet, oldest first. */
export function openQuarantine(db: Db, limit = 50) {
  return db
    .select()
    .from(laporQuarantine)
    .where(isNull(laporQuarantine.resolvedAt))
    .orderBy(asc(laporQuarantine.receivedAt), asc(laporQuarantine.id))
    .limit(limit);
}

/** Marks a quarantined payload as dealt with; false when it was already resolved or unknown. Audited by server/lapor-ops.ts. */
export async function markQuarantineResolved(db: Db, id: number, userId: number | null, now: Date): Promise<boolean> {
  const done = await db
    .update(laporQuarantine)
    .set({ resolvedAt: now, resolvedBy: userId })
    .where(and(eq(laporQuarantine.id, id), isNull(laporQuarantine.resolvedAt)))
    .returning({ id: laporQuarantine.id });
  return done.length > 0;
}

/**
 * What LAPOR still has to receive (waiting or dead LAPOR deliveries), with what a person needs
 * to enter it by hand: the complaint, and the event whose message is to be sent.
 */
export async function manualBacklog(db: Db, limit = 2000) {
  const rows = await db
    .select({
      id: outbox.id,
      topic: outbox.topic,
      status: outbox.status,
      attempts: outbox.attempts,
      createdAt: outbox.createdAt,
      payload: outbox.payload,
      /** A worker is delivering it right now: not to be entered by hand. */
      leased: sql<boolean>`coalesce(${outbox.leasedUntil} > now(), false)`,
      complaintId: complaints.id,
      trackingCode: complaints.trackingCode,
      laporId: complaints.laporId,
      laporTrackingId: complaints.laporTrackingId,
      title: complaints.title,
      body: complaints.body,
      channel: complaints.channel,
      categoryId: complaints.categoryId,
      kelurahanId: complaints.kelurahanId,
      address: complaints.address,
      incidentDate: complaints.incidentDate,
      anonymous: complaints.anonymous,
      confidential: complaints.confidential,
      reporterName: complaints.reporterName,
      reporterPhone: complaints.reporterPhone,
      reporterEmail: complaints.reporterEmail,
      complaintCreatedAt: complaints.createdAt,
    })
    .from(outbox)
    .innerJoin(complaints, eq(complaints.id, outbox.complaintId))
    .where(and(LAPOR_TOPICS, ne(outbox.status, "done")))
    .orderBy(asc(outbox.createdAt), asc(outbox.id))
    .limit(limit);
  const eventIds = rows.map((r) => storedEventId(r.topic, r.payload)).filter((n): n is number => n !== null);
  const events = eventIds.length
    ? await db
        .select({ id: complaintEvents.id, at: complaintEvents.at, publicMessage: complaintEvents.publicMessage, reason: complaintEvents.reason, data: complaintEvents.data })
        .from(complaintEvents)
        .where(inArray(complaintEvents.id, eventIds))
    : [];
  const byId = new Map(events.map((e) => [e.id, e]));
  return rows.map((r) => ({ ...r, event: byId.get(storedEventId(r.topic, r.payload) ?? 0) ?? null }));
}
export type ManualItem = Awaited<ReturnType<typeof manualBacklog>>[number];

/** Why a LAPOR tracking id given for a delivery entered by hand was refused. */
type TrackingRefusal = { outboxId: number; reason: "trackingIdNotCreate" | "trackingIdTaken" };

/**
 * Records that people entered these LAPOR deliveries by hand: each becomes done, delivered
 * 'manual', with who and when in its result, so the worker never sends it. Items already done (by
 * the worker or an earlier mark) are left alone and counted apart, and so are items a worker is
 * delivering at this moment (leased): they may reach LAPOR now, so they are not marked
 * (`inDelivery`); the coordinator looks again once the worker is done with them. Decided on the
 * locked rows: a worker's claim (FOR UPDATE SKIP LOCKED) either comes first and is seen here, or
 * skips the rows and finds them done.
 *
 * `trackingIds` (outbox id → a well-formed LAPOR tracking id) records what LAPOR numbered a
 * complaint entered by hand, as an automatic create does: on the complaint (`lapor_tracking_id`,
 * which the poll and the export import then link by) and in the item's result. Only for "create"
 * items; one given for another kind of item, or one another complaint already has, is answered
 * with `refused` — earlier writes included, so `tx` must be a transaction its caller rolls back
 * (server/lapor-ops.ts, which validates the ids first and audits the marking).
 */
export async function markManualEntries(
  tx: Db,
  req: { ids: number[]; trackingIds: Map<number, string>; userId: number | null; now: Date },
): Promise<{ refused: TrackingRefusal } | { marked: { id: number; complaintId: number | null; topic: string; was: string }[]; skipped: number[]; inDelivery: number[] }> {
  const rows = await tx
    .select({
      id: outbox.id,
      status: outbox.status,
      complaintId: outbox.complaintId,
      topic: outbox.topic,
      leased: sql<boolean>`coalesce(${outbox.leasedUntil} > clock_timestamp(), false)`,
    })
    .from(outbox)
    .where(and(inArray(outbox.id, req.ids), LAPOR_TOPICS))
    .for("update");
  const inDelivery = rows.filter((r) => r.status === "pending" && r.leased).map((r) => r.id);
  const open = rows.filter((r) => r.status !== "done" && !inDelivery.includes(r.id));
  for (const r of open) {
    const trackingId = req.trackingIds.get(r.id);
    if (trackingId === undefined) continue;
    if (laporTask(r.topic) !== "create_complaint") return { refused: { outboxId: r.id, reason: "trackingIdNotCreate" } };
    const [taken] = await tx
      .select({ id: complaints.id })
      .from(complaints)
      .where(and(eq(complaints.laporTrackingId, trackingId), ne(complaints.id, r.complaintId!)))
      .limit(1);
    if (taken) return { refused: { outboxId: r.id, reason: "trackingIdTaken" } };
    await tx.update(complaints).set({ laporTrackingId: trackingId }).where(and(eq(complaints.id, r.complaintId!), isNull(complaints.laporId)));
  }
  for (const r of open) {
    const trackingId = req.trackingIds.get(r.id);
    const manual = { userId: req.userId, at: req.now.toISOString() };
    await tx
      .update(outbox)
      .set({ status: "done", deliveredVia: "manual", doneAt: req.now, lastError: null, result: trackingId ? { manual, trackingId, via: "manual" } : { manual } })
      .where(eq(outbox.id, r.id));
  }
  const marked = new Set(open.map((r) => r.id));
  return {
    marked: open.map((r) => ({ id: r.id, complaintId: r.complaintId, topic: r.topic, was: r.status })),
    skipped: req.ids.filter((id) => !marked.has(id) && !inDelivery.includes(id)),
    inDelivery,
  };
}
