-- The consent ledger is append-only: any UPDATE, DELETE or TRUNCATE is refused by the database
-- itself (modules/consent/tables.ts). The chain head row is created here once.
CREATE FUNCTION consent_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'consent_records is append-only: % is not allowed', TG_OP USING ERRCODE = '42501';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER consent_records_no_change BEFORE UPDATE OR DELETE ON "consent_records"
  FOR EACH ROW EXECUTE FUNCTION consent_records_append_only();
--> statement-breakpoint
CREATE TRIGGER consent_records_no_truncate BEFORE TRUNCATE ON "consent_records"
  FOR EACH STATEMENT EXECUTE FUNCTION consent_records_append_only();
--> statement-breakpoint
INSERT INTO "consent_chain_head" ("id", "last_id", "last_hash", "length")
  VALUES (1, NULL, '0000000000000000000000000000000000000000000000000000000000000000', 0)
  ON CONFLICT DO NOTHING;
