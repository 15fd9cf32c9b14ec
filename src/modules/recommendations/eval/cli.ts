/**
 * `npm run eval:recs`: the offline evaluation of the personalised ranking (see run.ts) with the
 * default options; prints both rankings' AUC, MRR, nDCG@5 and nDCG@10. Exits 1 unless the
 * personalised ranking beats the general hot feed on all four.
 */
import { EVAL_OPTIONS, type Metrics, runEval } from './run.ts';

const started = performance.now();
const result = runEval(new Date());
const ms = performance.now() - started;
const row = (name: string, m: Metrics) =>
  `${name.padEnd(14)} ${m.auc.toFixed(4)}  ${m.mrr.toFixed(4)}  ${m.ndcg5.toFixed(4)}  ${m.ndcg10.toFixed(4)}`;
console.log(
  `${result.catalogue} articles, ${result.members} synthetic members, ${result.impressions} impressions ` +
    `of ${EVAL_OPTIONS.impressionSize} (${result.clicks} clicks), seed ${EVAL_OPTIONS.seed}, ${Math.round(ms)} ms\n`,
);
console.log(`${'ranking'.padEnd(14)} AUC     MRR     nDCG@5  nDCG@10`);
console.log(row('personalised', result.personalised));
console.log(row('hot (general)', result.baseline));
const keys = ['auc', 'mrr', 'ndcg5', 'ndcg10'] as const;
const wins = keys.every((k) => result.personalised[k] > result.baseline[k]);
console.log(
  wins
    ? '\npersonalised beats the general feed on all four'
    : '\nFAIL: personalised does not beat the general feed on every metric',
);
process.exitCode = wins ? 0 : 1;
