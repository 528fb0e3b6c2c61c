CREATE EXTENSION IF NOT EXISTS btree_gin;--> statement-breakpoint
CREATE INDEX "complaints_opd_search_idx" ON "complaints" USING gin ("opd_id","search_vector");