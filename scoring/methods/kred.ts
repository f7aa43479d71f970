/**
 * Kred-style Influence (1–1000) and Outreach level (PeopleBrowsr, 2011–; INFLUENCE-METHODS.md §2, §7).
 *
 * Influence points P: every action another account takes on this one inside the window earns points by kind,
 * times a bonus when the actor reports more than 10,000 followers. Influence is
 *
 *     score = 1 + 999 · (ln(1 + P) / ln(1 + P_max))^γ
 *
 * where P_max is the most points of any account in the community, so the top account scores 1000 and (for
 * γ ≤ 1) each further Influence point costs more points than the last. Outreach points O count what the account does for
 * others (the same kinds, no bonus), cumulative over all time up to `at`, so they never decrease; the level
 * is the highest k with O ≥ threshold_k.
 *
 * - `kred`: Influence per community, each community's top account scoring 1000 (Kred gave every community its
 *   own scale). Our data has no Kred-style communities from bios and hashtags: by default the communities are
 *   the networks; with the weight `community_louvain` 1 (`sway score --community louvain`) they are the Louvain
 *   communities of the window's reaction graph (`scoring/features/communities.ts`, seed 1), found anew for each
 *   window.
 * - `kred-global`: Influence on one scale over every account of the dataset ("Global Kred").
 * - `kred-outreach`: the Outreach level. Levels need no per-community scale: an account's actions stay in its
 *   network, so its level is already per network.
 *
 * Values: for `kred` and `kred-global`, the unrounded score (the curve needs γ and the communities, which a
 * display does not see; it is monotone in P within a community, so ranks within a network follow points);
 * the display is the score rounded to an integer, as Kred showed it. For `kred-outreach`, the points; the
 * display is the level. `kredInfluencePoints` (scoring/features/kred-points.ts) gives Influence points.
 *
 * Explanation (ours): the action counts by kind (`scoring/features/kred-actions.ts`) are the features; points
 * and the curve are the combine step. An Influence score splits into a floor of 1 and, for each kind, its
 * share of the points times the rest: (score − 1) · points[kind] · actions / P, where a big actor's action
 * counts `big_actor_multiplier` times. Outreach points split exactly by kind.
 *
 * Published [V]: the kinds that earn points; 10 points for a repost, reply or mention received (and made, for
 * Outreach); more points when the actor has over 10,000 followers; a curve that steepens towards the top;
 * a 1000 top per community; Outreach cumulative and never decreasing, level 1 at 100 and level 2 at 270
 * points; window options of 30, 60, 90 days or all history (default 90 here, as in §7.3).
 * Ours [I] (the numbers are weights; preset `data/weights/kred.json`):
 * - quote, comment and share 10 points, as the repost and reply they resemble; like 0 (Kred's Twitter rules
 *   list no favourites; its Facebook rules count likes at a value never published); follow 1;
 * - the big-actor bonus ×5 (50 points for a repost), applied to every kind; the point table was not retrieved;
 * - the curve's form (§7.2) and γ = 0.5, the least-squares fit of Kred's published shares among accounts
 *   above 200 (Global Kred, 11 Nov 2011: 42% in 201–450, 37% in 451–600, 21% above 600, 0.1% above 800) on
 *   the SNAP Higgs Twitter warehouse (304,691 accounts, default points; γ from 0.10 to 3.00 in steps of
 *   0.05). The fit is loose: Higgs points come in steps of 10 and most accounts with any have 10–30, so the
 *   shares jump with γ; γ = 0.5 gives 41% / 50% / 9% / 0.3%, every γ ≥ 0.6 puts over 65% in the lowest band.
 *   With γ ≤ 1 every additional Influence point costs more points than the last, as Kred described;
 * - Outreach levels above 2: increments growing by ×1.7 (100, then +170, +289, …), threshold_k =
 *   round(100 · (1.7^k − 1) / 0.7): 100, 270, 559, 1050, 1886, …, level 12 at 83,089 (Kred's table was
 *   not retrieved; 12 is the highest level reported, not a cap);
 * - actions counted once each (the `weight` column is ignored: its meaning varies by source), follows from
 *   timestamped `follow` interactions only.
 */
import {hasRows, type Db} from "../db.js";
import {louvainCommunities} from "../features/communities.js";
import {kredMade, kredMadeSums, kredReceived, kredReceivedSums} from "../features/kred-actions.js";
import {KRED_KINDS, KRED_KIND_LIST} from "../features/kred-points.js";
import {
  composed,
  dailySums,
  personIndex,
  withRow,
  type Decomposition,
  type FeatureTable,
  type Method
} from "./method.js";

