-- The general feed's hot score (docs/architecture.md, "The general feed"): the log of weighted
-- engagement, in steps of 1/20, plus the publication time in units of 12 hours. The same formula
-- is written in src/modules/content/hot-score.ts; a test compares the two.
CREATE FUNCTION ccm_hot_score(
  published_at timestamptz, views integer, comments integer, favorites integer, shares integer
) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN published_at IS NULL THEN NULL ELSE
    floor(ln(1 + greatest(0, views::float8 + 5 * comments::float8 + 10 * favorites::float8
      + 10 * shares::float8)) * 20 + 0.5) / 20
    + (extract(epoch FROM published_at)::float8 - 1577836800) / 43200
  END
$$;
--> statement-breakpoint
-- Existing rows, set-based, before the row triggers exist.
UPDATE articles SET hot_score = ccm_hot_score(published_at, view_count, comment_count,
  favorite_count, share_count);
--> statement-breakpoint
UPDATE article_tags l SET hot_score = a.hot_score, published_at = a.published_at
  FROM articles a WHERE a.id = l.article_id AND a.status = 'published';
--> statement-breakpoint
UPDATE article_brands l SET hot_score = a.hot_score, published_at = a.published_at
  FROM articles a WHERE a.id = l.article_id AND a.status = 'published';
--> statement-breakpoint
CREATE FUNCTION ccm_articles_hot_score() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.hot_score := ccm_hot_score(NEW.published_at, NEW.view_count, NEW.comment_count,
    NEW.favorite_count, NEW.share_count);
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER articles_hot_score BEFORE INSERT OR UPDATE OF published_at, status, view_count,
  comment_count, favorite_count, share_count, hot_score ON articles
  FOR EACH ROW EXECUTE FUNCTION ccm_articles_hot_score();
--> statement-breakpoint
-- A link row carries its article's sort keys while the article is published, NULL otherwise.
CREATE FUNCTION ccm_link_feed_keys() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  SELECT CASE WHEN a.status = 'published' THEN a.hot_score END,
         CASE WHEN a.status = 'published' THEN a.published_at END
    INTO NEW.hot_score, NEW.published_at
    FROM articles a WHERE a.id = NEW.article_id;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER article_tags_feed_keys BEFORE INSERT OR UPDATE ON article_tags
  FOR EACH ROW EXECUTE FUNCTION ccm_link_feed_keys();
--> statement-breakpoint
CREATE TRIGGER article_brands_feed_keys BEFORE INSERT OR UPDATE ON article_brands
  FOR EACH ROW EXECUTE FUNCTION ccm_link_feed_keys();
--> statement-breakpoint
CREATE TRIGGER article_series_feed_keys BEFORE INSERT OR UPDATE ON article_series
  FOR EACH ROW EXECUTE FUNCTION ccm_link_feed_keys();
--> statement-breakpoint
-- When an article's keys or state change, its link rows follow (the BEFORE trigger above reads
-- the article's new row, which is visible to it after this update).
CREATE FUNCTION ccm_articles_sync_links() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.hot_score IS DISTINCT FROM OLD.hot_score
     OR NEW.published_at IS DISTINCT FROM OLD.published_at
     OR NEW.status IS DISTINCT FROM OLD.status THEN
    UPDATE article_tags SET hot_score = NULL WHERE article_id = NEW.id;
    UPDATE article_brands SET hot_score = NULL WHERE article_id = NEW.id;
    UPDATE article_series SET hot_score = NULL WHERE article_id = NEW.id;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER articles_sync_links AFTER UPDATE OF published_at, status, view_count,
  comment_count, favorite_count, share_count, hot_score ON articles
  FOR EACH ROW EXECUTE FUNCTION ccm_articles_sync_links();
