import { jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * Periodic jobs (LAPOR polling, the deadline sweep…): one row per job. A worker runs a job only
 * after taking its lease (`locked_until` in the past → set it ahead, in one UPDATE), so several
 * worker processes never run the same job at once; a killed worker's lease simply expires.
 */
export const jobLeases = pgTable("job_leases", {
  name: text("name").primaryKey(),
  lockedUntil: tstz("locked_until").notNull().defaultNow(),
  lockedBy: text("locked_by"),
  lastStartedAt: tstz("last_started_at"),
  lastOkAt: tstz("last_ok_at"),
  lastError: text("last_error"),
  lastErrorAt: tstz("last_error_at"),
  /** Job-owned state, e.g. LAPOR's polling watermark. */
  state: jsonb("state").$type<Record<string, unknown>>().notNull().default({}),
});

/**
 * Delivery channels the worker has halted (e.g. LAPOR answered 401: the token expired). While a
 * channel is halted its outbox items wait; the worker probes it again every `retry_at` and
 * clears the row once a delivery succeeds. Shown on the integration page and in /api/health.
 */
export const channelHalts = pgTable("channel_halts", {
  channel: text("channel").primaryKey(),
  reason: text("reason").notNull(),
  haltedAt: tstz("halted_at").notNull().defaultNow(),
  retryAt: tstz("retry_at").notNull(),
});
