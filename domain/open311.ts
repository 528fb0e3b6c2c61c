import type { ComplaintStatus } from "./complaint-status";

/** GeoReport v2's own two statuses. */
export type Open311Status = "open" | "closed";

/** The extended statuses of mySociety's `servicerequestupdates` extension (what FixMyStreet reads). */
export const OPEN311_EXTENDED_STATUSES = [
  "open",
  "investigating",
  "in_progress",
  "action_scheduled",
  "fixed",
  "not_councils_responsibility",
  "duplicate",
  "no_further_action",
  "internal_referral",
  "closed",
] as const;
export type Open311ExtendedStatus = (typeof OPEN311_EXTENDED_STATUSES)[number];

type Mapping = { status: Open311Status; extended: Open311ExtendedStatus; byAction?: Partial<Record<string, Open311ExtendedStatus>> };

/**
 * Pintu's lifecycle in Open311 terms, as one table: each status gives the GeoReport status and
 * the extended one; `byAction` refines the extended status by the event that led there (a
 * redisposition is an internal referral, an archive by merge a duplicate). Lists, single reads
 * and updates all read it.
 */
export const OPEN311_STATUS_MAP: Record<ComplaintStatus, Mapping> = {
  received: { status: "open", extended: "open", byAction: { return: "internal_referral" } },
  disposed: { status: "open", extended: "investigating", byAction: { redispose: "internal_referral" } },
  in_progress: { status: "open", extended: "in_progress", byAction: { object: "in_progress" } },
  awaiting_reporter: { status: "open", extended: "investigating" },
  // The agency answered; the reporter may still object (FixMyStreet shows it fixed, and a
  // reporter reopening it there arrives as an objection).
  responded: { status: "open", extended: "fixed" },
  closed: { status: "closed", extended: "fixed" },
  archived: { status: "closed", extended: "no_further_action", byAction: { merge: "duplicate" } },
  // Forwarded outside the city (through LAPOR): not the city's responsibility.
  forwarded: { status: "closed", extended: "not_councils_responsibility" },
};

/** The GeoReport status of a complaint in `status`. */
export function open311Status(status: ComplaintStatus): Open311Status {
  return OPEN311_STATUS_MAP[status].status;
}

/** The extended status after an event `action` that left the complaint in `status`. */
export function open311ExtendedStatus(status: ComplaintStatus, action?: string | null): Open311ExtendedStatus {
  const m = OPEN311_STATUS_MAP[status];
  return (action ? m.byAction?.[action] : undefined) ?? m.extended;
}

/** Whether an update's status (any case, e.g. FixMyStreet's `CLOSED`, `FIXED`) says the reporter considers it done. */
export function updateClosesComplaint(status: string | undefined): boolean {
  if (!status) return false;
  const s = status.trim().toLowerCase();
  return s === "closed" || s === "fixed";
}
