/**
 * Twitalyzer-style metrics (Eric T. Peterson and Jeff Katz, 2009–c.2013; INFLUENCE-METHODS.md §4, §7).
 * Twitalyzer published its definitions ("see the math"); only the weights of its composites are unknown.
 * Entities, references and retweets are as in `scoring/features/twitalyzer.ts`.
 *
 * Published, implemented as defined:
 * - `twitalyzer-signal-to-noise`: the share of the account's updates that carry signal: an @reference, a
 *   link, a #hashtag or a retweet marker (`rt`, `r/t`, `retweet`, `via`). Shown as a percentage.
 * - `twitalyzer-generosity`: the share of its updates that are retweets of other people. Shown as a percentage.
 * - `twitalyzer-velocity`: its updates over a 7-day period; shown relative to other users, as a percentile.
 * - `twitalyzer-clout` (2009 definition): references to the account divided by the total possible references,
 *   shown as a percentage. (The 2010 definition, the likelihood of the name appearing in Twitter search,
 *   needs search logs.)
 * - `twitalyzer-engagement` (2010): the ratio of the people the account references to the people who
 *   reference it, shown as a percentage.
 * - `twitalyzer-impact` (2010–11), from its published components: followers; unique references and
 *   citations; being uniquely retweeted; uniquely retweeting others; relative posting frequency. "Unique"
 *   counts people: 3 people retweeting you 100 times count 3.
 *
 * Ours [I]:
 * - an update is any post (original, reply, repost or quote); the data's posts are the account's updates, so
 *   the three post-based metrics are unavailable on data without posts (an interaction stream such as SNAP
 *   Higgs says nothing of the updates that reach nobody);
 * - a reply counts as an @reference even when its text lacks the @name (Twitter replies of that era began
 *   with it; Bluesky's do not), reposts and quotes as retweets, and a retweet is of another person unless
 *   its original is known to be the account's own;
 * - an account without updates scores 0 on signal-to-noise and generosity;
 * - references are mentions and replies (Twitalyzer's Influence v2 says Clout counts references but not
 *   retweets); citations add quotes; "total possible references" is every reference made in the account's
 *   network in the window; engagement divides by at least 1, so an account nobody references scores the
 *   number of people it references;
 * - Impact = Σ w_c · p_c / Σ w_c × 100, where p_c is the account's mid-rank percentile on component c within
 *   its network (`scoring/scales.ts`), with equal weights (INFLUENCE-METHODS.md §7.2; presets in
 *   `data/weights/twitalyzer-impact.json`); posting frequency is updates in the window;
 * - windows: 7 days for velocity (published); 90 days for the others (Twitalyzer's are not known; 90 is the
 *   toolkit's default);
 * - Impact's explanation: the features are the components and their within-network percentiles (the SQL and
 *   ranking work); each component contributes its term w_c · p_c / Σ w · 100, which add up to Impact exactly.
 * - velocity's percentile is over all accounts scored, in every network together: a display sees values only.
 */
import {hasRows, type Db} from "../db.js";
import type {TimeWindow} from "../features/activity.js";
import {referenceFeatures, updateCounts, updateFeatures, type AccountColumns} from "../features/twitalyzer.js";
import {midRankPercentiles, percentilesWithin} from "../scales.js";
import {composed, ownPersons, personIndex, type Decomposition, type Method} from "./method.js";

const asPercentage = (values: Float64Array) => values.map((value) => value * 100);
const share = (part: number, whole: number) => (whole > 0 ? part / whole : 0);

const withoutPosts = async (db: Db) =>
  (await hasRows(db, "SELECT 1 FROM posts")) ? undefined : "the data has no posts, so no updates to count";

const withoutReferences = async (db: Db) =>
  (await hasRows(db, "SELECT 1 FROM interactions WHERE kind IN ('mention', 'reply')"))
    ? undefined
    : "the data has no references (mentions or replies)";

/**
 * A Twitalyzer ratio: one number per account from the columns of one feature query, over the method's window.
 * The five published ratios differ only in the query, the formula (a new array of values) and the display.
 */
function ratioMethod<Name extends string>(
  spec: Pick<Method, "id" | "name" | "summary" | "scoreLabel" | "windowDays" | "unavailable" | "display"> & {
    features(db: Db, window: TimeWindow): Promise<AccountColumns<Name>>;
    value(columns: Readonly<Record<Name, Float64Array>>): Float64Array;
  }
): Method {
  const {features, value, ...method} = spec;
  return {
    ...method,
    async compute(db, {window}) {
      const {accounts, columns} = await features(db, window);
      return {accountIds: accounts.accountIds, values: value(columns)};
    }
  };
}

export const twitalyzerSignalToNoise = ratioMethod({
  id: "twitalyzer-signal-to-noise",
  name: "Twitalyzer signal-to-noise",
  summary: "Share of updates carrying a mention, link, hashtag or retweet marker (Twitalyzer).",
  scoreLabel: "% of updates",
  windowDays: 90,
  unavailable: withoutPosts,
  features: updateFeatures,
  value: ({signal_updates, updates}) => signal_updates.map((signal, i) => share(signal, updates[i]!)),
  display: asPercentage
});

