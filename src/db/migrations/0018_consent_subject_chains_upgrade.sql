-- The consent ledger moves from one global hash chain to one chain per member, so that a member's
-- records can expire 3 years after the account closed (modules/consent/ledger.ts). Hand-written:
-- the SQL form of a record's hash, the one-time conversion of the existing chain, and the triggers.
--
-- consent_record_hash is the SQL twin of ledger.ts chainHash(prev, canonicalRecord(r)): the JSON
-- array [user_id, purpose, granted, policy_version, policy_hash, at (ISO, ms, Z), channel,
-- ip_region] with no spaces, joined to the previous hash by a newline, sha256 in hex. ledger.test.ts
-- checks that both agree on every row, awkward strings included.
CREATE FUNCTION consent_record_hash(prev text, r consent_records) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(prev || E'\n' || '[' || r.user_id::text
    || ',' || to_json(r.purpose)::text
    || ',' || CASE WHEN r.granted THEN 'true' ELSE 'false' END
    || ',' || to_json(r.policy_version)::text
    || ',' || to_json(r.policy_hash)::text
    || ',' || to_json(to_char(r.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text
    || ',' || to_json(r.channel)::text
    || ',' || COALESCE(to_json(r.ip_region)::text, 'null')
    || ']', 'UTF8')), 'hex')
$$;
--> statement-breakpoint
-- The conversion. The old global chain is verified first: rechaining a ledger that was tampered
-- with would launder the tampering, so a broken chain stops the upgrade with the row to look at.
-- Then every record is relinked to its member's previous record and each member gets a head row.
-- Idempotent in effect: it runs once, as a migration, inside the migration's transaction.
DO $$
DECLARE
  r consent_records;
  prev text := repeat('0', 64);
  n bigint := 0;
  cur bigint;
  last_row bigint;
  h text;
  head consent_chain_head;
BEGIN
  FOR r IN SELECT * FROM consent_records ORDER BY id LOOP
    IF r.prev_hash <> prev OR consent_record_hash(r.prev_hash, r) <> r.hash THEN
      RAISE EXCEPTION 'consent ledger: the chain is broken at record % (npm run verify-consents on the previous version); not converting it', r.id;
    END IF;
    prev := r.hash;
    n := n + 1;
  END LOOP;
  SELECT * INTO head FROM consent_chain_head WHERE id = 1;
  IF n > 0 AND (head.id IS NULL OR head.length <> n OR head.last_hash <> prev) THEN
    RAISE EXCEPTION 'consent ledger: the chain head does not match its % records; not converting it', n;
  END IF;

  ALTER TABLE consent_records DISABLE TRIGGER consent_records_no_change;
  cur := NULL;
  FOR r IN SELECT * FROM consent_records ORDER BY user_id, id LOOP
    IF cur IS DISTINCT FROM r.user_id THEN
      IF cur IS NOT NULL THEN
        INSERT INTO consent_subject_heads (user_id, last_id, last_hash, length) VALUES (cur, last_row, prev, n);
      END IF;
      cur := r.user_id;
      prev := repeat('0', 64);
      n := 0;
    END IF;
    h := consent_record_hash(prev, r);
    UPDATE consent_records SET prev_hash = prev, hash = h WHERE id = r.id;
    prev := h;
    n := n + 1;
    last_row := r.id;
  END LOOP;
  IF cur IS NOT NULL THEN
    INSERT INTO consent_subject_heads (user_id, last_id, last_hash, length) VALUES (cur, last_row, prev, n);
  END IF;
  ALTER TABLE consent_records ENABLE TRIGGER consent_records_no_change;

  INSERT INTO consent_chain_head (id, last_id, last_hash, length)
    VALUES (1, NULL, repeat('0', 64), 0) ON CONFLICT DO NOTHING;
  UPDATE consent_chain_head SET
    last_hash = COALESCE((SELECT hash FROM consent_records ORDER BY id DESC LIMIT 1), repeat('0', 64))
    WHERE id = 1;
END
$$;
--> statement-breakpoint
-- Records: UPDATE and TRUNCATE are refused; a DELETE only passes for the member whose expiry the
-- retention path announced in this transaction (set_config('ccm.consent_expiry', <user id>, true))
-- and only for rows inside a tombstone of that member already written.
CREATE OR REPLACE FUNCTION consent_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF current_setting('ccm.consent_expiry', true) = OLD.user_id::text AND EXISTS (
      SELECT 1 FROM consent_chain_expiries e
      WHERE e.user_id = OLD.user_id AND OLD.id BETWEEN e.first_id AND e.last_id
    ) THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION 'consent_records is append-only: % is not allowed', TG_OP USING ERRCODE = '42501';
END;
$$;
--> statement-breakpoint
-- A member's head moves with each append; it is deleted only with its chain, after the tombstone.
CREATE FUNCTION consent_subject_heads_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF current_setting('ccm.consent_expiry', true) = OLD.user_id::text AND EXISTS (
      SELECT 1 FROM consent_chain_expiries e
      WHERE e.user_id = OLD.user_id AND e.last_hash = OLD.last_hash
    ) THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION 'consent_subject_heads: % is only allowed with an expiry tombstone', TG_OP USING ERRCODE = '42501';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER consent_subject_heads_no_delete BEFORE DELETE ON "consent_subject_heads"
  FOR EACH ROW EXECUTE FUNCTION consent_subject_heads_guard();
--> statement-breakpoint
CREATE TRIGGER consent_subject_heads_no_truncate BEFORE TRUNCATE ON "consent_subject_heads"
  FOR EACH STATEMENT EXECUTE FUNCTION consent_subject_heads_guard();
--> statement-breakpoint
-- The expiry log and the global head are never removed; tombstones are never changed.
CREATE FUNCTION consent_ledger_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '%: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = '42501';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER consent_chain_expiries_no_change BEFORE UPDATE OR DELETE ON "consent_chain_expiries"
  FOR EACH ROW EXECUTE FUNCTION consent_ledger_refuse();
--> statement-breakpoint
CREATE TRIGGER consent_chain_expiries_no_truncate BEFORE TRUNCATE ON "consent_chain_expiries"
  FOR EACH STATEMENT EXECUTE FUNCTION consent_ledger_refuse();
--> statement-breakpoint
CREATE TRIGGER consent_chain_head_no_delete BEFORE DELETE ON "consent_chain_head"
  FOR EACH ROW EXECUTE FUNCTION consent_ledger_refuse();
--> statement-breakpoint
CREATE TRIGGER consent_chain_head_no_truncate BEFORE TRUNCATE ON "consent_chain_head"
  FOR EACH STATEMENT EXECUTE FUNCTION consent_ledger_refuse();
