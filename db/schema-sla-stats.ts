import { sql } from "drizzle-orm";
import { bigint, date, index, integer, pgTable, smallint, timestamp } from "drizzle-orm/pg-core";
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
