CREATE TABLE "opd_clocks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"complaint_id" bigint NOT NULL,
	"opd_id" integer NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"started_by" text NOT NULL,
	"first_response_due" timestamp with time zone,
	"first_response_risk_at" timestamp with time zone,
	"resolution_due" timestamp with time zone NOT NULL,
	"resolution_risk_at" timestamp with time zone NOT NULL,
	"first_responded_at" timestamp with time zone,
	"paused_ms" bigint DEFAULT 0 NOT NULL,
	"ended_at" timestamp with time zone,
	"end_reason" text,
	"held_ms" bigint,
	CONSTRAINT "opd_clocks_ended" CHECK ((ended_at is null) = (end_reason is null) and (ended_at is null) = (held_ms is null))
);
--> statement-breakpoint
DROP INDEX "complaints_first_response_clock_idx";--> statement-breakpoint
DROP INDEX "complaints_resolution_clock_idx";--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "first_disposed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "opd_clocks" ADD CONSTRAINT "opd_clocks_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opd_clocks" ADD CONSTRAINT "opd_clocks_opd_id_opds_id_fk" FOREIGN KEY ("opd_id") REFERENCES "public"."opds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "opd_clocks_open_idx" ON "opd_clocks" USING btree ("complaint_id") WHERE ended_at is null;--> statement-breakpoint
CREATE INDEX "opd_clocks_complaint_idx" ON "opd_clocks" USING btree ("complaint_id","started_at");--> statement-breakpoint
CREATE INDEX "opd_clocks_started_idx" ON "opd_clocks" USING btree ("started_at","opd_id");--> statement-breakpoint
CREATE INDEX "complaints_first_response_clock_idx" ON "complaints" USING btree ("first_response_risk_at") WHERE status in ('received', 'disposed', 'in_progress') and first_responded_at is null;--> statement-breakpoint
CREATE INDEX "complaints_resolution_clock_idx" ON "complaints" USING btree ("resolution_risk_at") WHERE status in ('received', 'disposed', 'in_progress');