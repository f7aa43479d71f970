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
 *
 * Explanation (ours): network n's share of the combined score C = (Σ_m s_m^p)^(1/p) is s_n^p / Σ_m s_m^p · C,
 * so the shares add up to C exactly; within a network, feature f takes the part w_f·ln(1 + x_f) / s_n of its
 * network's share. Feature f of network n thus contributes w_f·ln(1 + x_f) · s_n^(p−1) / Σ_m s_m^p · C.
 * Leaving reactions out (score moments) lowers the account's selective reactions, reactions and distinct
 * reactors by theirs and holds the rest (posts, reactor influence, other accounts) fixed.
 *
 * Daily histories read the reactions per (reactor, reacted-to, day) and the posts per day once, then slide the
 * window over the days: each day's distinct reactors and reaction graph (for the reactor influence) come from
 * the pairs with reactions inside that day's window, with the same values as scoring that window alone.
 */
import {REACTION_KINDS} from "../features/activity.js";
import {DAY_MS, dailyCounts, slidingTables} from "../features/daily.js";
import {accountCodes} from "../features/indexed.js";
import {kloutDailyPostsSql, kloutDailyReactions, kloutFeatures, networksWithPosts} from "../features/klout.js";
import {windowParams} from "../features/window.js";
import {buildCsr} from "../graph/csr.js";
import {pagerank} from "../graph/pagerank.js";
import {reactionGraph, stationaryDistribution} from "../graphs.js";
import {percentileScale, type Anchors} from "../scales.js";
import {composed, withRow, type Decomposition, type FeatureTable, type Method} from "./method.js";

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

/** The weighted features, in the order of the card; each reads its input from `kloutInput`. */
const KLOUT_FEATURES = [
  "selective_reactions",
  "distinct_reactors",
  "amplification",
  "network",
  "followers",
  "listed"
] as const;
type KloutFeature = (typeof KLOUT_FEATURES)[number];

/** The input x_f of feature f for every account, as the formula sees it. */
function kloutInput(columns: FeatureTable["columns"], feature: KloutFeature): Float64Array {
  const c = columns as Record<string, Float64Array>;
  const n = c.reactions!.length;
  const input = new Float64Array(n);
  switch (feature) {
    case "amplification": {
      const {has_posts: hasPosts, reactions, posts} = c;
      for (let i = 0; i < n; i++) input[i] = hasPosts![i] ? reactions![i]! / Math.max(posts![i]!, 1) : 0;
      return input;
    }
    case "network": {
      // Reactor influence only for accounts that drew reactions: PageRank's teleport gives every account a
      // little mass, which would otherwise make a silent extra network raise its owner's score.
      const {distinct_reactors: reactors, pagerank: rank} = c;
      for (let i = 0; i < n; i++) input[i] = reactors![i]! > 0 ? rank![i]! : 0;
      return input;
    }
    default:
      return c[feature]!.slice();
  }
}

function checkedWeights(weights: Readonly<Record<string, number>>): typeof KLOUT_WEIGHTS {
  const w = weights as typeof KLOUT_WEIGHTS;
  if (!(w.p >= 1)) throw new RangeError(`scoring/methods/klout: p must be at least 1, got ${w.p}`);
  return w;
}

/**
 * What a re-weighting reuses from one feature table to the next, worked out at its first: ln(1 + x_f) of every
 * feature, one column each (they do not depend on the weights, and tables are never changed in place, so every
 * re-weighting is a weighted sum), and the two arrays `networkScores` fills (on the weights page every slider move
 * re-weights the same table, and two fresh arrays of a million entries a move left the collector most of a frame's
 * work).
 */
interface TableState {
  logs: Float64Array[];
  scores: Float64Array;
  powerSums: Float64Array;
}
const tableStates = new WeakMap<FeatureTable, TableState>();
function stateOf(features: FeatureTable): TableState {
  let state = tableStates.get(features);
  if (!state) {
    const logs = KLOUT_FEATURES.map((feature) => {
      const column = kloutInput(features.columns, feature);
      for (let i = 0; i < column.length; i++) column[i] = Math.log1p(column[i]!);
      return column;
    });
    state = {
      logs,
      scores: new Float64Array(features.accountIds.length),
      powerSums: new Float64Array(features.personCount)
    };
    tableStates.set(features, state);
  }
  return state;
}

