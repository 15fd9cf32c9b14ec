/**
 * `npm run eval:search`: seeds the demo content into a throw-away embedded database and prints
 * the quality set's recall@10 and MRR, one line per query. Exits 1 below the 0.9 recall target.
 */
import { connectDatabase, runMigrations } from '../../../db/client.ts';
import { seedDemoIfEmpty } from '../../seed/demo.ts';
import { runEval } from './run.ts';

const database = await connectDatabase({ pgliteDir: 'memory' });
try {
  await runMigrations(database);
  await seedDemoIfEmpty(database, { log: () => {} });
  const result = await runEval(database.db, new Date());
  for (const c of result.cases) {
    const mark = c.recall === 1 ? '✓' : c.recall > 0 ? '~' : '✗';
    console.log(
      `${mark} ${c.q.padEnd(34)} found ${c.found}/${Math.min(c.expected, 10)}  first at ${c.firstRank ?? '—'}`,
    );
  }
  console.log(
    `\n${result.cases.length} queries  recall@10 ${result.recallAt10.toFixed(3)} (target ≥ 0.9)  MRR ${result.mrr.toFixed(3)}`,
  );
  process.exitCode = result.recallAt10 >= 0.9 ? 0 : 1;
} finally {
  await database.close();
}
