import type { ComplaintStatus } from "./complaint-status";
import { PAUSED_STATUSES } from "./workflow";
import { workingDays, workingTimeBetween, type WorkingCalendar } from "./working-days";

/** Statuses in which the deadline a staff list shows is running (verification, then resolution). */
export const LIST_CLOCK_STATUSES: readonly ComplaintStatus[] = ["received", "disposed", "in_progress"];

/**
 * Where a listed complaint's deadline stands: the citizen's resolution deadline once disposed,
 * the verification deadline before that (PRODUCT.md "Service levels"). Whole working days on the
 * region's calendar (a weekend or holiday between now and the deadline does not count); 0 means
 * less than one working day.
 */
export type ListClock =
  | { state: "none" }
  | { state: "paused" }
  | { state: "on_track" | "at_risk"; daysLeft: number }
  | { state: "breached"; daysLate: number };

export function listClock(row: { status: ComplaintStatus; deadline: Date | null; riskAt: Date | null }, now: Date, calendar: WorkingCalendar): ListClock {
  if (PAUSED_STATUSES.includes(row.status)) return { state: "paused" };
  if (!row.deadline || !LIST_CLOCK_STATUSES.includes(row.status)) return { state: "none" };
  const day = workingDays(1);
  if (now > row.deadline) return { state: "breached", daysLate: Math.floor(workingTimeBetween(row.deadline, now, calendar) / day) };
  const daysLeft = Math.floor(workingTimeBetween(now, row.deadline, calendar) / day);
  return { state: row.riskAt && now >= row.riskAt ? "at_risk" : "on_track", daysLeft };
}
