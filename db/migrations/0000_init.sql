CREATE TYPE "public"."channel" AS ENUM('web', 'sms', 'lapor', 'walk_in', 'phone', 'letter', 'email', 'social', 'open311');--> statement-breakpoint
CREATE TYPE "public"."complaint_status" AS ENUM('received', 'disposed', 'in_progress', 'awaiting_reporter', 'responded', 'closed', 'archived', 'forwarded');--> statement-breakpoint
CREATE TYPE "public"."outbox_status" AS ENUM('pending', 'done', 'dead');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('admin', 'coordinator', 'opd_officer', 'opd_head', 'auditor');--> statement-breakpoint
CREATE TABLE "attachments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"complaint_id" bigint NOT NULL,
	"file_name" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "categories" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"opd_id" integer,
	"external_id" integer,
	"keywords" text[] DEFAULT '{}'::text[] NOT NULL,
	"sla" jsonb,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "categories_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "complaint_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"complaint_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"action" text NOT NULL,
	"actor_user_id" integer,
	"actor_role" text NOT NULL,
	"from_status" "complaint_status",
	"to_status" "complaint_status",
	"reason" text,
	"public_message" text,
	"channel" "channel",
	"data" jsonb
);
--> statement-breakpoint
CREATE TABLE "complaints" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tracking_code" text NOT NULL,
	"channel" "channel" NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"category_id" integer,
	"kecamatan_id" integer,
	"kelurahan_id" integer,
	"address" text,
	"lat" double precision,
	"lon" double precision,
	"incident_date" date,
	"reporter_name" text,
	"reporter_phone" text,
	"reporter_email" text,
	"reporter_nik" text,
	"anonymous" boolean DEFAULT false NOT NULL,
	"confidential" boolean DEFAULT false NOT NULL,
	"status" "complaint_status" DEFAULT 'received' NOT NULL,
	"opd_id" integer,
	"external_id" integer,
	"suggested_opd_id" integer,
	"suggested_external_id" integer,
	"primary_id" bigint,
	"lapor_id" text,
	"access_key_hash" text NOT NULL,
	"bounce_count" smallint DEFAULT 0 NOT NULL,
	"verification_due" timestamp with time zone,
	"first_response_due" timestamp with time zone,
	"resolution_due" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "complaints_tracking_code_unique" UNIQUE("tracking_code"),
	CONSTRAINT "complaints_lapor_id_unique" UNIQUE("lapor_id")
);
--> statement-breakpoint
CREATE TABLE "external_institutions" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"handles" text,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "external_institutions_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "holidays" (
	"day" date PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"key_hash" text PRIMARY KEY NOT NULL,
	"scope" text NOT NULL,
	"request_hash" text NOT NULL,
	"complaint_id" bigint,
	"response" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kecamatan" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "kecamatan_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "kelurahan" (
	"id" serial PRIMARY KEY NOT NULL,
	"kecamatan_id" integer NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opds" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text DEFAULT 'opd' NOT NULL,
	"kecamatan_id" integer,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "opds_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"topic" text NOT NULL,
	"complaint_id" bigint,
	"payload" jsonb NOT NULL,
	"dedupe_key" text,
	"status" "outbox_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone,
	CONSTRAINT "outbox_dedupe_key_unique" UNIQUE("dedupe_key")
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"bucket" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rate_limits_bucket_window_start_pk" PRIMARY KEY("bucket","window_start")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" "role" NOT NULL,
	"opd_id" integer,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "categories" ADD CONSTRAINT "categories_opd_id_opds_id_fk" FOREIGN KEY ("opd_id") REFERENCES "public"."opds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "categories" ADD CONSTRAINT "categories_external_id_external_institutions_id_fk" FOREIGN KEY ("external_id") REFERENCES "public"."external_institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_events" ADD CONSTRAINT "complaint_events_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_events" ADD CONSTRAINT "complaint_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_kecamatan_id_kecamatan_id_fk" FOREIGN KEY ("kecamatan_id") REFERENCES "public"."kecamatan"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_kelurahan_id_kelurahan_id_fk" FOREIGN KEY ("kelurahan_id") REFERENCES "public"."kelurahan"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_opd_id_opds_id_fk" FOREIGN KEY ("opd_id") REFERENCES "public"."opds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_external_id_external_institutions_id_fk" FOREIGN KEY ("external_id") REFERENCES "public"."external_institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_suggested_opd_id_opds_id_fk" FOREIGN KEY ("suggested_opd_id") REFERENCES "public"."opds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_suggested_external_id_external_institutions_id_fk" FOREIGN KEY ("suggested_external_id") REFERENCES "public"."external_institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kelurahan" ADD CONSTRAINT "kelurahan_kecamatan_id_kecamatan_id_fk" FOREIGN KEY ("kecamatan_id") REFERENCES "public"."kecamatan"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opds" ADD CONSTRAINT "opds_kecamatan_id_kecamatan_id_fk" FOREIGN KEY ("kecamatan_id") REFERENCES "public"."kecamatan"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_opd_id_opds_id_fk" FOREIGN KEY ("opd_id") REFERENCES "public"."opds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachments_complaint_idx" ON "attachments" USING btree ("complaint_id");--> statement-breakpoint
CREATE INDEX "complaint_events_complaint_idx" ON "complaint_events" USING btree ("complaint_id","created_at");--> statement-breakpoint
CREATE INDEX "complaints_status_created_idx" ON "complaints" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "complaints_opd_status_idx" ON "complaints" USING btree ("opd_id","status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "kelurahan_kecamatan_name_uq" ON "kelurahan" USING btree ("kecamatan_id","name");--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "outbox" USING btree ("status","next_attempt_at");