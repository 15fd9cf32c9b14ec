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
