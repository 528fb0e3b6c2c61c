CREATE TABLE "sms_messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"gateway_id" text,
	"sender" text NOT NULL,
	"recipient" text,
	"text" text NOT NULL,
	"kind" text NOT NULL,
	"complaint_id" bigint,
	"reply" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" integer,
	"resolution" text,
	CONSTRAINT "sms_messages_gateway_id_unique" UNIQUE("gateway_id")
);
--> statement-breakpoint
ALTER TABLE "sms_messages" ADD CONSTRAINT "sms_messages_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sms_messages" ADD CONSTRAINT "sms_messages_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sms_messages_inbox_idx" ON "sms_messages" USING btree ("kind","resolved_at","received_at");--> statement-breakpoint
CREATE INDEX "complaints_reporter_phone_idx" ON "complaints" USING btree ("reporter_phone","created_at");