-- The staff access log and the children's data access log are append-only (privacy requirements
-- 13 and 17): no row may be changed, and none removed before its 3-year retention has passed
-- (the retention sweep is the one deleter). TRUNCATE is refused outright.
CREATE OR REPLACE FUNCTION ccm_refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND OLD.at < now() - interval '3 years' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'ccm: % is append-only; % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;--> statement-breakpoint
CREATE TRIGGER staff_access_log_append_only BEFORE UPDATE OR DELETE ON "staff_access_log"
  FOR EACH ROW EXECUTE FUNCTION ccm_refuse_audit_change();--> statement-breakpoint
CREATE TRIGGER staff_access_log_no_truncate BEFORE TRUNCATE ON "staff_access_log"
  FOR EACH STATEMENT EXECUTE FUNCTION ccm_refuse_audit_change();--> statement-breakpoint
CREATE TRIGGER child_data_access_log_append_only BEFORE UPDATE OR DELETE ON "child_data_access_log"
  FOR EACH ROW EXECUTE FUNCTION ccm_refuse_audit_change();--> statement-breakpoint
CREATE TRIGGER child_data_access_log_no_truncate BEFORE TRUNCATE ON "child_data_access_log"
  FOR EACH STATEMENT EXECUTE FUNCTION ccm_refuse_audit_change();
