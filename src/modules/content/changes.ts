/**
 * The one place where content writes report which articles changed (created, edited, published,
 * archived, re-tagged, a linked brand renamed). Whatever keeps a derived copy of articles (the
 * search index) updates it here, inside the writer's transaction when `db` is one, so a reader
 * never finds the article and its derived copy disagreeing for long.
 */
import type { Db } from '../../db/client.ts';

export async function articlesChanged(_db: Db, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  // Nothing derives from articles yet; the search index hooks in here.
}
