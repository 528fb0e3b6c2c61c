import { bigint, bigserial, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { complaints } from "./schema";

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * Further private links of a complaint's reporter, besides the one issued at intake
 * (`complaints.access_key_hash`): a link sent to the reporter's phone or e-mail, or one issued
 * after they proved they hold the contact they gave. Only SHA-256 hashes; every one stays valid.
 */
export const reporterKeys = pgTable(
  "reporter_keys",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    complaintId: bigint("complaint_id", { mode: "number" })
      .notNull()
      .references(() => complaints.id),
    keyHash: text("key_hash").notNull().unique(),
    /** `sent`: mailed or texted to the reporter's contact; `recovered`: after a one-time code. */
    reason: text("reason", { enum: ["sent", "recovered"] }).notNull(),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [index("reporter_keys_complaint_idx").on(t.complaintId)],
);

/**
 * "I am the reporter": one request for a one-time code. Made whether or not the contact typed
 * matches the complaint (the answer must not tell); only a matching one gets a code, which the
 * worker draws when it sends it and stores hashed. Expires, and counts wrong tries.
 */
export const reporterChallenges = pgTable(
  "reporter_challenges",
  {
    /** Random, URL-safe: carried by the form that asks for the code. */
    id: text("id").primaryKey(),
    complaintId: bigint("complaint_id", { mode: "number" })
      .notNull()
      .references(() => complaints.id),
    channel: text("channel", { enum: ["sms", "email"] }).notNull(),
    /** SHA-256 of `<id>:<code>`; null until sent, and forever when the contact did not match. */
    codeHash: text("code_hash"),
    attempts: integer("attempts").notNull().default(0),
    expiresAt: tstz("expires_at").notNull(),
    usedAt: tstz("used_at"),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [index("reporter_challenges_complaint_idx").on(t.complaintId)],
);