/** Points per kind of action, for Influence and Outreach alike. */
export const KRED_KIND_POINTS = Object.freeze({
  repost: 10,
  reply: 10,
  mention: 10,
  quote: 10,
  comment: 10,
  share: 10,
  like: 0,
  follow: 1
});

export const KRED_INFLUENCE_WEIGHTS = Object.freeze({
  ...KRED_KIND_POINTS,
  /** An actor counts as big above this many reported followers (not a point value). */
  big_actor_followers: 10_000,
  /** What a big actor's action is worth, as a multiple of the kind's points. */
  big_actor_multiplier: 5,
  /** The curve's exponent γ. */
  gamma: 0.5,
  /** `kred`'s communities: 0 for networks, 1 for Louvain communities of the reaction graph (not a point value). */
  community_louvain: 0
});

/**
 * Kred Influence of each account: 1 + 999 · (ln(1 + P) / ln(1 + P_max))^γ, P_max taken within the account's
 * community (all accounts when `communities` is omitted). A community where nobody has points scores 1.
 *
 * @example kredInfluence([0, 9, 99], ["t", "t", "t"], 1) // => [1, 500.5, 1000]
 */
export function kredInfluence(
  points: ArrayLike<number>,
  communities: readonly string[] | undefined,
  gamma: number
): Float64Array {
  if (!(gamma > 0)) throw new RangeError(`scoring/methods/kred: gamma must be positive, got ${gamma}`);
  const n = points.length;
  const {persons: community, personCount} = communities ? communityIndex(communities) : oneCommunity(n);
  const logs = new Float64Array(n);
  const topLog = new Float64Array(personCount);
  for (let i = 0; i < n; i++) {
    logs[i] = Math.log1p(points[i]!);
    if (logs[i]! > topLog[community[i]!]!) topLog[community[i]!] = logs[i]!;
  }
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const top = topLog[community[i]!]!;
    scores[i] = top === 0 || logs[i] === 0 ? 1 : 1 + 999 * Math.pow(logs[i]! / top, gamma);
  }
  return scores;
}

/** Community indices of a list of community names, worked out once per list (re-weighting reuses the list). */
const communityIndices = new WeakMap<readonly string[], ReturnType<typeof personIndex>>();
function communityIndex(communities: readonly string[]): ReturnType<typeof personIndex> {
  let index = communityIndices.get(communities);
  if (!index) communityIndices.set(communities, (index = personIndex(communities)));
  return index;
}
const oneCommunity = (n: number) => ({persons: new Int32Array(n), personCount: 1});

/** Outreach points needed for `level`: round(100 · (1.7^level − 1) / 0.7), so 0, 100, 270, 559, 1050, … */
export function outreachThreshold(level: number): number {
  return Math.round((100 * (1.7 ** level - 1)) / 0.7);
}

/** The Outreach level of `points`: the highest level whose threshold it reaches. */
export function outreachLevel(points: number): number {
  let level = 0;
  while (points >= outreachThreshold(level + 1)) level++;
  return level;
}

async function kredUnavailable(db: Db): Promise<string | undefined> {
  return (await hasRows(db, `SELECT 1 FROM interactions WHERE kind IN (${KRED_KIND_LIST})`))
    ? undefined
    : `the data has no interactions that earn Kred points (${KRED_KINDS.join(", ")})`;
}

/** The weights of the points table: one per kind. */
const kindPoints = (weights: Readonly<Record<string, number>>) => KRED_KINDS.map((kind) => weights[kind] ?? 0);

/** Influence points per account and per kind: points[kind] · (actions + big_actor_multiplier · big actors'). */
function influencePoints(features: FeatureTable, weights: Readonly<Record<string, number>>) {
  const n = features.accountIds.length;
  const multiplier = weights.big_actor_multiplier!;
  const total = new Float64Array(n);
  const byKind = KRED_KINDS.map((kind, k) => {
    const points = kindPoints(weights)[k]!;
    const ordinary = features.columns[kind]!;
    const big = features.columns[`${kind}_big`]!;
    const actions = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      actions[i] = ordinary[i]! + multiplier * big[i]!;
      total[i] += points * actions[i]!;
    }
    return {kind, points, actions};
  });
  return {total, byKind};
}

/** Whether the weights ask for Louvain communities (`community_louvain` 1) rather than networks (0). */
function louvainAsked(weights: Readonly<Record<string, number>>): boolean {
  const choice = weights.community_louvain;
  if (choice !== 0 && choice !== 1) {
    throw new RangeError(`scoring/methods/kred: community_louvain must be 0 (networks) or 1 (Louvain), got ${choice}`);
  }
  return choice === 1;
}

