import type { complaints } from "@/db/schema";
import type { ComplaintStatus } from "@/domain/complaint-status";
import { clockWindow, shiftWindow, slaPolicy, type ClockWindow } from "@/domain/sla";
import { PAUSED_STATUSES, type Action } from "@/domain/workflow";
import { addWorkingDays, workingTimeBetween } from "@/domain/working-days";
import type { Reference } from "../reference";
import type { ComplaintRow } from "./perform";

type Update = Partial<typeof complaints.$inferInsert>;
/** The clocks that can pause (auto-close never runs in a status that pauses). */
export type PausableClock = "verification" | "firstResponse" | "resolution";
/** An extra event the clocks write beside the action's own event, in the same transaction. */
export type ClockEvent = { action: "clock_paused" | "clock_resumed"; data: Record<string, unknown> };

const COLUMNS = {
  verification: { due: "verificationDue", riskAt: "verificationRiskAt" },
  firstResponse: { due: "firstResponseDue", riskAt: "firstResponseRiskAt" },
  resolution: { due: "resolutionDue", riskAt: "resolutionRiskAt" },
} as const satisfies Record<PausableClock, { due: keyof ComplaintRow; riskAt: keyof ComplaintRow }>;

/** Which clocks run while a complaint is in `status` (PRODUCT.md "Service levels"). */
export function runningClocks(status: ComplaintStatus, firstRespondedAt: Date | null): PausableClock[] {
  if (status === "received") return ["verification"];
  if (status === "disposed" || status === "in_progress") return firstRespondedAt ? ["resolution"] : ["firstResponse", "resolution"];
  return [];
}

const isPaused = (s: ComplaintStatus) => PAUSED_STATUSES.includes(s);
const window = (c: ComplaintRow, clock: PausableClock): ClockWindow | null => {
  const due = c[COLUMNS[clock].due];
  const riskAt = c[COLUMNS[clock].riskAt];
  return due && riskAt ? { due, riskAt } : null;
};
const put = (out: Update, clock: PausableClock, w: ClockWindow | null) => {
  out[COLUMNS[clock].due] = w?.due ?? null;
  out[COLUMNS[clock].riskAt] = w?.riskAt ?? null;
};

/**
 * What an action does to the service-level clocks: pauses them when the complaint starts
 * awaiting the reporter and, when it stops, moves every paused deadline forward by the working
 * time the pause lasted; stops verification when the complaint leaves it; starts the OPD clocks
 * at (re-)disposition and a new resolution clock on an objection; sets the auto-close deadline
 * on a response. Verification is never restarted: a return or re-disposition keeps its deadline.
 */
export function clockEffects(args: {
  complaint: ComplaintRow;
  action: Action;
  to: ComplaintStatus;
  ref: Reference;
  now: Date;
  /** What the action's handler changes (e.g. an OPD's request to the reporter is its first response). */
  handlerUpdate?: Update;
}): { update: Update; events: ClockEvent[] } {
  const { complaint: c, action, to, ref, now } = args;
  const firstRespondedAt = args.handlerUpdate?.firstRespondedAt !== undefined ? args.handlerUpdate.firstRespondedAt : c.firstRespondedAt;
  const cal = ref.calendar;
  const policy = slaPolicy(ref.categories.find((k) => k.id === c.categoryId)?.sla);
  const out: Update = {};
  const events: ClockEvent[] = [];

  // The status whose clocks are (or were, before the pause) running.
  const activeStatus = isPaused(c.status) ? c.previousStatus : c.status;
  if (isPaused(c.status) && !isPaused(to)) {
    const pausedMs = c.pausedAt ? workingTimeBetween(c.pausedAt, now, cal) : 0;
    const clocks = activeStatus ? runningClocks(activeStatus, c.firstRespondedAt) : [];
    const due: Record<string, string> = {};
    for (const clock of clocks) {
      const w = window(c, clock);
      if (!w) continue;
      const shifted = shiftWindow(w, pausedMs, cal);
      put(out, clock, shifted);
      due[clock] = shifted.due.toISOString();
    }
    out.pausedAt = null;
    out.pausedMs = c.pausedMs + pausedMs;
    events.push({ action: "clock_resumed", data: { pausedSince: c.pausedAt?.toISOString() ?? null, pausedMs, clocks, due } });
  } else if (!isPaused(c.status) && isPaused(to)) {
    out.pausedAt = now;
    events.push({ action: "clock_paused", data: { clocks: runningClocks(c.status, firstRespondedAt) } });
  }

  switch (action) {
    case "dispose":
    case "redispose": {
      if (activeStatus === "received") out.verifiedAt = now;
      // A new OPD's clocks: its first message to the reporter is what stops first response.
      out.disposedAt = now;
      out.resolutionStartedAt = now;
      out.firstRespondedAt = null;
      put(out, "firstResponse", clockWindow(now, policy.firstResponse, cal));
      put(out, "resolution", clockWindow(now, policy.resolution, cal));
      break;
    }
    case "forward":
    case "archive":
    case "merge":
      if (activeStatus === "received") out.verifiedAt = now;
      break;
    case "return":
      // Back to verification, against its original deadline: the citizen's wait is what counts.
      out.verifiedAt = null;
      out.disposedAt = null;
      out.resolutionStartedAt = null;
      put(out, "firstResponse", null);
      put(out, "resolution", null);
      break;
    case "unmerge":
      if (to === "received" || (to === "awaiting_reporter" && c.previousStatus === "received")) out.verifiedAt = null;
      break;
    case "respond":
      out.autoCloseDue = addWorkingDays(now, policy.autoClose, cal);
      break;
    case "object":
      out.autoCloseDue = null;
      out.resolutionStartedAt = now;
      put(out, "resolution", clockWindow(now, policy.resolution, cal));
      break;
    case "accept_response":
    case "auto_close":
      out.autoCloseDue = null;
      break;
    default:
      break;
  }
  return { update: out, events };
}
