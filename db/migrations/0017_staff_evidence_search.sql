ALTER TABLE "attachments" ADD COLUMN "thumbnail" "bytea";--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "source" text DEFAULT 'reporter' NOT NULL;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "event_id" bigint;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "uploaded_by" integer;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "public" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('indonesian', "title" || ' ' || "body")) STORED;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_event_id_complaint_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."complaint_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attachments_event_idx" ON "attachments" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "complaints_reporter_email_idx" ON "complaints" USING btree (lower("reporter_email"));--> statement-breakpoint
CREATE INDEX "complaints_reporter_nik_idx" ON "complaints" USING btree ("reporter_nik");--> statement-breakpoint
CREATE INDEX "complaints_search_idx" ON "complaints" USING gin ("search_vector");