import type { ComplaintStatus } from "./complaint-status";
import { addWorkingDays, addWorkingTime, workingDays, workingTimeBetween, type WorkingCalendar } from "./working-days";

/** The service-level clocks and their defaults in working days (PRODUCT.md "Service levels"). */
export const DEFAULT_SLA = { verification: 3, firstResponse: 5, resolution: 14, autoClose: 10 } as const;
export type SlaClock = keyof typeof DEFAULT_SLA;
export type SlaPolicy = Record<SlaClock, number>;

/** The policy for a category: its overrides on top of the defaults. */
export function slaPolicy(overrides: Partial<Record<string, number>> | null | undefined): SlaPolicy {
  const policy: SlaPolicy = { ...DEFAULT_SLA };
  for (const clock of Object.keys(DEFAULT_SLA) as SlaClock[]) {
    const v = overrides?.[clock];
    if (typeof v === "number" && Number.isInteger(v) && v > 0) policy[clock] = v;
  }
  return policy;
}

/** The share of a clock's working time after which it is "at risk" (PRODUCT.md: ≥ 80 %). */
const AT_RISK_SHARE = 0.8;

/** A running clock's deadline and the moment it becomes at risk. */
export type ClockWindow = { due: Date; riskAt: Date };

/**
 * The deadline of an `n`-working-day clock started at `start`, and its at-risk moment (80 % of
 * the clock's working time used).
 */
export function clockWindow(start: Date, n: number, calendar: WorkingCalendar): ClockWindow {
  return { due: addWorkingDays(start, n, calendar), riskAt: addWorkingTime(start, workingDays(n) * AT_RISK_SHARE, calendar) };
}

/** A clock's window after a pause of `pausedMs` working time: both moments move forward by it. */
export function shiftWindow(window: ClockWindow, pausedMs: number, calendar: WorkingCalendar): ClockWindow {
  if (pausedMs <= 0) return window;
  return { due: addWorkingTime(window.due, pausedMs, calendar), riskAt: addWorkingTime(window.riskAt, pausedMs, calendar) };
}

/** Where a running clock stands at `now`. */
export function clockState(window: ClockWindow, now: Date): "on_track" | "at_risk" | "breached" {
  if (now > window.due) return "breached";
  return now >= window.riskAt ? "at_risk" : "on_track";
}

/** Event-log actions the clocks write (internal: never on the public timeline). */
export const SLA_EVENT_ACTIONS = ["clock_paused", "clock_resumed", "sla_breached", "deadlines_recomputed"] as const;

/** Whole working days from `start` to `now` ("sudah N hari kerja sejak diterima"). */
export function workingDaysSince(start: Date, now: Date, calendar: WorkingCalendar): number {
  return Math.floor(workingTimeBetween(start, now, calendar) / workingDays(1));
}

/**
 * How one of the citizen's deadlines stands, as the reporter's page marks it: `met` (done by the
 * deadline), `late` (done after it), `missed` (passed, not done, still owed), `paused` (waiting
 * for the reporter: the deadline moves when they answer), `pending` (not yet passed), `void`
 * (the complaint ended without this step, e.g. forwarded or archived), null when it never started.
 * The same outcomes as the SLA statistics (db/queries/sla-facts.ts).
 */
export type DeadlineOutcome = "met" | "late" | "missed" | "paused" | "pending" | "void";

export function deadlineOutcome(due: Date | null, done: Date | null, status: ComplaintStatus, now: Date): DeadlineOutcome | null {
  if (!due) return null;
  if (done) return done <= due ? "met" : "late";
  if (ENDED_STATUSES.includes(status)) return "void";
  if (status === "awaiting_reporter") return "paused";
  return now > due ? "missed" : "pending";
}

const ENDED_STATUSES: readonly ComplaintStatus[] = ["closed", "archived", "forwarded"];
