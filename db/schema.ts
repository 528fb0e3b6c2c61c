import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { runningSql } from "@/domain/clock-rules";
import { CHANNELS, COMPLAINT_STATUSES, ROLES } from "@/domain/complaint-status";

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
});
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const createdAt = () => tstz("created_at").notNull().defaultNow();

export const complaintStatus = pgEnum("complaint_status", COMPLAINT_STATUSES);
export const channel = pgEnum("channel", CHANNELS);
export const role = pgEnum("role", ROLES);
export const outboxStatus = pgEnum("outbox_status", ["pending", "done", "dead"]);

// ---- Reference data (seeded per region, editable by an administrator) ----

export const kecamatan = pgTable("kecamatan", {
  id: serial("id").primaryKey(),
  name: text("name").notNull().unique(),
  /** Inactive areas are never deleted: old complaints keep them; new ones cannot choose them. */
  active: boolean("active").notNull().default(true),
  /** Set when merged into another kecamatan (then inactive). */
  mergedIntoId: integer("merged_into_id"),
});

export const kelurahan = pgTable(
  "kelurahan",
  {
    id: serial("id").primaryKey(),
    kecamatanId: integer("kecamatan_id").notNull().references(() => kecamatan.id),
    name: text("name").notNull(),
    active: boolean("active").notNull().default(true),
    /** Set when merged into another kelurahan (then inactive). */
    mergedIntoId: integer("merged_into_id"),
  },
  (t) => [uniqueIndex("kelurahan_kecamatan_name_uq").on(t.kecamatanId, t.name)],
);

/** City agencies, including each kecamatan office (kind = 'kecamatan'). */
export const opds = pgTable("opds", {
  id: serial("id").primaryKey(),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  kind: text("kind", { enum: ["opd", "kecamatan"] }).notNull().default("opd"),
  kecamatanId: integer("kecamatan_id").references(() => kecamatan.id),
  active: boolean("active").notNull().default(true),
  shortName: text("short_name"),
  /** The OPD this one belongs to (e.g. a UPT under its dinas). */
  parentId: integer("parent_id"),
  /** Where notifications for the OPD go besides its staff's own addresses. */
  email: text("email"),
});

/** Institutions outside the city, reached by forwarding through LAPOR. */
export const externalInstitutions = pgTable("external_institutions", {
  id: serial("id").primaryKey(),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  handles: text("handles"),
  active: boolean("active").notNull().default(true),
});

export const categories = pgTable("categories", {
  id: serial("id").primaryKey(),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  nameEn: text("name_en"),
  description: text("description"),
  /** Default routing: an OPD, an external institution, or neither (coordinator decides). */
  opdId: integer("opd_id").references(() => opds.id),
  externalId: integer("external_id").references(() => externalInstitutions.id),
  keywords: text("keywords").array().notNull().default(sql`'{}'::text[]`),
  /** Working-day overrides per clock, e.g. {"resolution": 5}. */
  sla: jsonb("sla").$type<Partial<Record<"verification" | "firstResponse" | "resolution" | "autoClose", number>>>(),
  sortOrder: integer("sort_order").notNull().default(0),
  active: boolean("active").notNull().default(true),
});

/** Non-working days in the region's calendar (national holidays and cuti bersama). */
export const holidays = pgTable("holidays", {
  day: date("day", { mode: "string" }).primaryKey(),
  name: text("name").notNull(),
  kind: text("kind", { enum: ["national", "cuti_bersama", "local"] }).notNull(),
});

/** `users.notify_email`: how a staff member hears of notifications outside Pintu. */
export const NOTIFY_EMAIL_MODES = ["instant", "daily", "off"] as const;
export type NotifyEmailMode = (typeof NOTIFY_EMAIL_MODES)[number];

