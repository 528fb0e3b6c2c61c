import type { ComplaintStatus } from "./complaint-status";
import { PAUSED_STATUSES } from "./workflow";

/**
 * Which clock runs when (PRODUCT.md "Service levels"), written once. The workflow's clock
 * effects (server/workflow/clocks.ts) read it through `runningClocks`; the SLA sweep, the
 * calendar recompute, the SLA board and the partial indexes of `complaints` read it through
 * `runningSql`, so a rule changed here changes in every place at once.
 *
 * The citizen's clocks are continuous: first response and resolution start at the first
 * disposition and keep running through a return ("bukan wewenang", back to `received`), a
 * re-disposition or a merge — only a pause (awaiting the reporter) stops them. A clock runs
 * while the complaint is in one of its statuses, its deadline is set (`due`, null until it
 * starts) and, for first response, the OPD has not yet written to the reporter (`stop`).
 */
export const CLOCK_RULES = {
  verification: { statuses: ["received"], start: ["created_at"], due: "verification_due", riskAt: "verification_risk_at", stop: null },
  firstResponse: {
    statuses: ["received", "disposed", "in_progress"],
    start: ["first_disposed_at", "disposed_at", "created_at"],
    due: "first_response_due",
    riskAt: "first_response_risk_at",
    stop: "first_responded_at",
  },
  resolution: {
    statuses: ["received", "disposed", "in_progress"],
    start: ["resolution_started_at", "first_disposed_at", "disposed_at", "created_at"],
    due: "resolution_due",
    riskAt: "resolution_risk_at",
    stop: null,
  },
  autoClose: { statuses: ["responded"], start: ["responded_at", "updated_at"], due: "auto_close_due", riskAt: null, stop: null },
} as const satisfies Record<
  string,
  {
    statuses: readonly ComplaintStatus[];
    /** The clock's start: the first of these columns that is set (later ones only for rows older than the first). */
    start: readonly string[];
    due: string;
    riskAt: string | null;
    stop: string | null;
  }
>;

export type ClockName = keyof typeof CLOCK_RULES;
/** The clocks that can pause (auto-close never runs in a status that pauses). */
export type PausableClock = Exclude<ClockName, "autoClose">;
const PAUSABLE_CLOCKS = ["verification", "firstResponse", "resolution"] as const satisfies readonly PausableClock[];

/**
 * The pausable clocks whose status condition holds in `status` (their deadlines may still be
 * unset: a complaint never disposed has no first-response or resolution deadline yet).
 */
export function runningClocks(status: ComplaintStatus, firstRespondedAt: Date | null): PausableClock[] {
  return PAUSABLE_CLOCKS.filter((k) => (CLOCK_RULES[k].statuses as readonly ComplaintStatus[]).includes(status) && (CLOCK_RULES[k].stop === null || firstRespondedAt === null));
}

const list = (xs: readonly string[]) => xs.map((x) => `'${x}'`).join(", ");

/**
 * The SQL condition under which `clock` runs for the complaint row `alias` ("" for an index
 * predicate): its status condition and stop column — without the deadline, which callers test
 * themselves (a partial index needs none). With `paused`, also while the complaint is paused
 * from one of its statuses (the calendar recompute moves paused deadlines too).
 */
export function runningSql(clock: ClockName, alias = "c", opts: { paused?: boolean } = {}): string {
  const a = alias ? `${alias}.` : "";
  const r = CLOCK_RULES[clock];
  const statuses = r.statuses as readonly ComplaintStatus[];
  const inStatus = statuses.length === 1 ? `${a}status = '${statuses[0]}'` : `${a}status in (${list(statuses)})`;
  const status = opts.paused
    ? `(${inStatus} or (${a}status in (${list(PAUSED_STATUSES)}) and ${a}previous_status in (${list(statuses)})))`
    : inStatus;
  return r.stop ? `${status} and ${a}${r.stop} is null` : status;
}

/** The SQL expression of `clock`'s start on the complaint row `alias` (the key of its `sla_marks`). */
export function startSql(clock: ClockName, alias = "c"): string {
  const cols = CLOCK_RULES[clock].start.map((col) => `${alias}.${col}`);
  return cols.length === 1 ? cols[0]! : `coalesce(${cols.join(", ")})`;
}