/**
 * Each account's network score s = Σ_f w_f·ln(1 + x_f), and each person's Σ s^p (plain loops: this is the hot path).
 * Both arrays are the table's own (`stateOf`), overwritten by the next call: read them before it.
 */
function networkScores(features: FeatureTable, w: typeof KLOUT_WEIGHTS) {
  const n = features.accountIds.length;
  const state = stateOf(features);
  const scores = state.scores.fill(0);
  const logs = state.logs;
  for (let f = 0; f < logs.length; f++) {
    const weight: number = w[KLOUT_FEATURES[f]!];
    const column = logs[f]!;
    if (weight !== 0) for (let i = 0; i < n; i++) scores[i] += weight * column[i]!;
  }
  const powerSums = state.powerSums.fill(0);
  const persons = features.persons;
  // An integer p (the default 3) by repeated multiplication: Math.pow would double the time of a re-weighting.
  const integer = Number.isInteger(w.p) && w.p <= 16;
  for (let i = 0; i < n; i++) {
    const s = scores[i]!;
    if (s === 0) continue;
    let power = s;
    if (integer) for (let k = 1; k < w.p; k++) power *= s;
    else power = Math.pow(s, w.p);
    powerSums[persons[i]!] += power;
  }
  return {scores, powerSums};
}

/** A (reactor, reacted-to) pair's reactions inside the window being slid. */
interface PairInWindow {
  target: number;
  /** The reactor's index, or −1 for a reactor that is not an account (it counts, but is no graph node). */
  source: number;
  reactions: number;
  selective: number;
}

/**
 * Every day's features from one read: each window's reactions, selective reactions, distinct reactors and
 * reactor influence from the pairs with reactions inside it, its posts by `slidingTables`.
 */
const kloutDaily: NonNullable<Decomposition["daily"]> = {
  async slide(db, _weights, days, windowDays) {
    // An empty window gives every account with its reported counts and person, and no activity.
    const accounts = tableOf(await kloutFeatures(db, {from: 0, to: 0}), await networksWithPosts(db));
    const index = new Map(accounts.accountIds.map((id, i) => [id, i]));
    const postCounts = await db.queryColumns(kloutDailyPostsSql(await accountCodes(db)), windowParams({}));
    const posts = slidingTables(dailyCounts(accounts, ["posts"], postCounts), days, windowDays);
    const rows = await kloutDailyReactions(db, {});
    const pairs = new Map<string, PairInWindow>();
    const pairOf = rows.map((row) => {
      const key = JSON.stringify([row.actor_id, row.target_id]);
      let pair = pairs.get(key);
      if (!pair) {
        pair = {target: index.get(row.target_id)!, source: index.get(row.actor_id) ?? -1, reactions: 0, selective: 0};
        pairs.set(key, pair);
      }
      return pair;
    });
    const n = accounts.accountIds.length;
    const slide = (row: number, sign: number) => {
      pairOf[row]!.reactions += sign * rows[row]!.reactions;
      pairOf[row]!.selective += sign * rows[row]!.selective;
    };
    let entered = 0;
    let left = 0;
    return Array.from(posts, (table, k) => {
      const day = Math.round(days[k]! / DAY_MS);
      while (entered < rows.length && rows[entered]!.day <= day) slide(entered++, 1);
      if (windowDays !== undefined) while (left < entered && rows[left]!.day <= day - windowDays) slide(left++, -1);
      const reactions = new Float64Array(n);
      const selective = new Float64Array(n);
      const distinct = new Float64Array(n);
      const edges: {source: number; target: number; weight: number}[] = [];
      for (const pair of pairs.values()) {
        if (pair.reactions === 0) continue;
        reactions[pair.target] += pair.reactions;
        selective[pair.target] += pair.selective;
        distinct[pair.target]++;
        if (pair.source >= 0) edges.push({source: pair.source, target: pair.target, weight: pair.reactions});
      }
      const graph = buildCsr(
        n,
        edges.map((edge) => edge.source),
        edges.map((edge) => edge.target),
        edges.map((edge) => edge.weight)
      );
      const rank = pagerank(graph).scores.map((score) => score * n);
      const columns = {...table.columns, reactions, selective_reactions: selective, distinct_reactors: distinct};
      return {...table, columns: {...columns, pagerank: rank}};
    });
  }
};

