import { sql } from "drizzle-orm";
import { bigint, bigserial, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { complaints, opds, role, users } from "./schema";

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** The clocks of PRODUCT.md "Service levels", as stored in `sla_marks.clock`. */
export const SLA_CLOCK_NAMES = ["verification", "first_response", "resolution", "auto_close"] as const;
export type SlaClockName = (typeof SLA_CLOCK_NAMES)[number];
/** What the sweep did to a clock: warned at 80 %, recorded a breach, closed after silence. */
export const SLA_MARK_KINDS = ["at_risk", "breached", "closed"] as const;
export type SlaMarkKind = (typeof SLA_MARK_KINDS)[number];

/**
 * One row per thing the SLA sweep did to one clock of one complaint. The primary key — clock
 * instance (`clock_start`: receipt, disposition, objection or response) plus kind — is what makes
 * each reminder, breach and auto-close happen exactly once however often, and on however many
 * workers, the sweep runs: the sweep inserts the mark first (ON CONFLICT DO NOTHING) and writes
 * events and notifications only for marks it inserted. `at` of a `breached` mark is when the
 * breach was recorded (the boards may use it; the lateness itself is `stop - due`).
 */
export const slaMarks = pgTable(
  "sla_marks",
  {
    complaintId: bigint("complaint_id", { mode: "number" }).notNull().references(() => complaints.id),
    clock: text("clock", { enum: SLA_CLOCK_NAMES }).notNull(),
    kind: text("kind", { enum: SLA_MARK_KINDS }).notNull(),
    clockStart: tstz("clock_start").notNull(),
    due: tstz("due").notNull(),
    at: tstz("at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.complaintId, t.clock, t.kind, t.clockStart] }), index("sla_marks_kind_at_idx").on(t.kind, t.at)],
);

/**
 * In-app notifications for staff. Addressed to one user, or to a role and/or an OPD (e.g. all
 * staff of an OPD: `opd_id` only; the OPD's head: `role = 'opd_head'` + `opd_id`; every
 * coordinator: `role = 'coordinator'`). Who may read what is decided by
 * db/queries/notifications.ts (an OPD's notifications only ever reach that OPD's staff).
 */
export const staffNotifications = pgTable(
  "staff_notifications",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    createdAt: tstz("created_at").notNull().defaultNow(),
    userId: integer("user_id").references(() => users.id),
    role: role("role"),
    opdId: integer("opd_id").references(() => opds.id),
    /** e.g. sla_at_risk, sla_breached, auto_closed; the text comes from the message catalogue. */
    kind: text("kind").notNull(),
    complaintId: bigint("complaint_id", { mode: "number" }).references(() => complaints.id),
    /** Facts for the message, e.g. {clock, due}; never the reporter's identity. */
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    check("staff_notifications_addressed", sql`${t.userId} is not null or ${t.role} is not null or ${t.opdId} is not null`),
    index("staff_notifications_opd_idx").on(t.opdId, t.createdAt),
    index("staff_notifications_role_idx").on(t.role, t.createdAt),
    index("staff_notifications_user_idx").on(t.userId, t.createdAt),
  ],
);

/** Who has read which notification (a notification to a role or OPD is read per person). */
export const notificationReads = pgTable(
  "notification_reads",
  {
    notificationId: bigint("notification_id", { mode: "number" }).notNull().references(() => staffNotifications.id),
    userId: integer("user_id").notNull().references(() => users.id),
    readAt: tstz("read_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.notificationId, t.userId] })],
);

/** How an OPD's share of a complaint ended (`opd_clocks.end_reason`). */
export const OPD_SHARE_ENDS = ["responded", "returned", "redisposed", "merged"] as const;
export type OpdShareEnd = (typeof OPD_SHARE_ENDS)[number];
/** What started an OPD's share: a disposition, a re-disposition, the reporter's objection, an unmerge. */
export const OPD_SHARE_STARTS = ["dispose", "redispose", "object", "unmerge"] as const;
export type OpdShareStart = (typeof OPD_SHARE_STARTS)[number];

/**
 * One row per OPD's share of a complaint: its own clock, for OPD accountability (PRODUCT.md
 * "Service levels"). Each disposition (or re-disposition, objection, unmerge back to an OPD)
 * starts one with the category's first-response and resolution durations; it ends when that
 * OPD answers, returns the complaint or is re-disposed away (or the complaint is merged). A
 * pause moves its deadlines like the citizen's; the citizen's deadline (on `complaints`) never
 * moves with a share. `held_ms`: working time the OPD held it, pauses left out — what a bounce
 * cost the citizen. Written by server/workflow/opd-clocks.ts and the calendar recompute.
 */
export const opdClocks = pgTable(
  "opd_clocks",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    complaintId: bigint("complaint_id", { mode: "number" }).notNull().references(() => complaints.id),
    opdId: integer("opd_id").notNull().references(() => opds.id),
    startedAt: tstz("started_at").notNull(),
    startedBy: text("started_by", { enum: OPD_SHARE_STARTS }).notNull(),
    /** Null when the OPD had already written to the reporter (a share started by an objection). */
    firstResponseDue: tstz("first_response_due"),
    firstResponseRiskAt: tstz("first_response_risk_at"),
    resolutionDue: tstz("resolution_due").notNull(),
    resolutionRiskAt: tstz("resolution_risk_at").notNull(),
    /** This OPD's first message to the reporter during the share. */
    firstRespondedAt: tstz("first_responded_at"),
    /** Working time (ms) of the pauses during the share; its deadlines already moved by it. */
    pausedMs: bigint("paused_ms", { mode: "number" }).notNull().default(0),
    endedAt: tstz("ended_at"),
    endReason: text("end_reason", { enum: OPD_SHARE_ENDS }),
    heldMs: bigint("held_ms", { mode: "number" }),
  },
  (t) => [
    // At most one running share per complaint; migration 0029 remakes it covering (INCLUDE the
    // columns of the board's running states), which drizzle cannot declare.
    uniqueIndex("opd_clocks_open_idx").on(t.complaintId).where(sql`ended_at is null`),
    index("opd_clocks_complaint_idx").on(t.complaintId, t.startedAt),
    // The period's shares per OPD (the SLA board) read opd_clocks_started_cover_idx: (started_at,
    // opd_id) INCLUDE every column the share figures read, so the board never visits the table;
    // made in migration 0029 (drizzle cannot declare INCLUDE).
    check("opd_clocks_ended", sql`(ended_at is null) = (end_reason is null) and (ended_at is null) = (held_ms is null)`),
  ],
);
