/**
 * Per-impression ranking metrics as the MIND news-recommendation benchmark computes them
 * (its evaluate.py): for one impression, `labels[i]` is 1 when item i was clicked and `scores[i]`
 * is the model's score; the benchmark averages each metric over impressions.
 */

/** AUC: the share of (clicked, not clicked) pairs the scores order correctly; ties count half. */
export function auc(labels: readonly number[], scores: readonly number[]): number {
  let pairs = 0;
  let right = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 1) continue;
    for (let j = 0; j < labels.length; j++) {
      if (labels[j] !== 0) continue;
      pairs++;
      if (scores[i]! > scores[j]!) right += 1;
      else if (scores[i] === scores[j]) right += 0.5;
    }
  }
  return pairs === 0 ? Number.NaN : right / pairs;
}

function byScore(labels: readonly number[], scores: readonly number[]): number[] {
  return labels
    .map((l, i) => ({ l, s: scores[i]!, i }))
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .map((x) => x.l);
}

/** MRR as MIND defines it: the mean of 1/rank over all clicked items of the impression. */
export function mrr(labels: readonly number[], scores: readonly number[]): number {
  const ordered = byScore(labels, scores);
  const clicks = ordered.reduce((a, b) => a + b, 0);
  const sum = ordered.reduce((acc, l, i) => acc + l / (i + 1), 0);
  return clicks === 0 ? Number.NaN : sum / clicks;
}

function dcg(ordered: readonly number[], k: number): number {
  let s = 0;
  for (let i = 0; i < Math.min(k, ordered.length); i++) s += (2 ** ordered[i]! - 1) / Math.log2(i + 2);
  return s;
}

/** nDCG@k with the labels as gains (binary here). */
export function ndcg(labels: readonly number[], scores: readonly number[], k: number): number {
  const best = dcg(
    [...labels].sort((a, b) => b - a),
    k,
  );
  return best === 0 ? Number.NaN : dcg(byScore(labels, scores), k) / best;
}
