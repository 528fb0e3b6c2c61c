import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import { enqueue } from "@/db/queries/outbox";
import { attachments, complaintEvents, complaints } from "@/db/schema";
import { ACTIONS_WITH_FILES } from "@/domain/action-fields";
import { collectFieldErrors } from "@/domain/complaint-input";
import type { ComplaintStatus } from "@/domain/complaint-status";
import { canSeeComplaint } from "@/domain/permissions";
import { transition, type Action, type Actor } from "@/domain/workflow";
import type { StoredFile } from "@/server/attachment-images";
import { AppError, notFound, ValidationError } from "@/lib/errors";
import { reference } from "@/server/reference";
import { clockEffects } from "./clocks";
import { applyShareOps } from "./opd-clocks";
import { parseInput, runHandler, type Effect } from "./handlers";
import type { ActingParty } from "./types";
import { writeStaffNotices } from "./staff-notices";

export type { ActingParty } from "./types";

const actionNotAllowed = (action: string, status: string) =>
  new AppError(409, "action_not_allowed", `Action "${action}" is not possible while the complaint is ${status}`);

function actorOf(p: ActingParty): Actor {
  return p.kind === "staff" ? p.role : p.kind;
}

/**
 * Takes one workflow action on a complaint: checks visibility, then validates the input and
 * checks the workflow table, and writes the new state, exactly one event (plus one when it
 * pauses or resumes the SLA clocks) and any outbox rows in one transaction. A complaint the
 * actor may not see is reported as not found.
 */
export async function performAction(
  db: Db,
  req: {
    complaintId?: number;
    trackingCode?: string;
    action: Action;
    party: ActingParty;
    input: unknown;
    now: Date;
    /** Files attached by staff (already checked and prepared), stored with the action's event. */
    files?: { files: StoredFile[]; public: boolean };
  },
): Promise<{ status: ComplaintStatus; eventId: number }> {
  const ref = await reference(db);

  return db.transaction(async (tx) => {
    const where = req.complaintId !== undefined ? eq(complaints.id, req.complaintId) : eq(complaints.trackingCode, req.trackingCode ?? "");
    const [c] = await tx.select().from(complaints).where(where).for("update");
    if (!c) throw notFound();
    if (req.party.kind === "staff" && !canSeeComplaint(req.party, c.opdId)) throw notFound();
    // Validated only after the visibility check: a crafted post about a complaint the caller may
    // not see gets "not found" whatever it contains, never field errors that confirm it exists.
    const parsed = parseInput(req.action, req.input ?? {});
    if (!parsed.success) throw new ValidationError(collectFieldErrors(parsed.error));
    const files = req.files?.files ?? [];
    if (files.length > 0 && (req.party.kind !== "staff" || !ACTIONS_WITH_FILES.includes(req.action))) throw new ValidationError({ attachments: ["filesNotAllowed"] });

    const t = transition({ status: c.status, previousStatus: c.previousStatus, mergedInto: c.primaryId }, req.action, actorOf(req.party));
    if (!t.ok) {
      if (t.reason === "wrong_actor") throw new AppError(403, "forbidden", "You may not take this action");
      throw actionNotAllowed(req.action, c.status);
    }

    const effect: Effect = await runHandler(req.action, { tx, complaint: c, input: parsed.data, party: req.party, now: req.now, ref, to: t.to });
    const toStatus = t.to;
    const leaving = c.status !== toStatus;
    const clocks = clockEffects({ complaint: c, action: req.action, to: toStatus, ref, now: req.now, actor: actorOf(req.party), handlerUpdate: effect.update });
    await applyShareOps(tx, c.id, clocks.share, req.now, ref.calendar);
    await tx
      .update(complaints)
      .set({
        ...effect.update,
        ...clocks.update,
        status: toStatus,
        // Remember where to come back to when pausing; forget it when returning.
        ...(toStatus === "awaiting_reporter" || req.action === "merge" ? { previousStatus: c.status } : {}),
        ...(req.action === "unmerge" || (c.status === "awaiting_reporter" && leaving) ? { previousStatus: null } : {}),
        updatedAt: req.now,
      })
      .where(eq(complaints.id, c.id));

    const [event] = await tx
      .insert(complaintEvents)
      .values({
        complaintId: c.id,
        at: req.now,
        action: req.action,
        actorUserId: req.party.kind === "staff" ? req.party.userId : null,
        actorRole: actorOf(req.party),
        fromStatus: c.status,
        toStatus,
        reason: effect.reason ?? null,
        publicMessage: effect.publicMessage ?? null,
        channel: req.party.kind === "reporter" ? req.party.channel : null,
        data: effect.data ?? null,
      })
      .returning({ id: complaintEvents.id });
    if (files.length > 0) {
      const uploadedBy = req.party.kind === "staff" ? req.party.userId : null;
      await tx.insert(attachments).values(files.map((f) => ({ ...f, complaintId: c.id, source: "staff" as const, eventId: event!.id, uploadedBy, public: req.files!.public, createdAt: req.now })));
    }
    // A pause or resume of the SLA clocks is an event of its own, in the same transaction.
    for (const e of clocks.events) {
      await tx.insert(complaintEvents).values({
        complaintId: c.id,
        at: req.now,
        action: e.action,
        actorUserId: req.party.kind === "staff" ? req.party.userId : null,
        actorRole: actorOf(req.party),
        fromStatus: c.status,
        toStatus,
        data: e.data,
      });
    }

    // A staff member's action is also a staff write: one audit entry, in the same transaction.
    if (req.party.kind === "staff") {
      await writeAudit(tx, {
        actor: { userId: req.party.userId, role: req.party.role, address: req.party.address ?? "unknown" },
        at: req.now,
        action: `complaint.${req.action}`,
        complaintId: c.id,
        target: { kind: "complaint", id: c.trackingCode },
        before: { status: c.status, opdId: c.opdId },
        after: { status: toStatus, opdId: effect.update?.opdId !== undefined ? effect.update.opdId : c.opdId },
        data: { eventId: event!.id, ...(files.length ? { files: files.length } : {}) },
      });
    }

    // Staff told of it (the OPD it reached, the officer assigned, the coordinators…), in this transaction.
    const u = effect.update ?? {};
    const after = { opdId: u.opdId !== undefined ? u.opdId : c.opdId, assignedUserId: u.assignedUserId !== undefined ? u.assignedUserId : c.assignedUserId };
    await writeStaffNotices(tx, { action: req.action, complaint: c, after, party: req.party, ref, now: req.now, eventId: event!.id, reason: effect.reason });

    // Each effect's payload gets the event's id; enqueue checks it against the topic's schema.
    for (const o of effect.outbox ?? []) await enqueue(tx, o.topic, { complaintId: c.id, payload: { ...o.payload, eventId: event!.id }, now: req.now });
    return { status: toStatus, eventId: event!.id };
  });
}