export const twitalyzerGenerosity = ratioMethod({
  id: "twitalyzer-generosity",
  name: "Twitalyzer generosity",
  summary: "Share of updates that are retweets of other people (Twitalyzer).",
  scoreLabel: "% of updates",
  windowDays: 90,
  unavailable: withoutPosts,
  features: updateFeatures,
  value: ({retweets_of_others, updates}) => retweets_of_others.map((retweets, i) => share(retweets, updates[i]!)),
  display: asPercentage
});

export const twitalyzerVelocity = ratioMethod({
  id: "twitalyzer-velocity",
  name: "Twitalyzer velocity",
  summary: "Updates over 7 days, shown as a percentile of all accounts (Twitalyzer).",
  scoreLabel: "percentile",
  windowDays: 7,
  unavailable: withoutPosts,
  features: updateCounts,
  value: ({updates}) => updates.slice(),
  display: (values, ascending) => midRankPercentiles(values, ascending).map((percentile) => percentile * 100)
});

export const twitalyzerClout = ratioMethod({
  id: "twitalyzer-clout",
  name: "Twitalyzer clout",
  summary: "References to the account as a share of all references made in its network (Twitalyzer 2009).",
  scoreLabel: "% of references",
  windowDays: 90,
  unavailable: withoutReferences,
  features: referenceFeatures,
  value: ({references_received, network_references}) =>
    references_received.map((received, i) => share(received, network_references[i]!)),
  display: asPercentage
});

export const twitalyzerEngagement = ratioMethod({
  id: "twitalyzer-engagement",
  name: "Twitalyzer engagement",
  summary: "People the account references per person who references it (Twitalyzer 2010).",
  scoreLabel: "%",
  windowDays: 90,
  unavailable: withoutReferences,
  features: referenceFeatures,
  value: ({referenced, referencers}) => referenced.map((people, i) => people / Math.max(referencers[i]!, 1)),
  display: asPercentage
});

/** Impact's components and their default weights (equal: Twitalyzer never published its weights). */
export const TWITALYZER_IMPACT_WEIGHTS = Object.freeze({
  followers: 1,
  /** Distinct accounts that referenced or quoted the account. */
  references: 1,
  /** Distinct accounts that reposted it. */
  retweeters: 1,
  /** Distinct accounts it reposted. */
  retweeted: 1,
  /** Its updates in the window. */
  updates: 1
});

type ImpactComponent = keyof typeof TWITALYZER_IMPACT_WEIGHTS;

const IMPACT_COMPONENTS = Object.keys(TWITALYZER_IMPACT_WEIGHTS) as ImpactComponent[];

/** Each component's factor w_c / Σ w · 100: its term is the factor times its percentile p_c. */
function impactFactors(weights: Readonly<Record<string, number>>): {name: ImpactComponent; factor: number}[] {
  const total = IMPACT_COMPONENTS.reduce((sum, name) => sum + weights[name]!, 0);
  if (!(total > 0)) throw new RangeError("scoring/methods/twitalyzer: impact weights sum to 0");
  return IMPACT_COMPONENTS.map((name) => ({name, factor: (weights[name]! * 100) / total}));
}

const impactDecomposition: Decomposition = {
  async features(db, {window}) {
    const [{accounts, columns: references}, counts] = await Promise.all([
      referenceFeatures(db, window),
      updateCounts(db, window)
    ]);
    const {updates} = counts.columns;
    const networks = personIndex(accounts.networks).persons;
    const component: Record<ImpactComponent, Float64Array> = {
      followers: references.followers,
      references: references.citers,
      retweeters: references.retweeters,
      retweeted: references.retweeted,
      updates
    };
    const columns: Record<string, Float64Array> = {};
    for (const name of IMPACT_COMPONENTS) {
      columns[name] = component[name].slice();
      columns[`${name}_percentile`] = percentilesWithin(columns[name], networks);
    }
    return {
      accountIds: accounts.accountIds,
      networks: accounts.networks,
      ...ownPersons(accounts.accountIds.length),
      columns
    };
  },
  combine(features, weights) {
    const impact = new Float64Array(features.accountIds.length);
    for (const {name, factor} of impactFactors(weights)) {
      const percentiles = features.columns[`${name}_percentile`]!;
      for (let i = 0; i < impact.length; i++) impact[i] += factor * percentiles[i]!;
    }
    return impact;
  },
  contributions: (features, weights) =>
    Object.fromEntries(
      impactFactors(weights).map(({name, factor}) => [
        name,
        {
          input: features.columns[name]!,
          contribution: features.columns[`${name}_percentile`]!.map((percentile) => factor * percentile)
        }
      ])
    )
};

export const twitalyzerImpact: Method = {
  id: "twitalyzer-impact",
  name: "Twitalyzer impact",
  summary: "Weighted mean of percentiles of followers, unique referencers, retweeters, retweeted and updates.",
  scoreLabel: "0–100",
  weights: TWITALYZER_IMPACT_WEIGHTS,
  windowDays: 90,
  decomposition: impactDecomposition,
  compute: composed(impactDecomposition),
  display: (values) => values.slice()
};
