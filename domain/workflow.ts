import type { ComplaintStatus, Role } from "./complaint-status";

/** Who can act on a complaint: a staff role, the reporter (with the access key) or the system. */
export type Actor = Role | "reporter" | "system";

/** Every action of the lifecycle (PRODUCT.md "Lifecycle"), including ones that keep the status. */
export const ACTIONS = [
  "dispose",
  "redispose",
  "archive",
  "forward",
  "merge",
  "unmerge",
  "correct",
  "contact_reporter",
  "accept",
  "assign",
  "note",
  "return",
  "request_info",
  "reporter_reply",
  "resume",
  "respond",
  "progress_update",
  "accept_response",
  "object",
  "auto_close",
  "rate",
] as const;
export type Action = (typeof ACTIONS)[number];

/** `"previous"`: back to the status the complaint had before it was paused or merged. */
type Target = ComplaintStatus | "same" | "previous";

export type Rule = { action: Action; to: Target; by: readonly Actor[] };

const OPD: readonly Actor[] = ["opd_officer", "opd_head"];
const COORD: readonly Actor[] = ["coordinator"];
const STAFF_ASK: readonly Actor[] = ["coordinator", "opd_officer", "opd_head"];

const mergeRule: Rule = { action: "merge", to: "archived", by: COORD };
const noteRule: Rule = { action: "note", to: "same", by: STAFF_ASK };
const contactRule: Rule = { action: "contact_reporter", to: "same", by: COORD };
/** What every open complaint allows besides its own transitions. */
const OPEN_EXTRAS: readonly Rule[] = [mergeRule, noteRule, contactRule];

/**
 * The lifecycle as one table: for each status, the actions allowed, the status they lead to
 * and who may take them. The UI asks it which buttons to show; the server enforces it.
 */
export const WORKFLOW: Record<ComplaintStatus, readonly Rule[]> = {
  received: [
    { action: "dispose", to: "disposed", by: COORD },
    { action: "archive", to: "archived", by: COORD },
    { action: "forward", to: "forwarded", by: COORD },
    { action: "correct", to: "same", by: COORD },
    { action: "request_info", to: "awaiting_reporter", by: COORD },
    ...OPEN_EXTRAS,
  ],
  disposed: [
    { action: "accept", to: "in_progress", by: OPD },
    { action: "redispose", to: "disposed", by: COORD },
    { action: "return", to: "received", by: OPD },
    { action: "request_info", to: "awaiting_reporter", by: STAFF_ASK },
    { action: "assign", to: "same", by: ["opd_head"] },
    { action: "correct", to: "same", by: COORD },
    ...OPEN_EXTRAS,
  ],
  in_progress: [
    { action: "respond", to: "responded", by: OPD },
    // An interim report to the reporter: the status and the clocks run on (not a pause).
    { action: "progress_update", to: "same", by: OPD },
    { action: "redispose", to: "disposed", by: COORD },
    { action: "return", to: "received", by: OPD },
    { action: "request_info", to: "awaiting_reporter", by: STAFF_ASK },
    { action: "assign", to: "same", by: ["opd_head"] },
    { action: "correct", to: "same", by: COORD },
    ...OPEN_EXTRAS,
  ],
  awaiting_reporter: [
    { action: "reporter_reply", to: "previous", by: ["reporter"] },
    { action: "resume", to: "previous", by: STAFF_ASK },
    ...OPEN_EXTRAS,
  ],
  responded: [
    { action: "accept_response", to: "closed", by: ["reporter"] },
    { action: "auto_close", to: "closed", by: ["system"] },
    { action: "object", to: "in_progress", by: ["reporter"] },
    ...OPEN_EXTRAS,
  ],
  closed: [{ action: "rate", to: "same", by: ["reporter"] }],
  archived: [{ action: "unmerge", to: "previous", by: COORD }],
  forwarded: [noteRule],
};

export type WorkflowState = { status: ComplaintStatus; previousStatus: ComplaintStatus | null; mergedInto: number | null };

export type TransitionResult =
  | { ok: true; from: ComplaintStatus; to: ComplaintStatus; changesStatus: boolean }
  | { ok: false; reason: "not_allowed" | "wrong_actor" | "no_previous" };

/** The actions `actor` may take on a complaint in `state`, in table order. */
export function allowedActions(state: WorkflowState, actor: Actor): Action[] {
  return WORKFLOW[state.status]
    .filter((r) => r.by.includes(actor) && applies(r, state))
    .map((r) => r.action);
}

/** Decides the next status for `action` by `actor`, or why it is refused. */
export function transition(state: WorkflowState, action: Action, actor: Actor): TransitionResult {
  const rule = WORKFLOW[state.status].find((r) => r.action === action && applies(r, state));
  if (!rule) return { ok: false, reason: "not_allowed" };
  if (!rule.by.includes(actor)) return { ok: false, reason: "wrong_actor" };
  let to: ComplaintStatus;
  if (rule.to === "same") to = state.status;
  else if (rule.to === "previous") {
    if (!state.previousStatus) return { ok: false, reason: "no_previous" };
    to = state.previousStatus;
  } else to = rule.to;
  return { ok: true, from: state.status, to, changesStatus: to !== state.status || action === "redispose" };
}

/** Unmerge applies only to a complaint archived by a merge; plain archiving is final. */
function applies(rule: Rule, state: WorkflowState): boolean {
  if (rule.action === "unmerge") return state.mergedInto !== null;
  return true;
}

/** Statuses in which the SLA clocks stop (PRODUCT.md: clocks pause while awaiting the reporter). */
export const PAUSED_STATUSES: readonly ComplaintStatus[] = ["awaiting_reporter"];