export const users = pgTable("users", {
  id: serial("id").primaryKey(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  passwordHash: text("password_hash").notNull(),
  role: role("role").notNull(),
  opdId: integer("opd_id").references(() => opds.id),
  active: boolean("active").notNull().default(true),
  /**
   * Sessions carry the epoch they were issued in; raising it (password reset or change,
   * deactivation) ends every session of the account at its next request.
   */
  sessionEpoch: integer("session_epoch").notNull().default(0),
  /**
   * How the staff member is told of new notifications by e-mail (when SMTP_URL is set):
   * `instant` one mail each, `daily` one digest a day, `off` only in Pintu.
   */
  notifyEmail: text("notify_email", { enum: NOTIFY_EMAIL_MODES }).notNull().default("instant"),
  createdAt: createdAt(),
});

// ---- Complaints ----

export const complaints = pgTable(
  "complaints",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    trackingCode: text("tracking_code").notNull().unique(),
    channel: channel("channel").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    categoryId: integer("category_id").references(() => categories.id),
    kecamatanId: integer("kecamatan_id").references(() => kecamatan.id),
    kelurahanId: integer("kelurahan_id").references(() => kelurahan.id),
    address: text("address"),
    lat: doublePrecision("lat"),
    lon: doublePrecision("lon"),
    incidentDate: date("incident_date", { mode: "string" }),
    reporterName: text("reporter_name"),
    reporterPhone: text("reporter_phone"),
    reporterEmail: text("reporter_email"),
    reporterNik: text("reporter_nik"),
    anonymous: boolean("anonymous").notNull().default(false),
    confidential: boolean("confidential").notNull().default(false),
    status: complaintStatus("status").notNull().default("received"),
    opdId: integer("opd_id").references(() => opds.id),
    externalId: integer("external_id").references(() => externalInstitutions.id),
    /** What routing suggested at intake; the coordinator decides. */
    suggestedOpdId: integer("suggested_opd_id").references(() => opds.id),
    suggestedExternalId: integer("suggested_external_id").references(() => externalInstitutions.id),
    /** Set while merged into another complaint (the primary of its cluster). */
    primaryId: bigint("primary_id", { mode: "number" }),
    /**
     * The open complaint this one most resembles, found at intake (db/queries/intake.ts): the
     * queue's "diduga duplikat" flag and filter. A suspicion only; merging is the coordinator's.
     */
    suspectedDuplicateOfId: bigint("suspected_duplicate_of_id", { mode: "number" }),
    /** The status to return to after awaiting the reporter or being unmerged. */
    previousStatus: complaintStatus("previous_status"),
    assignedUserId: integer("assigned_user_id").references(() => users.id),
    firstRespondedAt: tstz("first_responded_at"),
    respondedAt: tstz("responded_at"),
    rating: smallint("rating"),
    ratingComment: text("rating_comment"),
    laporId: text("lapor_id").unique(),
    /** LAPOR's public tracking id, once LAPOR knows the complaint. */
    laporTrackingId: text("lapor_tracking_id"),
    /** LAPOR's `updated_at` of this complaint when its follow-ups were last read in full (skips unchanged ones). */
    laporSyncedAt: tstz("lapor_synced_at"),
    /** SHA-256 of the reporter's private access key; the key itself is never stored. */
    accessKeyHash: text("access_key_hash").notNull(),
    bounceCount: smallint("bounce_count").notNull().default(0),
    // ---- Service-level clocks (PRODUCT.md "Service levels"). Written only by intake,
    // server/workflow/clocks.ts and the SLA sweep (jobs/sla.ts). Every `…Due` is a deadline and
    // every `…RiskAt` the moment 80 % of that clock's working time is used (at risk from then,
    // breached after `…Due`). A pause (status awaiting_reporter) moves both forward by the
    // working time it lasted when it ends, so "on time" is simply `stop <= due`. A clock runs
    // while its due is set and its rule in domain/clock-rules.ts holds. These are the citizen's
    // clocks (each OPD's own share is timed in `opd_clocks`, db/schema-sla.ts): set at
    // receipt / the first disposition and moved only by pauses and calendar edits. Null = that
    // clock has not started (or was withdrawn).
    /** Verification deadline, from receipt; never restarted (not by a return, not by re-disposition). */
    verificationDue: tstz("verification_due"),
    verificationRiskAt: tstz("verification_risk_at"),
    /** When verification last ended (disposed, forwarded, archived, merged); null while it runs. */
    verifiedAt: tstz("verified_at"),
    /** When the current OPD got the complaint (null while with none); its own clock is in `opd_clocks`. */
    disposedAt: tstz("disposed_at"),
    /**
     * The first disposition: the start of the citizen's first-response and resolution clocks, set
     * once — a return, a re-disposition or a merge never moves it (PRODUCT.md "Service levels").
     */
    firstDisposedAt: tstz("first_disposed_at"),
    firstResponseDue: tstz("first_response_due"),
    firstResponseRiskAt: tstz("first_response_risk_at"),
    /** Start of the citizen's resolution clock: the first disposition, or the reporter's objection (a new clock). */
    resolutionStartedAt: tstz("resolution_started_at"),
    resolutionDue: tstz("resolution_due"),
    resolutionRiskAt: tstz("resolution_risk_at"),
    /** responded_at + the auto-close working days: closed by the sweep if the reporter stays silent. */
    autoCloseDue: tstz("auto_close_due"),
    /** Set while the clocks are paused (awaiting the reporter): when this pause began. */
    pausedAt: tstz("paused_at"),
    /** Working time (ms) of all completed pauses; the deadlines have already been moved by it. */
    pausedMs: bigint("paused_ms", { mode: "number" }).notNull().default(0),
    createdAt: createdAt(),
    updatedAt: tstz("updated_at").notNull().defaultNow(),
    /**
     * The words of the title and body for the staff search (Indonesian stems), kept by PostgreSQL
     * itself: stored so that reading the newest complaints and checking each is cheap.
     */
    searchVector: tsvector("search_vector").generatedAlwaysAs(sql`to_tsvector('indonesian', "title" || ' ' || "body")`),
  },
  (t) => [
    index("complaints_status_created_idx").on(t.status, t.createdAt),
    index("complaints_opd_status_idx").on(t.opdId, t.status, t.createdAt),
    index("complaints_primary_idx").on(t.primaryId),
    index("complaints_area_created_idx").on(t.kecamatanId, t.createdAt),
    // The SLA statistics job picks up what changed since its last run.
    index("complaints_updated_idx").on(t.updatedAt),
    index("complaints_title_trgm_idx").using("gin", sql`${t.title} gin_trgm_ops`),
    // LAPOR's tracking number: how the poll, an export import and manual mode find a complaint
    // entered in LAPOR by hand.
    index("complaints_lapor_tracking_idx").on(t.laporTrackingId),
    // One case across channels: an SMS looks up the sender's recent complaints.
    index("complaints_reporter_phone_idx").on(t.reporterPhone, t.createdAt),
    // Staff search (/petugas/cari): e-mail and NIK of the reporter, and words of the title and body.
    index("complaints_reporter_email_idx").on(sql`lower(${t.reporterEmail})`),
    index("complaints_reporter_nik_idx").on(t.reporterNik),
    index("complaints_search_idx").using("gin", t.searchVector),
    // The SLA sweep's candidates: only complaints whose clock is running (partial indexes).
    index("complaints_verification_clock_idx").on(t.verificationRiskAt).where(sql.raw(runningSql("verification", ""))),
    index("complaints_first_response_clock_idx").on(t.firstResponseRiskAt).where(sql.raw(runningSql("firstResponse", ""))),
    index("complaints_resolution_clock_idx").on(t.resolutionRiskAt).where(sql.raw(runningSql("resolution", ""))),
    index("complaints_auto_close_idx").on(t.autoCloseDue).where(sql.raw(runningSql("autoClose", ""))),
    // The public list (/aduan): newest first among what the public may see.
    index("complaints_public_idx")
      .on(t.createdAt.desc(), t.id.desc())
      .where(sql`confidential = false and primary_id is null and status <> 'archived'`),
    // The two staff lists read their first page straight off these (no sort over an OPD's backlog).
    index("complaints_queue_idx").on(t.createdAt, t.id).where(sql`${t.status} = 'received'`),
    // The staff lists (queue, inbox, search; db/queries/staff-list.ts) by deadline among the
    // complaints still being worked on, for an OPD and for everyone; by age among all of them.
    index("complaints_opd_list_deadline_idx")
      .on(t.opdId, sql`coalesce(${t.resolutionDue}, ${t.verificationDue}, 'infinity'::timestamptz)`, t.id)
      .where(sql`${t.status} in ('received', 'disposed', 'in_progress', 'awaiting_reporter')`),
    index("complaints_list_deadline_idx")
      .on(sql`coalesce(${t.resolutionDue}, ${t.verificationDue}, 'infinity'::timestamptz)`, t.id)
      .where(sql`${t.status} in ('received', 'disposed', 'in_progress', 'awaiting_reporter')`),
    index("complaints_created_id_idx").on(t.createdAt, t.id),
    // Words within one OPD (an OPD role's staff search): one GIN scan over both keys (btree_gin),
    // instead of intersecting an OPD's hundred thousand rows with a word's matches. PostgreSQL
    // only: migration 0027 skips it where btree_gin is not available (the embedded database).
    index("complaints_opd_search_idx").using("gin", t.opdId, t.searchVector),
    // An OPD's complaints newest first (its inbox over every status; its searches with many matches).
    index("complaints_opd_created_idx").on(t.opdId, t.createdAt, t.id),
    // The lists' "Kemungkinan duplikat" filter: the few complaints suspected at intake.
    index("complaints_suspected_duplicate_idx").on(t.createdAt, t.id).where(sql`${t.suspectedDuplicateOfId} is not null`),
  ],
);

