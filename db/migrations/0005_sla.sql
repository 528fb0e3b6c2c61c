CREATE TABLE "notification_reads" (
	"notification_id" bigint NOT NULL,
	"user_id" integer NOT NULL,
	"read_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_reads_notification_id_user_id_pk" PRIMARY KEY("notification_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "sla_marks" (
	"complaint_id" bigint NOT NULL,
	"clock" text NOT NULL,
	"kind" text NOT NULL,
	"clock_start" timestamp with time zone NOT NULL,
	"due" timestamp with time zone NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sla_marks_complaint_id_clock_kind_clock_start_pk" PRIMARY KEY("complaint_id","clock","kind","clock_start")
);
--> statement-breakpoint
CREATE TABLE "staff_notifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" integer,
	"role" "role",
	"opd_id" integer,
	"kind" text NOT NULL,
	"complaint_id" bigint,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "staff_notifications_addressed" CHECK ("staff_notifications"."user_id" is not null or "staff_notifications"."role" is not null or "staff_notifications"."opd_id" is not null)
);
--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "verification_risk_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "disposed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "first_response_risk_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "resolution_started_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "resolution_risk_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "auto_close_due" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "paused_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "paused_ms" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "notification_reads" ADD CONSTRAINT "notification_reads_notification_id_staff_notifications_id_fk" FOREIGN KEY ("notification_id") REFERENCES "public"."staff_notifications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_reads" ADD CONSTRAINT "notification_reads_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_marks" ADD CONSTRAINT "sla_marks_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_notifications" ADD CONSTRAINT "staff_notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_notifications" ADD CONSTRAINT "staff_notifications_opd_id_opds_id_fk" FOREIGN KEY ("opd_id") REFERENCES "public"."opds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_notifications" ADD CONSTRAINT "staff_notifications_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sla_marks_kind_at_idx" ON "sla_marks" USING btree ("kind","at");--> statement-breakpoint
CREATE INDEX "staff_notifications_opd_idx" ON "staff_notifications" USING btree ("opd_id","created_at");--> statement-breakpoint
CREATE INDEX "staff_notifications_role_idx" ON "staff_notifications" USING btree ("role","created_at");--> statement-breakpoint
CREATE INDEX "staff_notifications_user_idx" ON "staff_notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "complaints_verification_clock_idx" ON "complaints" USING btree ("verification_risk_at") WHERE status = 'received';--> statement-breakpoint
CREATE INDEX "complaints_first_response_clock_idx" ON "complaints" USING btree ("first_response_risk_at") WHERE status in ('disposed', 'in_progress') and first_responded_at is null;--> statement-breakpoint
CREATE INDEX "complaints_resolution_clock_idx" ON "complaints" USING btree ("resolution_risk_at") WHERE status in ('disposed', 'in_progress');--> statement-breakpoint
CREATE INDEX "complaints_auto_close_idx" ON "complaints" USING btree ("auto_close_due") WHERE status = 'responded';--> statement-breakpoint
-- Hand-written: give complaints filed before the SLA engine their clock columns, approximately
-- (80 % of wall-clock time for the at-risk moments; 10 working days ≈ 14 days for auto-close).
UPDATE "complaints" SET "verification_risk_at" = "created_at" + ("verification_due" - "created_at") * 0.8 WHERE "verification_due" IS NOT NULL;--> statement-breakpoint
UPDATE "complaints" c SET "verified_at" = e.last_at FROM (SELECT complaint_id, max("created_at") AS last_at FROM complaint_events WHERE from_status = 'received' AND action IN ('dispose', 'forward', 'archive', 'merge') GROUP BY complaint_id) e WHERE e.complaint_id = c.id AND c.status <> 'received';--> statement-breakpoint
UPDATE "complaints" c SET "disposed_at" = e.last_at, "resolution_started_at" = e.last_at, "first_response_risk_at" = e.last_at + (c.first_response_due - e.last_at) * 0.8, "resolution_risk_at" = e.last_at + (c.resolution_due - e.last_at) * 0.8 FROM (SELECT complaint_id, max("created_at") AS last_at FROM complaint_events WHERE action IN ('dispose', 'redispose') GROUP BY complaint_id) e WHERE e.complaint_id = c.id AND c.first_response_due IS NOT NULL AND c.resolution_due IS NOT NULL;--> statement-breakpoint
UPDATE "complaints" SET "auto_close_due" = "responded_at" + interval '14 days' WHERE "status" = 'responded' AND "responded_at" IS NOT NULL;--> statement-breakpoint
UPDATE "complaints" c SET "paused_at" = e.last_at FROM (SELECT complaint_id, max("created_at") AS last_at FROM complaint_events WHERE to_status = 'awaiting_reporter' GROUP BY complaint_id) e WHERE e.complaint_id = c.id AND c.status = 'awaiting_reporter';
