-- Words within one OPD: one GIN index over (opd_id, search_vector) needs btree_gin, which PostgreSQL
-- ships in contrib. The embedded database (PGlite) does not load it: with btree_gin loaded, PGlite
-- 0.5 hung its process in a pg_trgm query run beside another one. There the planner intersects
-- the search index with the OPD's rows instead, which is fast at an embedded database's size.
DO $$
BEGIN
  BEGIN
    CREATE EXTENSION IF NOT EXISTS btree_gin;
  EXCEPTION WHEN others THEN
    RAISE NOTICE 'btree_gin is not available (%): complaints_opd_search_idx is not created', SQLERRM;
  END;
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'btree_gin') THEN
    CREATE INDEX IF NOT EXISTS "complaints_opd_search_idx" ON "complaints" USING gin ("opd_id","search_vector");
  END IF;
END $$;
