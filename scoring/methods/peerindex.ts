/**
 * PeerIndex-style Authority, Audience, Activity and overall score (PeerIndex, London 2009–2014;
 * INFLUENCE-METHODS.md §3). PeerIndex described its scores in prose only: every number below is ours.
 *
 * Published [V]:
 * - Authority is trust in one's recommendations, computed per benchmark topic by "a PageRank-like algorithm" on a
 *   "resonance network" built from the diffusion of actions (shares, retweets), over 120 days of
 *   topic-associated actions in a sliding window; it rises when people who are themselves authorities on the topic
 *   approve what one shares; it is normalised across everyone in the topic to a 0–100 rank, and the topic scores
 *   are aggregated into one Authority and a topic footprint (the profile showed the top 5 topics).
 * - Audience is receptive reach relative to everyone: people who listen and react, not raw followers, with spam,
 *   gamed and inactive accounts discounted.
 * - Activity is how much topic-relevant activity one does, relative to one's topic communities.
 * - The headline score is on 1–100; how the three combine was never published.
 *
 * Ours [I]:
 * - Topics are the posts' `topics` (hashtags, subreddits, a cascade's topic); a reaction counts for the topics of
 *   the post it is about, and one about no known post or a post without topics counts for no topic (it still
 *   counts for Audience). When no post carries a topic (SNAP Higgs, say), the whole dataset is one topic, `all`,
 *   and Authority is the personalised PageRank of the whole reaction graph. Reactions are every REACTION_KINDS
 *   interaction with another account, each counted once (the `weight` column means different things in
 *   different sources); an account's output on a topic is its posts carrying it (in `all`, on a network whose
 *   data has no posts, the reactions it made). Details: `scoring/features/peerindex.ts`.
 * - Authority on topic t (`peerindex-topics.ts`): personalised PageRank, damping 0.85, on the graph reactor →
 *   reacted-to of the reactions on t's posts in the window, weighted by count, teleporting uniformly to the
 *   accounts active in t, its members: those that posted on t, reacted to t's posts or drew reactions on them in
 *   the window (the post reacted to may predate the window or be missing from the data). Shown as the mid-rank
 *   percentile of the account's PageRank (to 9 significant digits, so equivalent positions tie) among t's
 *   members, 0–100. Every topic counts, however small (PeerIndex
 *   set an unpublished minimum community size).
 * - Overall Authority (`peerindex-authority`): the account's topic percentiles averaged with its participation in
 *   each topic (posts, reactions made and received there) as weights; 0 for an account in no topic.
 * - Audience (`peerindex-audience`): distinct reactors in the window, each worth min(1, q / rate), with rate the
 *   reactor's interactions per active day and q the 99th percentile of that rate over the n accounts that acted
 *   in the window (the ⌈0.99·n⌉-th smallest, so with 100 actors or fewer none is discounted as busy; above q,
 *   busyness is discounted in proportion), times 0.5 when the reactor posted nothing in the
 *   window on a network whose data has posts (a silent account). Shown as its percentile among all accounts.
 * - Activity (`peerindex-activity`): Σ over the account's topics of ln(1 + posts / m_t), m_t the median posts of
 *   the members that posted on t: relative to the topic's peers, with diminishing returns. Shown as its
 *   percentile among all accounts.
 * - The overall score (`peerindex`): S = Σ_c w_c · P_c / Σ_c w_c, P_c the mid-rank percentile (0–100) of component
 *   c among all accounts, with weights authority 0.5, audience 0.25, activity 0.25 (Authority was PeerIndex's
 *   headline; preset `data/weights/peerindex.json`). The value is S; the display is 1 + 0.99 · S, so 1–100.
 * - Explanations: the overall score's features are the three components and their percentiles; each contributes
 *   w_c · P_c / Σ w, and the contributions add up to S exactly.
 * - All four use PeerIndex's 120-day window (published for Authority; ours for the others). Displays are
 *   rounded to integers, as PeerIndex showed them; ranks follow the unrounded values. Percentiles among all
 *   accounts span every network of the dataset together.
 */
