-- The event log is the audit trail: rows are only ever added.
CREATE OR REPLACE FUNCTION pintu_reject_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % rejected', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER complaint_events_append_only
  BEFORE UPDATE OR DELETE ON complaint_events
  FOR EACH ROW EXECUTE FUNCTION pintu_reject_change();
--> statement-breakpoint
CREATE TRIGGER complaint_events_no_truncate
  BEFORE TRUNCATE ON complaint_events
  FOR EACH STATEMENT EXECUTE FUNCTION pintu_reject_change();
--> statement-breakpoint
CREATE TRIGGER complaints_no_delete
  BEFORE DELETE ON complaints
  FOR EACH ROW EXECUTE FUNCTION pintu_reject_change();
--> statement-breakpoint
CREATE TRIGGER attachments_no_delete
  BEFORE DELETE ON attachments
  FOR EACH ROW EXECUTE FUNCTION pintu_reject_change();
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
