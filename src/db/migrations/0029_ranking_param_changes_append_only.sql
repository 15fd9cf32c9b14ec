-- The change log of the recommendation parameters is append-only like the staff access log: no
-- row may be changed, and none removed before its 3-year retention has passed.
CREATE TRIGGER ranking_param_changes_append_only BEFORE UPDATE OR DELETE ON "ranking_param_changes"
  FOR EACH ROW EXECUTE FUNCTION ccm_refuse_audit_change();--> statement-breakpoint
CREATE TRIGGER ranking_param_changes_no_truncate BEFORE TRUNCATE ON "ranking_param_changes"
  FOR EACH STATEMENT EXECUTE FUNCTION ccm_refuse_audit_change();
