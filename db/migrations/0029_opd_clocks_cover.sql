DROP INDEX "opd_clocks_started_idx";--> statement-breakpoint
CREATE INDEX "opd_clocks_started_cover_idx" ON "opd_clocks" USING btree ("started_at","opd_id") INCLUDE ("complaint_id","end_reason","ended_at","resolution_due","first_response_due","held_ms");
--> statement-breakpoint
DROP INDEX "opd_clocks_open_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "opd_clocks_open_idx" ON "opd_clocks" USING btree ("complaint_id") INCLUDE ("opd_id","first_responded_at","first_response_due","first_response_risk_at","resolution_due","resolution_risk_at") WHERE "ended_at" is null;
