import type { Db } from "@/db/client";
import { enqueueMany } from "@/db/queries/outbox";
import { staffNotifications } from "@/db/schema-sla";
import type { Role } from "@/domain/complaint-status";
import type { Action } from "@/domain/workflow";
import { env } from "@/lib/env";
import type { Reference } from "@/server/reference";
import type { ActingParty, ComplaintRow } from "./types";

/**
 * The staff notifications a workflow action causes, derived from the action (one table), and
 * written in the action's own transaction beside its event (the sweep's auto-close too). The SLA
 * sweep writes its marks' own (`sla_at_risk`, `sla_breached`: db/queries/sla-sweep.ts).
 *
 * A notification never carries the reporter's identity nor their words, nor a coordinator's
 * note text (an anonymous reporter's name could be in either): only the code and facts staff
 * wrote for staff (the OPD named, the reason of a return for the coordinators).
 */
type NoticeKind = "disposed" | "assigned" | "reporter_reply" | "objection" | "coordinator_note" | "returned" | "auto_closed";

/**
 * Who hears of it: `opd` — every staff member of the OPD now holding the complaint; `handler` —
 * the officer assigned to it, else its OPD, else (no OPD) the coordinators; `assignee` — the
 * officer just assigned; `coordinators` — every coordinator.
 */
type Audience = "opd" | "handler" | "assignee" | "coordinators";

type Rule = { kind: NoticeKind; to: Audience; by?: readonly Role[] };

/** Which action tells whom what. Actions not listed notify no staff. */
const STAFF_NOTICES: Partial<Record<Action, Rule>> = {
  dispose: { kind: "disposed", to: "opd" },
  redispose: { kind: "disposed", to: "opd" },
  assign: { kind: "assigned", to: "assignee" },
  reporter_reply: { kind: "reporter_reply", to: "handler" },
  object: { kind: "objection", to: "handler" },
  note: { kind: "coordinator_note", to: "opd", by: ["coordinator"] },
  return: { kind: "returned", to: "coordinators" },
  // The SLA sweep closes through the executor (server/sla-sweep.ts): the OPD that answered hears of it.
  auto_close: { kind: "auto_closed", to: "opd" },
};

type Address = { userId: number | null; role: Role | null; opdId: number | null };

/** The addresses of `rule` for the complaint as it is after the action (`after`). */
function addresses(rule: Rule, after: { opdId: number | null; assignedUserId: number | null }, party: ActingParty): Address[] {
  const coordinators: Address = { userId: null, role: "coordinator", opdId: null };
  const opd = (id: number): Address => ({ userId: null, role: null, opdId: id });
  const me = party.kind === "staff" ? party.userId : null;
  switch (rule.to) {
    case "opd":
      return after.opdId === null ? [] : [opd(after.opdId)];
    case "assignee":
      return after.assignedUserId === null || after.assignedUserId === me ? [] : [{ userId: after.assignedUserId, role: null, opdId: after.opdId }];
    case "handler":
      if (after.assignedUserId !== null) return [{ userId: after.assignedUserId, role: null, opdId: after.opdId }];
      return after.opdId === null ? [coordinators] : [opd(after.opdId)];
    case "coordinators":
      return [coordinators];
  }
}

/**
 * Writes the notifications of `action` on complaint `c` (after its update, in its transaction),
 * and — when e-mail is configured — one `notify.staff` outbox row each, which the worker fans
 * out to the recipients who want instant e-mail (jobs/notify-staff.ts).
 */
export async function writeStaffNotices(
  tx: Db,
  args: { action: Action; complaint: ComplaintRow; after: { opdId: number | null; assignedUserId: number | null }; party: ActingParty; ref: Reference; now: Date; eventId: number; reason?: string | null },
): Promise<number> {
  const rule = STAFF_NOTICES[args.action];
  if (!rule) return 0;
  if (rule.by && !(args.party.kind === "staff" && rule.by.includes(args.party.role))) return 0;
  const to = addresses(rule, args.after, args.party);
  if (to.length === 0) return 0;
  const opdName = args.ref.opds.find((o) => o.id === args.after.opdId)?.name ?? null;
  const data: Record<string, unknown> = { code: args.complaint.trackingCode, eventId: args.eventId, ...(opdName ? { opd: opdName } : {}) };
  if (rule.kind === "returned") {
    data.fromOpd = args.ref.opds.find((o) => o.id === args.complaint.opdId)?.name ?? null;
    data.reason = args.reason ?? null;
  }
  const rows = await tx
    .insert(staffNotifications)
    .values(to.map((a) => ({ ...a, createdAt: args.now, kind: rule.kind, complaintId: args.complaint.id, data })))
    .returning({ id: staffNotifications.id });
  if (env().SMTP_URL) {
    const actorUserId = args.party.kind === "staff" ? args.party.userId : null;
    await enqueueMany(tx, rows.map((r) => ({ topic: "notify.staff", complaintId: args.complaint.id, payload: { notificationId: r.id, actorUserId } })), args.now);
  }
  return rows.length;
}
