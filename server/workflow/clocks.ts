import type { complaints } from "@/db/schema";
import type { OpdShareEnd, OpdShareStart } from "@/db/schema-sla";
import { runningClocks, type PausableClock } from "@/domain/clock-rules";
import type { ComplaintStatus } from "@/domain/complaint-status";
import { clockWindow, shiftWindow, slaPolicy, type ClockWindow } from "@/domain/sla";
import { PAUSED_STATUSES, type Action, type Actor } from "@/domain/workflow";
import { addWorkingDays, workingTimeBetween } from "@/domain/working-days";
import type { Reference } from "@/server/reference";
import type { ComplaintRow } from "./types";

type Update = Partial<typeof complaints.$inferInsert>;
/** An extra event the clocks write beside the action's own event, in the same transaction. */
export type ClockEvent = { action: "clock_paused" | "clock_resumed"; data: Record<string, unknown> };

/**
 * What an action does to the OPD's own clock (`opd_clocks`), applied in this order by
 * ./opd-clocks.ts: the pause that just ended moves the running share's deadlines; the acting
 * OPD's first message marks it; the share ends; a new one starts.
 */
export type ShareOps = {
  resumedMs?: number;
  firstResponse?: boolean;
  end?: OpdShareEnd;
  start?: { opdId: number; startedBy: OpdShareStart; firstResponse: ClockWindow | null; resolution: ClockWindow };
};

const COLUMNS = {
  verification: { due: "verificationDue", riskAt: "verificationRiskAt" },
  firstResponse: { due: "firstResponseDue", riskAt: "firstResponseRiskAt" },
  resolution: { due: "resolutionDue", riskAt: "resolutionRiskAt" },
} as const satisfies Record<PausableClock, { due: keyof ComplaintRow; riskAt: keyof ComplaintRow }>;

/**
 * The actions by which an OPD writes to the reporter (the first of them is its first response).
 * A progress update is one, but changes no status: it neither pauses nor ends any clock.
 */
const OPD_MESSAGES: readonly Action[] = ["request_info", "respond", "progress_update"];

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
/** The clocks actually running: their rule holds and their deadline is set. */
const running = (c: ComplaintRow, status: ComplaintStatus, firstRespondedAt: Date | null) =>
  runningClocks(status, firstRespondedAt).filter((k) => window(c, k) !== null);

/**
 * What an action does to the service-level clocks. The citizen's clocks (on the complaint):
 * paused while the complaint awaits the reporter and, when it stops, every paused deadline moves
 * forward by the working time the pause lasted; verification stops when the complaint leaves
 * it; first response and resolution start at the first disposition and are never restarted by a
 * return, a re-disposition or a merge — only the reporter's objection to an answer opens a new
 * resolution window; the auto-close deadline is set on a response. Each OPD's own clock (`share`)
 * starts at its disposition and ends when it answers, returns or is re-disposed away.
 */
export function clockEffects(args: {
  complaint: ComplaintRow;
  action: Action;
  to: ComplaintStatus;
  ref: Reference;
  now: Date;
  actor: Actor;
  /** What the action's handler changes (the OPD it disposes to). */
  handlerUpdate?: Update;
}): { update: Update; events: ClockEvent[]; share: ShareOps } {
  const { complaint: c, action, to, ref, now } = args;
  const out: Update = {};
  const h = args.handlerUpdate ?? {};
  // The OPD's first message to the reporter stops first response: the citizen's (once) and its share's.
  const opdMessage = OPD_MESSAGES.includes(action) && (args.actor === "opd_officer" || args.actor === "opd_head");
  if (opdMessage && !c.firstRespondedAt) out.firstRespondedAt = now;
  const firstRespondedAt = out.firstRespondedAt ?? c.firstRespondedAt;
  const cal = ref.calendar;
  const policy = slaPolicy(ref.categories.find((k) => k.id === c.categoryId)?.sla);
  const events: ClockEvent[] = [];
  const share: ShareOps = {};
  const startShare = (opdId: number | null | undefined, startedBy: OpdShareStart, withFirstResponse: boolean) => {
    if (opdId == null) return;
    share.start = {
      opdId,
      startedBy,
      firstResponse: withFirstResponse ? clockWindow(now, policy.firstResponse, cal) : null,
      resolution: clockWindow(now, policy.resolution, cal),
    };
  };

  // The status whose clocks are (or were, before the pause) running.
  const activeStatus = isPaused(c.status) ? c.previousStatus : c.status;
  if (isPaused(c.status) && !isPaused(to)) {
    const pausedMs = c.pausedAt ? workingTimeBetween(c.pausedAt, now, cal) : 0;
    const clocks = activeStatus ? running(c, activeStatus, c.firstRespondedAt) : [];
    const due: Record<string, string> = {};
    for (const clock of clocks) {
      const shifted = shiftWindow(window(c, clock)!, pausedMs, cal);
      put(out, clock, shifted);
      due[clock] = shifted.due.toISOString();
    }
    out.pausedAt = null;
    out.pausedMs = c.pausedMs + pausedMs;
    share.resumedMs = pausedMs;
    events.push({ action: "clock_resumed", data: { pausedSince: c.pausedAt?.toISOString() ?? null, pausedMs, clocks, due } });
  } else if (!isPaused(c.status) && isPaused(to)) {
    out.pausedAt = now;
    events.push({ action: "clock_paused", data: { clocks: running(c, c.status, firstRespondedAt) } });
  }
  if (opdMessage) share.firstResponse = true;

  switch (action) {
    case "dispose":
    case "redispose": {
      if (activeStatus === "received") out.verifiedAt = now;
      out.disposedAt = now;
      // The citizen's clocks start once, at the first disposition; later ones keep them.
      if (!c.firstDisposedAt) {
        out.firstDisposedAt = now;
        out.resolutionStartedAt = now;
        put(out, "firstResponse", clockWindow(now, policy.firstResponse, cal));
        put(out, "resolution", clockWindow(now, policy.resolution, cal));
      }
      if (action === "redispose") share.end = "redisposed";
      startShare(h.opdId, action, true);
      break;
    }
    case "forward":
    case "archive":
      if (activeStatus === "received") out.verifiedAt = now;
      break;
    case "merge":
      if (activeStatus === "received") out.verifiedAt = now;
      share.end = "merged";
      break;
    case "return":
      // Back to verification, against its original deadline; the citizen's other clocks run on.
      out.verifiedAt = null;
      out.disposedAt = null;
      share.end = "returned";
      break;
    case "unmerge":
      if (to === "received" || (to === "awaiting_reporter" && c.previousStatus === "received")) out.verifiedAt = null;
      if (to === "disposed" || to === "in_progress") {
        out.disposedAt = now;
        startShare(c.opdId, "unmerge", c.firstRespondedAt === null);
      }
      break;
    case "respond":
      out.autoCloseDue = addWorkingDays(now, policy.autoClose, cal);
      share.end = "responded";
      break;
    case "object":
      out.autoCloseDue = null;
      out.resolutionStartedAt = now;
      put(out, "resolution", clockWindow(now, policy.resolution, cal));
      startShare(c.opdId, "object", false);
      break;
    case "accept_response":
    case "auto_close":
      out.autoCloseDue = null;
      break;
    default:
      break;
  }
  return { update: out, events, share };
}
