import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../testing/harness.ts';
import { seedDemoIfEmpty } from '../../seed/demo.ts';
import { EVAL_CASES } from './queries.ts';
import { runEval } from './run.ts';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemoIfEmpty(t.database, { log: () => {} });
});
afterAll(() => t.dispose());

it('finds the expected demo articles in the first ten results for at least 90% of the quality set', async () => {
  expect(EVAL_CASES.length).toBeGreaterThanOrEqual(30);
  expect(EVAL_CASES.filter((c) => /^[\x20-\x7e]+$/.test(c.q)).length).toBeGreaterThanOrEqual(8);
  const result = await runEval(t.database.db, new Date());
  expect(result.recallAt10).toBeGreaterThanOrEqual(0.9);
  expect(result.mrr).toBeGreaterThanOrEqual(0.8);
});
