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
CREATE INDEX "sla_facts_created_idx" ON "sla_facts" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "sla_facts_opd_created_idx" ON "sla_facts" USING btree ("opd_id","created_at");--> statement-breakpoint
CREATE INDEX "sla_facts_recheck_idx" ON "sla_facts" USING btree ("recheck_at") WHERE "sla_facts"."recheck_at" is not null;--> statement-breakpoint
CREATE INDEX "complaints_updated_idx" ON "complaints" USING btree ("updated_at");