/**
 * `npm run search -- reindex [--batch N]`: rebuilds the search index of a database written before
 * search existed (or after the segmentation changed), in id order, one transaction per batch
 * through the content change hook, so it can run beside a live server and be stopped and rerun.
 */
import type { Database } from '../../db/client.ts';
import { articleIdsAfter, articlesChanged } from '../content/changes.ts';

export async function reindexAll(
  database: Database,
  opts: { batch: number; log: (line: string) => void },
): Promise<number> {
  let after = 0;
  let done = 0;
  const started = performance.now();
  for (;;) {
    const ids = await articleIdsAfter(database.db, after, opts.batch);
    if (ids.length === 0) break;
    await database.db.transaction((tx) => articlesChanged(tx, ids));
    after = ids.at(-1)!;
    done += ids.length;
    if (done % (opts.batch * 20) === 0) opts.log(`  ${done.toLocaleString('en-US')} articles…`);
  }
  const s = (performance.now() - started) / 1000;
  opts.log(`Search index rebuilt: ${done.toLocaleString('en-US')} articles in ${s.toFixed(1)} s.`);
  return done;
}
