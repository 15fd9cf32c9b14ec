-- A comment that others replied to is never removed outright: deleting it (by its author, a
-- moderator or the erasure of a cancelled account) leaves a "deleted" placeholder without text,
-- province or author, so other members' replies keep their thread. A placeholder whose last reply
-- goes is removed with it. Deletes made by other triggers (the cascade from an article, this
-- trigger's own clean-up) are carried out as asked.
CREATE OR REPLACE FUNCTION ccm_comment_keep_thread() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF pg_trigger_depth() = 1 AND OLD.thread_id IS NULL
     AND EXISTS (SELECT 1 FROM comments r WHERE r.thread_id = OLD.id) THEN
    UPDATE comments
       SET body = NULL, ip_region = NULL, user_id = NULL, status = 'deleted', held_for = NULL
     WHERE id = OLD.id;
    RETURN NULL;
  END IF;
  RETURN OLD;
END
$$;--> statement-breakpoint
CREATE TRIGGER comments_keep_thread BEFORE DELETE ON "comments"
  FOR EACH ROW EXECUTE FUNCTION ccm_comment_keep_thread();--> statement-breakpoint
CREATE OR REPLACE FUNCTION ccm_comment_drop_empty_placeholder() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.thread_id IS NOT NULL THEN
    DELETE FROM comments c
     WHERE c.id = OLD.thread_id AND c.status = 'deleted'
       AND NOT EXISTS (SELECT 1 FROM comments r WHERE r.thread_id = c.id);
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER comments_drop_empty_placeholder AFTER DELETE ON "comments"
  FOR EACH ROW EXECUTE FUNCTION ccm_comment_drop_empty_placeholder();--> statement-breakpoint
-- The moderation log is append-only like the staff access log: rows are removed only by the
-- retention sweep once older than 3 years.
CREATE TRIGGER comment_moderation_log_append_only BEFORE UPDATE OR DELETE ON "comment_moderation_log"
  FOR EACH ROW EXECUTE FUNCTION ccm_refuse_audit_change();--> statement-breakpoint
CREATE TRIGGER comment_moderation_log_no_truncate BEFORE TRUNCATE ON "comment_moderation_log"
  FOR EACH STATEMENT EXECUTE FUNCTION ccm_refuse_audit_change();
--> statement-breakpoint
-- A visible comment deleted by anyone but the comments service (which counts it itself and says so
-- with the transaction-local setting ccm.comment_counted) marks its article for a recount: the
-- erasure of a cancelled member deletes rows without knowing about article counters.
CREATE OR REPLACE FUNCTION ccm_comment_keep_thread() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF pg_trigger_depth() = 1 AND OLD.status = 'visible'
     AND coalesce(current_setting('ccm.comment_counted', true), '') <> 'on' THEN
    INSERT INTO comment_recounts (article_id) VALUES (OLD.article_id) ON CONFLICT DO NOTHING;
  END IF;
  IF pg_trigger_depth() = 1 AND OLD.thread_id IS NULL
     AND EXISTS (SELECT 1 FROM comments r WHERE r.thread_id = OLD.id) THEN
    UPDATE comments
       SET body = NULL, ip_region = NULL, user_id = NULL, status = 'deleted', held_for = NULL
     WHERE id = OLD.id;
    RETURN NULL;
  END IF;
  RETURN OLD;
END
$$;
