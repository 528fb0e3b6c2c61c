CREATE TABLE "open311_clients" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"key_hint" text NOT NULL,
	"rate_limit" integer DEFAULT 600 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" integer,
	"revoked_at" timestamp with time zone,
	"revoked_by" integer,
	CONSTRAINT "open311_clients_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "open311_requests" (
	"complaint_id" bigint PRIMARY KEY NOT NULL,
	"client_id" integer NOT NULL,
	"client_name" text NOT NULL,
	"device_id" text,
	"account_id" text,
	"media_url" text
);
--> statement-breakpoint
CREATE TABLE "open311_updates" (
	"client_id" integer NOT NULL,
	"update_id" text NOT NULL,
	"complaint_id" bigint NOT NULL,
	"event_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "open311_updates_client_id_update_id_pk" PRIMARY KEY("client_id","update_id")
);
--> statement-breakpoint
ALTER TABLE "open311_clients" ADD CONSTRAINT "open311_clients_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open311_clients" ADD CONSTRAINT "open311_clients_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open311_requests" ADD CONSTRAINT "open311_requests_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open311_requests" ADD CONSTRAINT "open311_requests_client_id_open311_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."open311_clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open311_updates" ADD CONSTRAINT "open311_updates_client_id_open311_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."open311_clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open311_updates" ADD CONSTRAINT "open311_updates_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open311_updates" ADD CONSTRAINT "open311_updates_event_id_complaint_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."complaint_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "open311_requests_client_idx" ON "open311_requests" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "complaint_events_at_idx" ON "complaint_events" USING btree ("created_at");