/** Who looked at what they are trusted with: every reveal of an anonymous reporter's identity. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: createdAt(),
    userId: integer("user_id").references(() => users.id),
    action: text("action").notNull(),
    complaintId: bigint("complaint_id", { mode: "number" }).references(() => complaints.id),
    data: jsonb("data").$type<Record<string, unknown>>(),
    /** The actor's role at the time (a role id, "system" or "cli"). */
    actorRole: text("actor_role"),
    /** What was changed or read: a kind ("user", "holiday", "complaint", …) and its id or key. */
    targetKind: text("target_kind"),
    targetId: text("target_id"),
    before: jsonb("before").$type<Record<string, unknown>>(),
    after: jsonb("after").$type<Record<string, unknown>>(),
    /** The client address the request came from ("unknown" when not known, "cli" for scripts). */
    address: text("address"),
    /** Full-text over the details, for the audit screen's search. */
    searchVector: tsvector("search_vector").generatedAlwaysAs(
      sql`to_tsvector('simple', "action" || ' ' || coalesce("target_kind", '') || ' ' || coalesce("target_id", '') || ' ' || coalesce("before"::text, '') || ' ' || coalesce("after"::text, '') || ' ' || coalesce("data"::text, ''))`,
    ),
  },
  (t) => [
    index("audit_log_at_idx").on(t.at),
    index("audit_log_at_id_idx").on(t.at, t.id),
    index("audit_log_user_idx").on(t.userId, t.at),
    index("audit_log_complaint_idx").on(t.complaintId),
    index("audit_log_action_idx").on(t.action, t.at),
    index("audit_log_search_idx").using("gin", t.searchVector),
  ],
);

