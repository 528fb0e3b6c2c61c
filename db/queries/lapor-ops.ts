import { and, asc, desc, eq, inArray, isNull, like, max, min, ne, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { complaintEvents, complaints, outbox } from "../schema";
import { laporQuarantine } from "../schema-lapor";
import { channelHalts, jobLeases } from "../schema-worker";
import { checkLaporTrackingId, HELD_PREFIX } from "../../domain/lapor-ops";
import { ValidationError } from "@/lib/errors";
import { writeAudit, type AuditActor } from "./audit";

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

/**
 * Puts dead LAPOR deliveries back in the queue with a fresh attempt count (`ids` or all of
 * them), and records who did it in the audit log, in one transaction. Returns how many moved.
 * The count restarts at 1, not 0: a dead letter was tried before and may have reached LAPOR
 * (an answer lost or unreadable), so its next attempt looks in LAPOR before it sends.
 */
export async function retryDeadLetters(db: Db, req: { ids: number[] | "all"; actor: AuditActor; now: Date }): Promise<number> {
  if (req.ids !== "all" && req.ids.length === 0) return 0;
  return db.transaction(async (tx) => {
    const moved = await tx
      .update(outbox)
      .set({ status: "pending", attempts: 1, nextAttemptAt: req.now, lastError: null })
      .where(and(LAPOR_TOPICS, eq(outbox.status, "dead"), req.ids === "all" ? undefined : inArray(outbox.id, req.ids)))
      .returning({ id: outbox.id });
    if (moved.length) {
      await writeAudit(tx, { actor: req.actor, at: req.now, action: "lapor.retry", target: { kind: "outbox", id: moved.map((m) => m.id).join(",") }, after: { status: "pending" }, data: { outboxIds: moved.map((m) => m.id), all: req.ids === "all" } });
    }
    return moved.length;
  });
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

/** Marks a quarantined payload as dealt with (audited); false when it was already resolved or unknown. */
export async function resolveQuarantine(db: Db, req: { id: number; actor: AuditActor; now: Date }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const done = await tx
      .update(laporQuarantine)
      .set({ resolvedAt: req.now, resolvedBy: req.actor.userId })
      .where(and(eq(laporQuarantine.id, req.id), isNull(laporQuarantine.resolvedAt)))
      .returning({ id: laporQuarantine.id });
    if (done.length) await writeAudit(tx, { actor: req.actor, at: req.now, action: "lapor.quarantine_resolve", target: { kind: "quarantine", id: req.id }, after: { resolved: true } });
    return done.length > 0;
  });
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
  const eventIds = rows.map((r) => Number(r.payload.eventId)).filter((n) => Number.isInteger(n) && n > 0);
  const events = eventIds.length
    ? await db
        .select({ id: complaintEvents.id, at: complaintEvents.at, publicMessage: complaintEvents.publicMessage, reason: complaintEvents.reason, data: complaintEvents.data })
        .from(complaintEvents)
        .where(inArray(complaintEvents.id, eventIds))
    : [];
  const byId = new Map(events.map((e) => [e.id, e]));
  return rows.map((r) => ({ ...r, event: byId.get(Number(r.payload.eventId)) ?? null }));
}
export type ManualItem = Awaited<ReturnType<typeof manualBacklog>>[number];

/**
 * Records that people entered these LAPOR deliveries by hand: each becomes done, delivered
 * 'manual', with who and when in its result and in the audit log, so the worker never sends it.
 * Items already done (by the worker or an earlier mark) are left alone and counted apart, and so
 * are items a worker is delivering at this moment (leased): they may reach LAPOR now, so they are
 * not marked (`inDelivery`); the coordinator looks again once the worker is done with them.
 * Decided on the locked rows in one transaction: a worker's claim (FOR UPDATE SKIP LOCKED) either
 * comes first and is seen here, or skips the rows and finds them done.
 *
 * `trackingIds` (outbox id → LAPOR tracking id) records what LAPOR numbered a complaint entered
 * by hand, as an automatic create does: on the complaint (`lapor_tracking_id`, which the poll and
 * the export import then link by) and in the item's result. Only for "create" items; a malformed
 * id, one given for another kind of item, or one another complaint already has is refused with
 * a ValidationError (field `tracking-<outbox id>`) and nothing is written.
 */
export async function markEnteredManually(
  db: Db,
  req: { ids: number[]; actor: AuditActor; now: Date; trackingIds?: Record<number, string> },
): Promise<{ marked: number[]; skipped: number[]; inDelivery: number[] }> {
  const given = new Map<number, string>();
  for (const [key, raw] of Object.entries(req.trackingIds ?? {})) {
    const checked = checkLaporTrackingId(raw);
    if (!checked.ok) throw new ValidationError({ [`tracking-${key}`]: [checked.error] });
    given.set(Number(key), checked.value);
  }
  const ids = [...new Set([...req.ids, ...given.keys()])];
  if (ids.length === 0) return { marked: [], skipped: [], inDelivery: [] };
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({
        id: outbox.id,
        status: outbox.status,
        complaintId: outbox.complaintId,
        topic: outbox.topic,
        leased: sql<boolean>`coalesce(${outbox.leasedUntil} > clock_timestamp(), false)`,
      })
      .from(outbox)
      .where(and(inArray(outbox.id, ids), LAPOR_TOPICS))
      .for("update");
    const inDelivery = rows.filter((r) => r.status === "pending" && r.leased).map((r) => r.id);
    const open = rows.filter((r) => r.status !== "done" && !inDelivery.includes(r.id));
    for (const r of open) {
      const trackingId = given.get(r.id);
      if (trackingId === undefined) continue;
      if (r.topic !== "lapor.create_complaint") throw new ValidationError({ [`tracking-${r.id}`]: ["trackingIdNotCreate"] });
      const [taken] = await tx
        .select({ id: complaints.id })
        .from(complaints)
        .where(and(eq(complaints.laporTrackingId, trackingId), ne(complaints.id, r.complaintId!)))
        .limit(1);
      if (taken) throw new ValidationError({ [`tracking-${r.id}`]: ["trackingIdTaken"] });
      await tx.update(complaints).set({ laporTrackingId: trackingId }).where(and(eq(complaints.id, r.complaintId!), isNull(complaints.laporId)));
    }
    for (const r of open) {
      const trackingId = given.get(r.id);
      const manual = { userId: req.actor.userId, at: req.now.toISOString() };
      await tx
        .update(outbox)
        .set({ status: "done", deliveredVia: "manual", doneAt: req.now, lastError: null, result: trackingId ? { manual, trackingId, via: "manual" } : { manual } })
        .where(eq(outbox.id, r.id));
    }
    if (open.length) {
      // One entry for the one operation; the complaint linked when it was about one complaint.
      const complaintIds = [...new Set(open.map((r) => r.complaintId))];
      await writeAudit(tx, {
        actor: req.actor,
        at: req.now,
        action: "lapor.mark_entered",
        complaintId: complaintIds.length === 1 ? complaintIds[0] : null,
        target: { kind: "outbox", id: open.map((r) => r.id).join(",") },
        after: { status: "done", deliveredVia: "manual" },
        data: { items: open.map((r) => ({ outboxId: r.id, complaintId: r.complaintId, topic: r.topic, was: r.status, ...(given.has(r.id) ? { trackingId: given.get(r.id) } : {}) })) },
      });
    }
    const marked = new Set(open.map((r) => r.id));
    return { marked: [...marked], skipped: ids.filter((id) => !marked.has(id) && !inDelivery.includes(id)), inDelivery };
  });
}
