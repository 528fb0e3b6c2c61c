import { bigint, bigserial, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { complaints, users } from "./schema";

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * Pintu's codes ↔ LAPOR's ids, editable by an administrator. `kind` is what is mapped:
 * a category (local code = category code), an area (kelurahan id), an OPD (OPD code) or an
 * external institution (its code).
 */
export const laporMappings = pgTable(
  "lapor_mappings",
  {
    kind: text("kind", { enum: ["category", "area", "opd", "institution"] }).notNull(),
    localCode: text("local_code").notNull(),
    laporId: text("lapor_id").notNull(),
    updatedAt: tstz("updated_at").notNull().defaultNow(),
    updatedBy: integer("updated_by").references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.kind, t.localCode] }), uniqueIndex("lapor_mappings_lapor_uq").on(t.kind, t.laporId)],
);

/**
 * LAPOR payloads the adapter could not read (e.g. a new API version): kept raw, never lost,
 * shown on the integration page until a person resolves them.
 */
export const laporQuarantine = pgTable(
  "lapor_quarantine",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** Which call produced it, e.g. `GET /complaints/disposed`. */
    source: text("source").notNull(),
    adapterVersion: text("adapter_version").notNull(),
    reason: text("reason").notNull(),
    raw: text("raw").notNull(),
    /** Identifies the payload so a re-poll of the same item does not quarantine it twice. */
    fingerprint: text("fingerprint").notNull().unique(),
    receivedAt: tstz("received_at").notNull().defaultNow(),
    resolvedAt: tstz("resolved_at"),
    resolvedBy: integer("resolved_by").references(() => users.id),
  },
  (t) => [index("lapor_quarantine_open_idx").on(t.resolvedAt, t.receivedAt)],
);

/** LAPOR follow-ups already applied to a complaint's timeline (inbound replies and ratings). */
export const laporFollowups = pgTable("lapor_followups", {
  laporFollowupId: text("lapor_followup_id").primaryKey(),
  complaintId: bigint("complaint_id", { mode: "number" })
    .notNull()
    .references(() => complaints.id),
  seenAt: tstz("seen_at").notNull().defaultNow(),
});
