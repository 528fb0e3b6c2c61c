CREATE TABLE "sla_facts" (
	"complaint_id" bigint PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"month" date NOT NULL,
	"status" "complaint_status" NOT NULL,
	"opd_id" integer,
	"category_id" integer,
	"kecamatan_id" integer,
	"channel" "channel" NOT NULL,
	"bounce_count" smallint NOT NULL,
	"rating" smallint,
	"verified_at" timestamp with time zone,
	"first_responded_at" timestamp with time zone,
	"responded_at" timestamp with time zone,
	"verification_outcome" smallint,
	"first_response_outcome" smallint,
	"resolution_outcome" smallint,
	"recheck_at" timestamp with time zone,
	"refreshed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sla_facts" ADD CONSTRAINT "sla_facts_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sla_facts_opd_created_idx" ON "sla_facts" USING btree ("opd_id","created_at");--> statement-breakpoint
CREATE INDEX "sla_facts_recheck_idx" ON "sla_facts" USING btree ("recheck_at") WHERE "sla_facts"."recheck_at" is not null;--> statement-breakpoint
CREATE INDEX "complaints_updated_idx" ON "complaints" USING btree ("updated_at");--> statement-breakpoint
-- Hand-written: covering indexes drizzle cannot express (INCLUDE, partial), so the SLA board and
-- /statistik read indexes only. Period figures: sla_facts in time order with every column read.
CREATE INDEX "sla_facts_created_cover_idx" ON "sla_facts" USING btree ("created_at") INCLUDE ("opd_id", "category_id", "kecamatan_id", "channel", "month", "bounce_count", "rating", "verification_outcome", "first_response_outcome", "resolution_outcome", "verified_at", "first_responded_at", "responded_at");--> statement-breakpoint
-- Open clocks, live: the few open complaints with their deadlines, without visiting the wide rows.
CREATE INDEX "complaints_open_clocks_idx" ON "complaints" USING btree ("opd_id") INCLUDE ("status", "category_id", "kecamatan_id", "channel", "verification_due", "first_response_due", "first_responded_at", "resolution_due", "id") WHERE "status" IN ('received', 'disposed', 'in_progress', 'awaiting_reporter');