import {hasRows, type Db} from "../db.js";
import {REACTION_KIND_LIST, REACTION_KINDS, type TimeWindow} from "../features/activity.js";
import {accountList} from "../features/accounts.js";
import {audience} from "../features/peerindex.js";
import {midRankPercentiles} from "../scales.js";
import {composed, ownPersons, type Decomposition, type Method} from "./method.js";
import {PEERINDEX_WINDOW_DAYS, overallAuthority, topicActivity, topicScores} from "./peerindex-topics.js";

export {ALL_TOPICS, topicFingerprint, topicFingerprints, type TopicAuthority} from "./peerindex-topics.js";

/** Weights of the components in the overall score. */
export const PEERINDEX_WEIGHTS = Object.freeze({authority: 0.5, audience: 0.25, activity: 0.25});

/** What a reactor that posted nothing in the window counts for in Audience, on a network whose data has posts. */
export const SILENT_REACTOR_WEIGHT = 0.5;

type Component = keyof typeof PEERINDEX_WEIGHTS;

const COMPONENTS = Object.keys(PEERINDEX_WEIGHTS) as Component[];

const MODULE = "scoring/methods/peerindex";

/** Mid-rank percentiles on 0–100. */
const percentiles = (values: ArrayLike<number>, ascending?: Uint32Array) =>
  midRankPercentiles(values, ascending).map((percentile) => percentile * 100);

/** Each component's factor w_c / Σ w: its term of the overall score is the factor times its percentile. */
function componentFactors(weights: Readonly<Record<string, number>>): {name: Component; factor: number}[] {
  const total = COMPONENTS.reduce((sum, name) => sum + weights[name]!, 0);
  if (!(total > 0)) throw new RangeError(`${MODULE}: the weights of ${COMPONENTS.join(", ")} sum to 0`);
  return COMPONENTS.map((name) => ({name, factor: weights[name]! / total}));
}

/**
 * The overall score S = Σ_c w_c · P_c / Σ_c w_c from each component's percentiles P_c (0–100) among all accounts.
 *
 * @example peerindexScore({authority: [25, 75], audience: [50, 50], activity: [25, 75]}, PEERINDEX_WEIGHTS)
 * // => [0.5·25 + 0.25·50 + 0.25·25, 0.5·75 + 0.25·50 + 0.25·75] = [31.25, 68.75]
 */
export function peerindexScore(
  percentilesOf: Readonly<Record<Component, ArrayLike<number>>>,
  weights: Readonly<Record<string, number>>
): Float64Array {
  const score = new Float64Array(percentilesOf.authority.length);
  for (const {name, factor} of componentFactors(weights)) {
    const column = percentilesOf[name];
    for (let i = 0; i < score.length; i++) score[i] += factor * column[i]!;
  }
  return score;
}

interface AccountValues {
  accountIds: readonly string[];
  values: Float64Array;
}

async function authorityValues(db: Db, window: TimeWindow): Promise<AccountValues> {
  const {accountIds, topics} = await topicScores(db, window);
  return {accountIds, values: overallAuthority(accountIds.length, topics)};
}

async function activityValues(db: Db, window: TimeWindow): Promise<AccountValues> {
  const {accountIds, topics} = await topicScores(db, window, {authority: false});
  return {accountIds, values: topicActivity(accountIds.length, topics)};
}

async function audienceValues(db: Db, window: TimeWindow): Promise<AccountValues> {
  const {accountIds} = await accountList(db);
  return {accountIds, values: await audience(db, window, {silentWeight: SILENT_REACTOR_WEIGHT})};
}

/**
 * The overall score as features and combine: the features are the three components and their percentiles among
 * all accounts; each component contributes w_c · P_c / Σ w, and the contributions add up to S exactly.
 */
