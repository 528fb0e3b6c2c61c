import { bigint, index, integer, pgTable, primaryKey, serial, text, timestamp } from "drizzle-orm/pg-core";
import { complaintEvents, complaints, users } from "./schema";

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * Programs allowed to file complaints through Open311 GeoReport v2 (FixMyStreet, a city 311
 * app…): one API key each, stored only as its SHA-256, with its own rate limit. Revoked keys
 * stay for the record (complaints name the client that filed them).
 */
export const open311Clients = pgTable("open311_clients", {
  id: serial("id").primaryKey(),
  name: text("name").notNull(),
  keyHash: text("key_hash").notNull().unique(),
  /** The key's first characters, so an administrator can tell keys apart without the key. */
  keyHint: text("key_hint").notNull(),
  /** Requests per minute with this key (0: no limit). */
  rateLimit: integer("rate_limit").notNull().default(600),
  createdAt: tstz("created_at").notNull().defaultNow(),
  createdBy: integer("created_by").references(() => users.id),
  revokedAt: tstz("revoked_at"),
  revokedBy: integer("revoked_by").references(() => users.id),
});

/**
 * What an Open311 client sent with a complaint besides the complaint itself: which client filed
 * it (the only one that may post updates to it), its own ids, and a `media_url` kept as a link
 * (never fetched by the server). Written in the intake transaction.
 */
export const open311Requests = pgTable(
  "open311_requests",
  {
    complaintId: bigint("complaint_id", { mode: "number" })
      .primaryKey()
      .references(() => complaints.id),
    clientId: integer("client_id")
      .notNull()
      .references(() => open311Clients.id),
    clientName: text("client_name").notNull(),
    deviceId: text("device_id"),
    accountId: text("account_id"),
    mediaUrl: text("media_url"),
  },
  (t) => [index("open311_requests_client_idx").on(t.clientId)],
);

/**
 * Updates a client posted (`POST servicerequestupdates`), keyed by the client's own `update_id`:
 * a repeat of the same id answers the first result and records nothing again.
 */
export const open311Updates = pgTable(
  "open311_updates",
  {
    clientId: integer("client_id")
      .notNull()
      .references(() => open311Clients.id),
    updateId: text("update_id").notNull(),
    complaintId: bigint("complaint_id", { mode: "number" })
      .notNull()
      .references(() => complaints.id),
    eventId: bigint("event_id", { mode: "number" }).references(() => complaintEvents.id),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.clientId, t.updateId] })],
);
