-- Hand-written: the SLA board classifies open clocks by their stored at-risk moments, so the
-- covering index of open complaints carries them too (index-only scan, no calendar per row).
DROP INDEX IF EXISTS "complaints_open_clocks_idx";--> statement-breakpoint
CREATE INDEX "complaints_open_clocks_idx" ON "complaints" USING btree ("opd_id") INCLUDE ("status", "category_id", "kecamatan_id", "channel", "verification_due", "verification_risk_at", "first_response_due", "first_response_risk_at", "first_responded_at", "resolution_due", "resolution_risk_at", "id") WHERE "status" IN ('received', 'disposed', 'in_progress', 'awaiting_reporter');
