import { sql } from "drizzle-orm";
import { bigint, date, doublePrecision, index, integer, pgTable, smallint, timestamp } from "drizzle-orm/pg-core";
import { channel, complaints, complaintStatus } from "./schema";

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * One narrow row per complaint with what the SLA board and the public statistics count, kept
 * by the periodic job `sla.facts` (jobs/sla-stats.ts) from `complaints` and `complaint_events`.
 * Never written by requests; the board reads it instead of the wide complaints table.
 *
 * Clock outcomes (`*_outcome`), as of `refreshed_at`: null = the clock does not apply (no
 * deadline, or the complaint ended before it ran), 0 = running and not yet due, 1 = met,
 * 2 = met late, 3 = not met and past due.
 */
export const slaFacts = pgTable(
  "sla_facts",
  {
    complaintId: bigint("complaint_id", { mode: "number" })
      .primaryKey()
      .references(() => complaints.id),
    createdAt: tstz("created_at").notNull(),
    /** First day of the month of `created_at` in Asia/Jakarta. */
    month: date("month", { mode: "string" }).notNull(),
    status: complaintStatus("status").notNull(),
    opdId: integer("opd_id"),
    categoryId: integer("category_id"),
    kecamatanId: integer("kecamatan_id"),
    channel: channel("channel").notNull(),
    bounceCount: smallint("bounce_count").notNull(),
    rating: smallint("rating"),
    /** The first disposition, archive, forward or merge: the end of the verification clock. */
    verifiedAt: tstz("verified_at"),
    firstRespondedAt: tstz("first_responded_at"),
    respondedAt: tstz("responded_at"),
    verificationOutcome: smallint("verification_outcome"),
    firstResponseOutcome: smallint("first_response_outcome"),
    resolutionOutcome: smallint("resolution_outcome"),
    /** When a running clock falls due: the row must be re-evaluated then. */
    recheckAt: tstz("recheck_at"),
    refreshedAt: tstz("refreshed_at").notNull(),
  },
  // Also sla_facts_created_cover_idx (created_at) INCLUDE (every column the figures read), in
  // migration 0005: period queries become index-only scans in time order.
  (t) => [
    index("sla_facts_opd_created_idx").on(t.opdId, t.createdAt),
    index("sla_facts_recheck_idx").on(t.recheckAt).where(sql`${t.recheckAt} is not null`),
  ],
);

/**
 * Daily summary of `sla_facts` that the SLA board reads instead of a million facts: per local
 * day of receipt (Asia/Jakarta) and OPD, and per day, OPD and one more dimension. `dims` says
 * which: 0 = OPD only, 1 = + category, 2 = + kecamatan, 3 = + channel (the other dimension
 * columns are null then; in the named one null means "none"). A day's rows are rebuilt as a
 * whole, in the same transaction as the facts of that day change (db/queries/sla-facts.ts).
 * The `*_secs` arrays hold the durations (seconds from receipt) of the complaints that reached
 * each clock's end, so medians stay exact over any set of days.
 */
export const slaDaily = pgTable(
  "sla_daily",
  {
    day: date("day", { mode: "string" }).notNull(),
    dims: smallint("dims").notNull(),
    opdId: integer("opd_id"),
    categoryId: integer("category_id"),
    kecamatanId: integer("kecamatan_id"),
    channel: channel("channel"),
    complaints: integer("complaints").notNull(),
    vMet: integer("v_met").notNull(),
    vCounted: integer("v_counted").notNull(),
    fMet: integer("f_met").notNull(),
    fCounted: integer("f_counted").notNull(),
    rMet: integer("r_met").notNull(),
    rCounted: integer("r_counted").notNull(),
    bounces: integer("bounces").notNull(),
    ratingSum: integer("rating_sum").notNull(),
    ratings: integer("ratings").notNull(),
    vSecs: doublePrecision("v_secs").array().notNull(),
    fSecs: doublePrecision("f_secs").array().notNull(),
    rSecs: doublePrecision("r_secs").array().notNull(),
  },
  (t) => [index("sla_daily_dims_day_idx").on(t.dims, t.day)],
);