/** The feature table of `read`, without the reactor influence (`pagerank`), which comes from the graph. */
function tableOf(
  {accounts, features}: Awaited<ReturnType<typeof kloutFeatures>>,
  withPosts: ReadonlySet<string>
): FeatureTable {
  const {person, personCount, ...columns} = features;
  return {
    accountIds: accounts.accountIds,
    networks: accounts.networks,
    persons: person,
    personCount,
    columns: {
      ...columns,
      has_posts: Float64Array.from(accounts.networks, (network) => (withPosts.has(network) ? 1 : 0))
    }
  };
}

export const kloutDecomposition: Decomposition = {
  daily: kloutDaily,
  async features(db, {window}) {
    // Sent together (`Db`). The graph's nodes are `accountList`'s accounts, in the table's order.
    const [features, withPosts, {accountIds, graph}] = await Promise.all([
      kloutFeatures(db, window),
      networksWithPosts(db),
      reactionGraph(db, {window})
    ]);
    const table = tableOf(features, withPosts);
    const rank = stationaryDistribution(graph).map((score) => score * accountIds.length);
    return {...table, columns: {...table.columns, pagerank: rank}};
  },
  combine(features, weights) {
    const w = checkedWeights(weights);
    const {powerSums} = networkScores(features, w);
    const root = w.p === 3 ? Math.cbrt : (x: number) => Math.pow(x, 1 / w.p);
    for (let person = 0; person < powerSums.length; person++) {
      if (powerSums[person] !== 0) powerSums[person] = root(powerSums[person]!);
    }
    const values = new Float64Array(features.persons.length);
    for (let i = 0; i < values.length; i++) values[i] = powerSums[features.persons[i]!]!;
    return values;
  },
  contributions(features, weights) {
    const w = checkedWeights(weights);
    const {scores, powerSums} = networkScores(features, w);
    // Network n's share of the combined C = (Σ s^p)^(1/p) is s_n^p / Σ s^p · C; its features split the share
    // in proportion to their terms, so feature f gets w_f·ln(1 + x_f) · s_n^(p−1) / Σ s^p · C.
    const factor = Float64Array.from(features.persons, (person, i) => {
      const sum = powerSums[person]!;
      return sum > 0 ? (scores[i]! ** (w.p - 1) / sum) * sum ** (1 / w.p) : 0;
    });
    return Object.fromEntries(
      KLOUT_FEATURES.map((feature) => {
        const input = kloutInput(features.columns, feature);
        const contribution = Float64Array.from(input, (x, i) => w[feature] * Math.log1p(x) * factor[i]!);
        return [feature, {input, contribution}];
      })
    );
  },
  withoutReactions(features, index, reactions) {
    const counted = reactions.filter((reaction) => (REACTION_KINDS as readonly string[]).includes(reaction.kind));
    const c = features.columns;
    const lost = new Set(counted.filter((reaction) => reaction.only_these).map((reaction) => reaction.actor_id));
    return withRow(features, index, {
      selective_reactions: Math.max(0, c.selective_reactions![index]! - sum(counted.map((r) => r.selective))),
      reactions: c.reactions![index]! - counted.length,
      distinct_reactors: c.distinct_reactors![index]! - lost.size
    });
  }
};

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

export const klout: Method = {
  id: "klout",
  name: "Klout-style",
  summary: "Weighted log-features of reactions, reach, amplification and reactor influence, combined across networks.",
  scoreLabel: "1–100",
  weights: KLOUT_WEIGHTS,
  windowDays: 90,
  decomposition: kloutDecomposition,
  compute: composed(kloutDecomposition),
  display: (values, ascending) => percentileScale(values, KLOUT_ANCHORS, ascending)
};
