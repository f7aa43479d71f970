/**
 * Klout-style score, 1–100.
 *
 * What Klout published (Rao et al. 2015; Klout's posts 2010–2016, see INFLUENCE-METHODS.md §1): a 90-day
 * rolling window; reactions to one's content counted per network; ratios to output (100 reactions to 10 posts
 * beat 100 reactions to 1,000); unique actors (100 reactions from 100 people beat 100 from one person); each
 * actor's action worth less the more that actor acts that day; followers deliberately down-weighted; list
 * memberships; the influence of those who react; a supervised model per network, combined hierarchically into
 * one score; a 1–100 scale on which the average was about 40 and 63 marked the top 5%. The weights, the
 * functional form, the combination rule and the transform to 1–100 were never published.
 *
 * Ours (every number below is a documented default, not Klout's; all are weights a user can change in
 * `data/weights/klout.json`):
 *
 *     network score  s = Σ_f w_f · ln(1 + x_f)
 *
 * with features x_f of the account in the window: `selective_reactions` (each reaction weighted 1/(its actor's
 * actions that day); w 1), `distinct_reactors` (w 1), `amplification` = reactions / posts (w 0.5; only on
 * networks whose data has posts, else 0), `network` = the account's PageRank on the window's reaction graph
 * times the number of accounts, i.e. how influential its reactors are (w 1; 0 for an account nobody reacted
 * to, whose PageRank is only the teleport share), `followers` (w 0.25) and `listed`
 * (w 0.25). One person's accounts (via `person_id` or the identities table) combine by a p-norm,
 * `(Σ_n s_n^p)^(1/p)` with p = 3: adding a network never lowers the score and an inactive network (s = 0)
 * changes nothing. The value is that combined raw score, the same for each of a person's accounts.
 *
 * Display: the value's mid-rank percentile p in the population maps piecewise-linearly through
 * (0, 1), (0.5, 40), (0.95, 63), (0.999, 90), (1, 100): median 40 and the top 5% above 63 as Klout described,
 * the top 0.1% above 90. Accounts with equal raw scores share a percentile, so a dataset where most accounts
 * draw no reaction puts them all at the middle of their block (on Higgs, well below 40).
 */
import {kloutFeatures, networksWithPosts} from "../features/klout.js";
import {pagerank} from "../graph/pagerank.js";
import {reactionGraph} from "../graphs.js";
import {percentileScale, type Anchors} from "../scales.js";
import type {Method} from "./method.js";

export const KLOUT_WEIGHTS = Object.freeze({
  selective_reactions: 1,
  distinct_reactors: 1,
  amplification: 0.5,
  network: 1,
  followers: 0.25,
  listed: 0.25,
  /** The exponent of the p-norm that combines one person's networks (not a feature weight). */
  p: 3
});

export const KLOUT_ANCHORS: Anchors = [
  [0, 1],
  [0.5, 40],
  [0.95, 63],
  [0.999, 90],
  [1, 100]
];

export const klout: Method = {
  id: "klout",
  name: "Klout-style",
  summary: "Weighted log-features of reactions, reach, amplification and reactor influence, combined across networks.",
  scoreLabel: "1–100",
  weights: KLOUT_WEIGHTS,
  windowDays: 90,
  async compute(db, {window, weights}) {
    const w = weights as typeof KLOUT_WEIGHTS;
    if (!(w.p >= 1)) throw new RangeError(`scoring/methods/klout: p must be at least 1, got ${w.p}`);
    // One query at a time: a native DuckDB connection runs statements one after another.
    const features = await kloutFeatures(db, window);
    const withPosts = await networksWithPosts(db);
    const {accountIds, graph} = await reactionGraph(db, {window});
    const {scores: rank} = pagerank(graph);
    const pagerankOf = new Map(accountIds.map((id, i) => [id, rank[i]! * accountIds.length]));
    const networkScore = features.map((x) => {
      const amplification = withPosts.has(x.network) ? x.reactions / Math.max(x.posts, 1) : 0;
      return (
        w.selective_reactions * Math.log1p(x.selective_reactions) +
        w.distinct_reactors * Math.log1p(x.distinct_reactors) +
        w.amplification * Math.log1p(amplification) +
        // Reactor influence only for accounts that drew reactions: PageRank's teleport gives every account a
        // little mass, which would otherwise make a silent extra network raise its owner's score.
        w.network * (x.distinct_reactors > 0 ? Math.log1p(pagerankOf.get(x.account_id) ?? 0) : 0) +
        w.followers * Math.log1p(x.followers) +
        w.listed * Math.log1p(x.listed)
      );
    });
    // p-norm over each person's accounts.
    const powerSum = new Map<string, number>();
    features.forEach((x, i) => powerSum.set(x.person, (powerSum.get(x.person) ?? 0) + networkScore[i]! ** w.p));
    return features.map((x) => ({account_id: x.account_id, value: powerSum.get(x.person)! ** (1 / w.p)}));
  },
  display: (values) => percentileScale(values, KLOUT_ANCHORS)
};
