import type { Db } from "@/db/client";
import { writeAudit, type AuditActor } from "@/db/queries/audit";
import { requeueDead } from "@/db/queries/channel-health";
import { markManualEntries, markQuarantineResolved } from "@/db/queries/lapor-ops";
import { checkLaporTrackingId } from "@/domain/lapor-ops";
import { ValidationError } from "@/lib/errors";

/**
 * The coordinator's LAPOR operations (integration page, manual entry, a complaint's dead
 * delivery): each validates, writes through db/queries/lapor-ops.ts and records who did it in
 * the audit log, in one transaction.
 */

/**
 * Puts dead LAPOR deliveries (`ids` or all of them) back in the queue, audited; returns how many
 * moved. Their count restarts at 1: a dead letter was tried before and may have reached LAPOR (an
 * answer lost or unreadable), so its next attempt looks in LAPOR before it sends.
 */
export async function retryDeadLetters(db: Db, req: { ids: number[] | "all"; actor: AuditActor; now: Date }): Promise<number> {
  if (req.ids !== "all" && req.ids.length === 0) return 0;
  return db.transaction(async (tx) => {
    const moved = await requeueDead(tx, { channel: "lapor", ids: req.ids, attempts: 1, now: req.now });
    if (moved.length) {
      await writeAudit(tx, { actor: req.actor, at: req.now, action: "lapor.retry", target: { kind: "outbox", id: moved.join(",") }, after: { status: "pending" }, data: { outboxIds: moved, all: req.ids === "all" } });
    }
    return moved.length;
  });
}

/** Marks a quarantined payload as dealt with (audited); false when it was already resolved or unknown. */
export async function resolveQuarantine(db: Db, req: { id: number; actor: AuditActor; now: Date }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const done = await markQuarantineResolved(tx, req.id, req.actor.userId, req.now);
    if (done) await writeAudit(tx, { actor: req.actor, at: req.now, action: "lapor.quarantine_resolve", target: { kind: "quarantine", id: req.id }, after: { resolved: true } });
    return done;
  });
}

/**
 * Records that people entered these LAPOR deliveries by hand (db/queries/lapor-ops.ts
 * `markManualEntries` says what is marked, skipped or left to the worker), with one audit entry.
 * `trackingIds` (outbox id → what LAPOR numbered the complaint): a malformed one, one given for
 * another kind of item, or one another complaint already has is refused with a ValidationError on
 * the form's field `tracking-<outbox id>`, and nothing is written.
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
    const done = await markManualEntries(tx, { ids, trackingIds: given, userId: req.actor.userId, now: req.now });
    // Thrown inside the transaction: a tracking id already written for an earlier item is rolled back.
    if ("refused" in done) throw new ValidationError({ [`tracking-${done.refused.outboxId}`]: [done.refused.reason] });
    const { marked, skipped, inDelivery } = done;
    if (marked.length) {
      // One entry for the one operation; the complaint linked when it was about one complaint.
      const complaintIds = [...new Set(marked.map((r) => r.complaintId))];
      await writeAudit(tx, {
        actor: req.actor,
        at: req.now,
        action: "lapor.mark_entered",
        complaintId: complaintIds.length === 1 ? complaintIds[0] : null,
        target: { kind: "outbox", id: marked.map((r) => r.id).join(",") },
        after: { status: "done", deliveredVia: "manual" },
        data: { items: marked.map((r) => ({ outboxId: r.id, complaintId: r.complaintId, topic: r.topic, was: r.was, ...(given.has(r.id) ? { trackingId: given.get(r.id) } : {}) })) },
      });
    }
    return { marked: marked.map((r) => r.id), skipped, inDelivery };
  });
}
