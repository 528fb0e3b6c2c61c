/** Every status a complaint can be in, as named in the public API. */
export const COMPLAINT_STATUSES = [
  "received",
  "disposed",
  "in_progress",
  "awaiting_reporter",
  "responded",
  "closed",
  "archived",
  "forwarded",
] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

/** Every channel a complaint can arrive on. */
export const CHANNELS = ["web", "sms", "lapor", "walk_in", "phone", "letter", "email", "social", "open311"] as const;
export type Channel = (typeof CHANNELS)[number];

/** Channels on which staff record a complaint on the citizen's behalf. */
export const OFFLINE_CHANNELS = ["walk_in", "phone", "letter", "email", "social"] as const satisfies readonly Channel[];

/** Staff roles; citizens have no account. */
export const ROLES = ["admin", "coordinator", "opd_officer", "opd_head", "auditor"] as const;
export type Role = (typeof ROLES)[number];

/** Statuses in which a complaint still waits for someone to act. */
export const OPEN_STATUSES: readonly ComplaintStatus[] = [
  "received",
  "disposed",
  "in_progress",
  "awaiting_reporter",
  "responded",
];