const peerindexDecomposition: Decomposition = {
  async features(db, {window}) {
    // Sent together (`Db`): the engine goes from one query to the next without waiting for this code.
    const [{accountIds, networks}, {topics}, engagedAudience] = await Promise.all([
      accountList(db),
      topicScores(db, window),
      audience(db, window, {silentWeight: SILENT_REACTOR_WEIGHT})
    ]);
    const components: Record<Component, Float64Array> = {
      authority: overallAuthority(accountIds.length, topics),
      audience: engagedAudience,
      activity: topicActivity(accountIds.length, topics)
    };
    const columns: Record<string, Float64Array> = {};
    for (const name of COMPONENTS) {
      columns[name] = components[name];
      columns[`${name}_percentile`] = percentiles(components[name]);
    }
    return {accountIds, networks, ...ownPersons(accountIds.length), columns};
  },
  combine: (features, weights) =>
    peerindexScore(
      {
        authority: features.columns.authority_percentile!,
        audience: features.columns.audience_percentile!,
        activity: features.columns.activity_percentile!
      },
      weights
    ),
  contributions: (features, weights) =>
    Object.fromEntries(
      componentFactors(weights).map(({name, factor}) => [
        name,
        {
          input: features.columns[name]!,
          contribution: features.columns[`${name}_percentile`]!.map((percentile) => factor * percentile)
        }
      ])
    )
};

async function withoutReactions(db: Db): Promise<string | undefined> {
  return (await hasRows(
    db,
    `SELECT 1 FROM interactions WHERE actor_id <> target_id AND kind IN (${REACTION_KIND_LIST})`
  ))
    ? undefined
    : `the data has no reactions (${REACTION_KINDS.join(", ")}) between accounts`;
}

function peerindexMethod(
  spec: Pick<Method, "id" | "name" | "summary" | "scoreLabel" | "weights" | "decomposition" | "compute" | "display">
): Method {
  return {...spec, windowDays: PEERINDEX_WINDOW_DAYS, unavailable: withoutReactions};
}

/** `compute` from one component's values. */
const computeFrom =
  (values: (db: Db, window: TimeWindow) => Promise<AccountValues>): Method["compute"] =>
  async (db, {window}) => {
    const {accountIds, values: computed} = await values(db, window);
    return {accountIds, values: computed};
  };

const rounded = (values: Float64Array) => values.map(Math.round);
const roundedPercentiles = (values: Float64Array, ascending?: Uint32Array) =>
  percentiles(values, ascending).map(Math.round);

export const peerindex = peerindexMethod({
  id: "peerindex",
  name: "PeerIndex-style",
  summary: "Weighted mean of the Authority, Audience and Activity percentiles, on 1–100.",
  scoreLabel: "1–100",
  weights: PEERINDEX_WEIGHTS,
  decomposition: peerindexDecomposition,
  compute: composed(peerindexDecomposition),
  display: (values) => values.map((score) => Math.round(1 + 0.99 * score))
});

export const peerindexAuthority = peerindexMethod({
  id: "peerindex-authority",
  name: "PeerIndex-style Authority",
  summary: "Per-topic personalised PageRank on who reacts to whom, as percentiles within topics, averaged over topics.",
  scoreLabel: "0–100",
  compute: computeFrom(authorityValues),
  display: rounded
});

export const peerindexAudience = peerindexMethod({
  id: "peerindex-audience",
  name: "PeerIndex-style Audience",
  summary: "Distinct reactors, discounting spam-like busy and silent ones, as a percentile of all accounts.",
  scoreLabel: "percentile",
  compute: computeFrom(audienceValues),
  display: roundedPercentiles
});

export const peerindexActivity = peerindexMethod({
  id: "peerindex-activity",
  name: "PeerIndex-style Activity",
  summary: "Posts per topic relative to the topic's median poster, on a log curve, as a percentile of all accounts.",
  scoreLabel: "percentile",
  compute: computeFrom(activityValues),
  display: roundedPercentiles
});
