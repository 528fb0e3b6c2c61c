import { sql } from "drizzle-orm";
import { bigint, bigserial, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
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
