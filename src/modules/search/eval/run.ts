/**
 * Runs the quality set against a database holding the demo content: recall@10 (of each query's
 * expected articles, the share found in the first ten, at most ten counted) and MRR (the mean of
 * 1 / rank of the first expected article).
 */
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../../db/client.ts';
import { search } from '../query.ts';
import { EVAL_CASES, type EvalCase } from './queries.ts';

export interface CaseResult {
  q: string;
  expected: number;
  found: number;
  recall: number;
  firstRank: number | null;
}

export interface EvalResult {
  cases: CaseResult[];
  recallAt10: number;
  mrr: number;
}

export async function runEval(db: Db, now: Date, cases: EvalCase[] = EVAL_CASES): Promise<EvalResult> {
  const titles = await queryRows<{ article_id: number | string; title: string }>(
    db,
    sql`SELECT article_id, title FROM article_search`,
  );
  const results: CaseResult[] = [];
  for (const c of cases) {
    const expected = new Set(
      titles.filter((t) => c.expect.some((e) => t.title.includes(e))).map((t) => Number(t.article_id)),
    );
    if (expected.size === 0) throw new Error(`eval: no demo article matches the expectation of “${c.q}”`);
    const { items } = await search(db, { q: c.q, limit: 10, now });
    const ranks = items.map((i, n) => (expected.has(i.id) ? n + 1 : 0)).filter((r) => r > 0);
    const found = ranks.length;
    results.push({
      q: c.q,
      expected: expected.size,
      found,
      recall: found / Math.min(expected.size, 10),
      firstRank: ranks[0] ?? null,
    });
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return {
    cases: results,
    recallAt10: mean(results.map((r) => r.recall)),
    mrr: mean(results.map((r) => (r.firstRank ? 1 / r.firstRank : 0))),
  };
}