function influenceDecomposition(perCommunity: boolean): Decomposition {
  const score = (features: FeatureTable, weights: Readonly<Record<string, number>>) => {
    const {total, byKind} = influencePoints(features, weights);
    const communities = perCommunity ? (features.communities ?? features.networks) : undefined;
    const values = kredInfluence(total, communities, weights.gamma!);
    return {total, byKind, values};
  };
  const summed = dailySums((db, {window, weights}) => kredReceived(db, window, weights.big_actor_followers!));
  return {
    featureWeights: ["big_actor_followers", "community_louvain"],
    async features(db, {window, weights}) {
      // One window's counts come summed from the database; `summed` sums per-day counts for daily histories.
      const features = await kredReceivedSums(db, window, weights.big_actor_followers!);
      if (!perCommunity || !louvainAsked(weights)) return features;
      return {...features, communities: await louvainCommunities(db, window)};
    },
    daily: {
      // Louvain communities change with each window's graph: those days are scored one by one.
      slide: (db, weights, days, windowDays) =>
        perCommunity && louvainAsked(weights) ? Promise.resolve(undefined) : summed.slide(db, weights, days, windowDays)
    },
    combine: (features, weights) => score(features, weights).values,
    contributions(features, weights) {
      const {total, byKind, values} = score(features, weights);
      // Above the floor of 1, each kind takes its share of the points: (value − 1) · its points / all points.
      const above = Float64Array.from(values, (value, i) => (total[i]! > 0 ? (value - 1) / total[i]! : 0));
      return {
        floor: {input: new Float64Array(values.length).fill(1), contribution: new Float64Array(values.length).fill(1)},
        ...Object.fromEntries(
          byKind.map(({kind, points, actions}) => [
            kind,
            {input: actions, contribution: Float64Array.from(actions, (x, i) => points * x * above[i]!)}
          ])
        )
      };
    },
    withoutReactions(features, index, reactions, weights) {
      const changes: Record<string, number> = {};
      for (const {kind, actor_followers} of reactions) {
        if (!(KRED_KINDS as readonly string[]).includes(kind)) continue;
        const column =
          actor_followers !== null && actor_followers > weights.big_actor_followers! ? `${kind}_big` : kind;
        changes[column] = (changes[column] ?? features.columns[column]![index]!) - 1;
      }
      return withRow(features, index, changes);
    }
  };
}

function influenceMethod(id: string, name: string, summary: string, perCommunity: boolean): Method {
  const decomposition = influenceDecomposition(perCommunity);
  return {
    id,
    name,
    summary,
    scoreLabel: "1–1000",
    weights: KRED_INFLUENCE_WEIGHTS,
    windowDays: 90,
    unavailable: kredUnavailable,
    decomposition,
    compute: composed(decomposition),
    display: (values) => values.map(Math.round)
  };
}

export const kred = influenceMethod(
  "kred",
  "Kred-style Influence",
  "Points for reposts, replies, mentions and follows received, on a 1–1000 curve with each network's top at 1000.",
  true
);

export const kredGlobal = influenceMethod(
  "kred-global",
  "Kred-style Influence (global)",
  "Points for reposts, replies, mentions and follows received, on one 1–1000 curve over all networks.",
  false
);

/** Outreach points per kind: points[kind] · actions made of that kind. */
function outreachTerms(features: FeatureTable, weights: Readonly<Record<string, number>>) {
  return KRED_KINDS.map((kind, k) => {
    const points = kindPoints(weights)[k]!;
    const input = features.columns[kind]!;
    return {kind, input, contribution: input.map((actions) => points * actions)};
  });
}

const outreachDecomposition: Decomposition = {
  // One window's counts come summed from the database; the daily slide sums per-day counts to the same.
  features: (db, {window}) => kredMadeSums(db, window),
  daily: dailySums((db, {window}) => kredMade(db, window)),
  combine(features, weights) {
    const total = new Float64Array(features.accountIds.length);
    for (const {contribution} of outreachTerms(features, weights)) {
      for (let i = 0; i < total.length; i++) total[i] += contribution[i]!;
    }
    return total;
  },
  contributions: (features, weights) =>
    Object.fromEntries(
      outreachTerms(features, weights).map(({kind, input, contribution}) => [kind, {input, contribution}])
    )
};

export const kredOutreach: Method = {
  id: "kred-outreach",
  name: "Kred-style Outreach",
  summary: "Level of cumulative points for reposting, replying to, mentioning and following others (L1 = 100).",
  scoreLabel: "level",
  weights: KRED_KIND_POINTS,
  unavailable: kredUnavailable,
  decomposition: outreachDecomposition,
  compute: composed(outreachDecomposition),
  display: (values) => values.map(outreachLevel)
};
