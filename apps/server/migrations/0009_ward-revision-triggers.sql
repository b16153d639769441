-- Phiên bản dữ liệu của phường. Every write to a ward's rows bumps its revision in the same
-- transaction, so snapshots (public pages, dashboards) in every app process know they are stale.
-- A deferred constraint trigger fires at commit: the revision row is locked only at the very end
-- of the transaction (no lock-order deadlock with the rows it wrote), and once per ward per
-- transaction (the transaction-local setting remembers which wards were bumped).
COMMENT ON TABLE "ward_revisions" IS 'Phiên bản dữ liệu của phường: tăng cùng giao dịch với mọi thay đổi dữ liệu của phường (ảnh chụp, bộ nhớ đệm)';
--> statement-breakpoint
CREATE FUNCTION px_bump_ward_revision() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ward uuid;
  seen text;
BEGIN
  IF TG_OP = 'DELETE' THEN ward := OLD.ward_id; ELSE ward := NEW.ward_id; END IF;
  IF ward IS NULL THEN RETURN NULL; END IF;
  seen := coalesce(current_setting('px.revision_bumped', true), '');
  IF position(ward::text IN seen) > 0 THEN RETURN NULL; END IF;
  PERFORM set_config('px.revision_bumped', seen || ward::text || ',', true);
  INSERT INTO ward_revisions AS r (ward_id, revision, changed_at) VALUES (ward, 1, now())
    ON CONFLICT (ward_id) DO UPDATE SET revision = r.revision + 1, changed_at = now();
  PERFORM pg_notify('px_ward_revision', ward::text);
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A new ward-owned table calls this in its migration; tenant-revisions.test.ts checks none is missed.
CREATE FUNCTION px_track_ward_revisions(target regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format(
    'CREATE CONSTRAINT TRIGGER px_ward_revision AFTER INSERT OR UPDATE OR DELETE ON %s '
    'DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION px_bump_ward_revision()',
    target
  );
END $$;
--> statement-breakpoint
-- Every table with a ward_id, except the audit log (written only beside a change that bumps
-- already), sessions (sign-ins change no page) and the revisions themselves.
DO $$
DECLARE t record;
BEGIN
  FOR t IN
    SELECT c.relname FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'ward_id' AND NOT a.attisdropped
    WHERE n.nspname = current_schema() AND c.relkind = 'r'
      AND c.relname NOT IN ('ward_revisions', 'audit_log', 'sessions')
  LOOP
    PERFORM px_track_ward_revisions(t.relname::regclass);
  END LOOP;
END $$;
--> statement-breakpoint
INSERT INTO ward_revisions (ward_id, revision) SELECT id, 1 FROM wards ON CONFLICT DO NOTHING;