/** Append-only log of every state change; UPDATE and DELETE are rejected by a trigger. */
export const complaintEvents = pgTable(
  "complaint_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    complaintId: bigint("complaint_id", { mode: "number" }).notNull().references(() => complaints.id),
    at: createdAt(),
    action: text("action").notNull(),
    actorUserId: integer("actor_user_id").references(() => users.id),
    actorRole: text("actor_role").notNull(),
    fromStatus: complaintStatus("from_status"),
    toStatus: complaintStatus("to_status"),
    reason: text("reason"),
    /** Text shown on the public timeline; null for internal-only events. */
    publicMessage: text("public_message"),
    channel: channel("channel"),
    data: jsonb("data").$type<Record<string, unknown>>(),
  },
  // `at`: the events of a period, as Open311 clients poll them (GET servicerequestupdates).
  (t) => [index("complaint_events_complaint_idx").on(t.complaintId, t.at), index("complaint_events_at_idx").on(t.at)],
);

export const attachments = pgTable(
  "attachments",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    complaintId: bigint("complaint_id", { mode: "number" }).notNull().references(() => complaints.id),
    fileName: text("file_name").notNull(),
    mime: text("mime").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    content: bytea("content").notNull(),
    /** A JPEG of at most 320×320 made at upload for images (null for PDFs). */
    thumbnail: bytea("thumbnail"),
    /** Who gave it: the reporter (with the complaint; never public) or staff (with an action). */
    source: text("source", { enum: ["reporter", "staff"] }).notNull().default("reporter"),
    /** The staff action (final answer, request for information…) it was attached to. */
    eventId: bigint("event_id", { mode: "number" }).references(() => complaintEvents.id),
    uploadedBy: integer("uploaded_by").references(() => users.id),
    /** A staff attachment the public may see on a non-confidential complaint (e.g. the "after" photo). */
    public: boolean("public").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index("attachments_complaint_idx").on(t.complaintId), index("attachments_event_idx").on(t.eventId)],
);

