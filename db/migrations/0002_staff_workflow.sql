CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" integer,
	"action" text NOT NULL,
	"complaint_id" bigint,
	"data" jsonb
);
--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "previous_status" "complaint_status";--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "assigned_user_id" integer;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "first_responded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "responded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "rating" smallint;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "rating_comment" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("created_at");--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_assigned_user_id_users_id_fk" FOREIGN KEY ("assigned_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "complaints_primary_idx" ON "complaints" USING btree ("primary_id");--> statement-breakpoint
CREATE INDEX "complaints_area_created_idx" ON "complaints" USING btree ("kecamatan_id","created_at");--> statement-breakpoint
CREATE INDEX "complaints_title_trgm_idx" ON "complaints" USING gin ("title" gin_trgm_ops);--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION pintu_reject_change();
--> statement-breakpoint
-- Counters are worth less than the disk sync a logged write costs on every public request.
ALTER TABLE "rate_limits" SET UNLOGGED;
