/**
 * Pairs-logistic: a score learned from human judgements of who is more influential, as Klout fitted its weights
 * to human judgements (INFLUENCE-METHODS.md §1.1, §3). `sway evaluate pairs --learn` fits the weights on the
 * Kaggle/PeerIndex pairs by pairwise logistic regression without intercept on ln(1 + x_A) − ln(1 + x_B)
 * (`scoring/evaluate/logistic.ts`); this method scores a warehouse's accounts with such weights:
 *
 *     value = Σ_f w_f · ln(1 + x_f)
 *
 * so that σ(value_A − value_B) is the model's probability that a person judges A more influential than B. The
 * features x_f are the pairs' per-account aggregates computed from the warehouse over the window (90 days;
 * `scoring/features/pairs.ts`): `follower_count`, `following_count`, `listed_count` (reported, else the follow
 * graph's in- and out-degree); `mentions_received`, `retweets_received`, `mentions_sent`, `retweets_sent` (from
 * other accounts, reposts as retweets) and `posts`, each as a rate per day of the window. Each account scores
 * alone (a person's accounts are not combined). Weights may be negative: once the other features are known, a
 * feature can count against influence (the fit gives mentions received a negative weight, as PeerIndex's did).
 *
 * Published [V]: the pairs, their eleven features and PeerIndex's reference model (logistic regression without
 * intercept on log differences, about 0.77 accuracy and 0.86 AUC on the 5,500 labelled pairs, §3).
 * Ours [I]:
 * - the default weights, fitted by us on the development pairs (`pairs-dev.csv`, 3,000 pairs) with l2 = 1:
 *   10-fold cross-validated accuracy 0.7667 and AUC 0.8559 (seed 1); preset `data/weights/pairs-logistic.json`,
 *   and any file written by `sway evaluate pairs --learn --out` is taken by `--weights`;
 * - the rates: PeerIndex's definitions were never published; ours count per UTC day of the window;
 * - `network_feature_1…3` have no published definition and no warehouse counterpart: their input is 0, so their
 *   weights (kept, so that a fitted file loads as written) add nothing;
 * - the display: the value's percentile mapped to 1–100 as the Klout-style score's (median 40, top 5% above 63).
 *
 * Explanation: each feature contributes w_f · ln(1 + x_f), which add up to the value exactly.
 */
import {PAIR_FEATURES} from "../evaluate/aggregate-methods.js";
import {windowLength} from "../features/daily.js";
import {pairsDailyCounts, pairsFeatures, PAIRS_ACTIVITY} from "../features/pairs.js";
import {percentileScale} from "../scales.js";
import {KLOUT_ANCHORS} from "./klout.js";
import {composed, dailySums, type Decomposition, type FeatureTable, type Method} from "./method.js";

/** The fit on the development pairs (the preset `data/weights/pairs-logistic.json`, written by `--learn`). */
export const PAIRS_LOGISTIC_WEIGHTS = Object.freeze({
  follower_count: 0.154307185576011,
  following_count: -0.018183069482789395,
  listed_count: 0.20131043550683256,
  mentions_received: -0.2749550373006962,
  retweets_received: 0.07496250411308793,
  mentions_sent: 0.06660656001087731,
  retweets_sent: 0.12930742207718654,
  posts: -0.03003864094293725,
  network_feature_1: 0.3302925359639546,
  network_feature_2: 0.17367104849472534,
  network_feature_3: -0.04411168239990242
});

const RATES = new Set<string>(PAIRS_ACTIVITY);

/** x_f of every account: the column as it is, a rate per day for activity, 0 for a feature with no column. */
function inputs(features: FeatureTable): Float64Array[] {
  const days = features.columns.window_days![0] ?? 1;
  return PAIR_FEATURES.map((feature) => {
    const column = features.columns[feature];
    if (!column) return new Float64Array(features.accountIds.length);
    return RATES.has(feature) ? column.map((count) => count / days) : column;
  });
}

/** w_f · ln(1 + x_f) of every feature and account. */
function terms(features: FeatureTable, weights: Readonly<Record<string, number>>) {
  return inputs(features).map((input, f) => {
    const weight = weights[PAIR_FEATURES[f]!] ?? 0;
    return {feature: PAIR_FEATURES[f]!, input, contribution: input.map((x) => weight * Math.log1p(x))};
  });
}

/** The features with the window's length in days (a column, so that the combine step needs nothing else). */
const withWindowDays = (sums: FeatureTable, days: number): FeatureTable => ({
  ...sums,
  columns: {...sums.columns, window_days: new Float64Array(sums.accountIds.length).fill(days)}
});

export const pairsLogisticDecomposition: Decomposition = {
  // One window's sums from one query with a row per account; the daily slide sums per-day counts to the same.
  features: async (db, {window}) => withWindowDays(await pairsFeatures(db, window), windowLength(window)),
  daily: dailySums((db, {window}) => pairsDailyCounts(db, window), withWindowDays),
  combine(features, weights) {
    const values = new Float64Array(features.accountIds.length);
    for (const {contribution} of terms(features, weights)) {
      for (let i = 0; i < values.length; i++) values[i] += contribution[i]!;
    }
    return values;
  },
  contributions: (features, weights) =>
    Object.fromEntries(
      terms(features, weights).map(({feature, input, contribution}) => [feature, {input, contribution}])
    )
};

export const pairsLogistic: Method = {
  id: "pairs-logistic",
  name: "Pairs-logistic (learned)",
  summary: "Log-features weighted by a logistic model fitted to human judgements of who is more influential.",
  scoreLabel: "1–100",
  weights: PAIRS_LOGISTIC_WEIGHTS,
  signedWeights: true,
  windowDays: 90,
  decomposition: pairsLogisticDecomposition,
  compute: composed(pairsLogisticDecomposition),
  display: (values, ascending) => percentileScale(values, KLOUT_ANCHORS, ascending)
};
