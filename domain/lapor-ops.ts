import type { ComplaintStatus } from "./complaint-status";

/**
 * The start of the last error of a LAPOR delivery the worker holds: it cannot read whether an
 * earlier attempt already reached LAPOR, so it sends nothing and looks again later.
 */
export const HELD_PREFIX = "held: ";

/** LAPOR's complaint status codes (CONTRACTS.md "LAPOR! v3"). */
export const LAPOR_STATUS_CODES = [0, 1, 2, 3, 4, 5, 6] as const;

/**
 * The LAPOR status codes that agree with a Pintu status. Pintu is finer-grained in some places
 * (awaiting the reporter is still "ditindaklanjuti" in LAPOR) and LAPOR in others (it verifies
 * before disposing), so each Pintu status accepts a small set rather than one code.
 */
export const LAPOR_CODES_FOR: Record<ComplaintStatus, readonly number[]> = {
  received: [0, 1],
  disposed: [2],
  in_progress: [2, 3],
  awaiting_reporter: [3],
  responded: [3, 4],
  closed: [4],
  archived: [5],
  forwarded: [6],
};

/** True when LAPOR's status code says the same as Pintu's status. */
export function statusesAgree(pintu: ComplaintStatus, laporCode: number): boolean {
  return LAPOR_CODES_FOR[pintu].includes(laporCode);
}

/**
 * A LAPOR tracking id a coordinator typed after entering a complaint by hand: trimmed; letters,
 * digits and `.`, `_`, `/`, `-` inside, at most 60 characters. Returns the id or an error key.
 */
export function checkLaporTrackingId(raw: string): { ok: true; value: string } | { ok: false; error: "trackingIdFormat" } {
  const value = raw.trim();
  if (value.length > 60 || !/^[A-Za-z0-9](?:[A-Za-z0-9._/-]*[A-Za-z0-9])?$/.test(value)) return { ok: false, error: "trackingIdFormat" };
  return { ok: true, value };
}

export type HealthInput = {
  /** LAPOR_BASE_URL is set. */
  configured: boolean;
  /** The worker's halt of the `lapor` channel (e.g. after a 401), if any. */
  halt: { reason: string } | null;
  dead: number;
  /** Deliveries held because LAPOR's state could not be read (absent: none). */
  held?: number;
  /** Age of the oldest item that is due and still waiting, in milliseconds. */
  oldestDueAgeMs: number | null;
  lastPollOkAt: Date | null;
  lastPollErrorAt: Date | null;
  pollEveryMs: number;
  now: Date;
};

export type HealthReason = "halted" | "dead_letters" | "held" | "backlog_old" | "poll_failing" | "poll_stale";

/**
 * The integration's health for the integration page: disabled without configuration, halted
 * when the worker stopped the channel, degraded with every reason found, else ok.
 */
export function integrationHealth(h: HealthInput): { state: "ok" | "degraded" | "disabled" | "halted"; reasons: HealthReason[] } {
  const reasons: HealthReason[] = [];
  if (h.halt) reasons.push("halted");
  if (h.dead > 0) reasons.push("dead_letters");
  if ((h.held ?? 0) > 0) reasons.push("held");
  // A few poll intervals of slack: one slow poll is not an outage.
  const slack = Math.max(10 * 60_000, 5 * h.pollEveryMs);
  if (h.oldestDueAgeMs !== null && h.oldestDueAgeMs > slack) reasons.push("backlog_old");
  if (h.lastPollErrorAt && (!h.lastPollOkAt || h.lastPollErrorAt > h.lastPollOkAt)) reasons.push("poll_failing");
  else if (h.configured && h.lastPollOkAt && h.now.getTime() - h.lastPollOkAt.getTime() > slack) reasons.push("poll_stale");
  if (!h.configured) return { state: "disabled", reasons };
  if (h.halt) return { state: "halted", reasons };
  return { state: reasons.length ? "degraded" : "ok", reasons };
}

/** A mapping kind and the LAPOR id given for it, checked before anything is written. */
export const MAPPING_KINDS = ["category", "area", "opd", "institution"] as const;
export type MappingKind = (typeof MAPPING_KINDS)[number];

/** Cleans a LAPOR id typed by an administrator: digits, letters, `-` and `_`, at most 40 characters. */
export function parseLaporId(value: string): { ok: true; value: string } | { ok: false; error: "required" | "laporIdFormat" } {
  const v = value.trim();
  if (!v) return { ok: false, error: "required" };
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(v)) return { ok: false, error: "laporIdFormat" };
  return { ok: true, value: v };
}
