CREATE TABLE "signin_failures" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"email" text NOT NULL,
	"address" text NOT NULL,
	"kind" text NOT NULL,
	"resolved" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX "signin_failures_email_at_idx" ON "signin_failures" USING btree ("email","at");--> statement-breakpoint
CREATE INDEX "signin_failures_address_at_idx" ON "signin_failures" USING btree ("address","at");