/** Work for the worker, written in the same transaction as the change that causes it. */
export const outbox = pgTable(
  "outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    topic: text("topic").notNull(),
    complaintId: bigint("complaint_id", { mode: "number" }).references(() => complaints.id),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    dedupeKey: text("dedupe_key").unique(),
    status: outboxStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: tstz("next_attempt_at").notNull().defaultNow(),
    lastError: text("last_error"),
    createdAt: createdAt(),
    doneAt: tstz("done_at"),
    /**
     * Set while a worker is delivering the item (its lease: the claim sets it, the outcome clears
     * it). Manual mode refuses to mark such an item as entered: it may reach the receiver now.
     */
    leasedUntil: tstz("leased_until"),
    /** How it was delivered: by the worker, or entered by hand in manual mode. */
    deliveredVia: text("delivered_via", { enum: ["worker", "manual"] }),
    /** What the receiver answered (e.g. LAPOR's follow-up id), kept for reconciliation. */
    result: jsonb("result").$type<Record<string, unknown>>(),
  },
  (t) => [index("outbox_pending_idx").on(t.status, t.nextAttemptAt)],
);

/** Replays of a write with the same Idempotency-Key get the stored (encrypted) response. */
export const idempotencyKeys = pgTable("idempotency_keys", {
  keyHash: text("key_hash").primaryKey(),
  scope: text("scope").notNull(),
  requestHash: text("request_hash").notNull(),
  complaintId: bigint("complaint_id", { mode: "number" }).references(() => complaints.id),
  /** AES-GCM sealed with a key derived from the idempotency key, which only the client holds. */
  response: text("response").notNull(),
  createdAt: createdAt(),
});

/** Fixed-window counters shared by every app process. */
export const rateLimits = pgTable(
  "rate_limits",
  {
    bucket: text("bucket").notNull(),
    windowStart: tstz("window_start").notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.windowStart] })],
);

/**
 * Sessions ended by signing out (each session's id is in its cookie, `sid`): a copy of that cookie
 * is refused from then on, while the account's other sessions (other devices) go on. A row is kept
 * until every copy of the cookie has expired (the session's lifetime after the sign-out); the
 * next sign-out deletes the expired ones.
 */
export const revokedSessions = pgTable(
  "revoked_sessions",
  {
    sid: text("sid").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    expiresAt: tstz("expires_at").notNull(),
  },
  (t) => [index("revoked_sessions_expires_at_idx").on(t.expiresAt)],
);

/**
 * Failed password checks (sign-in and password change), per account and address: the sign-in
 * throttle's memory (exponential back-off per account and address, a delay per account) and
 * what the admin's users page shows. `resolved` when that account then signed in from that address.
 */
export const signinFailures = pgTable(
  "signin_failures",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: tstz("at").notNull(),
    email: text("email").notNull(),
    address: text("address").notNull(),
    kind: text("kind", { enum: ["signin", "password_change"] }).notNull(),
    resolved: boolean("resolved").notNull().default(false),
  },
  (t) => [index("signin_failures_email_at_idx").on(t.email, t.at), index("signin_failures_address_at_idx").on(t.address, t.at)],
);
