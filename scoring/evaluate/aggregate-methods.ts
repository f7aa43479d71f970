/**
 * Influence methods computable from per-account aggregates alone: the eleven numbers per account of the
 * Kaggle/PeerIndex "Influencers in Social Networks" pairs (follower, following and listed counts; mention and
 * retweet rates received and sent; posts; three unpublished network features). Sources and evidence tags are
 * those of `shared/reference/INFLUENCE-METHODS.md` (§ numbers below); [I] marks our own choice.
 *
 * The rates (`mentions_received` … `posts`) are pre-computed and standardised by PeerIndex with unpublished
 * definitions, so methods that sum or divide them are stand-ins for the originals, said so in each note.
 * Methods that need the graph, the posts' texts or per-actor data are listed in `NOT_APPLICABLE` with what
 * they need.
 */
import {midranks} from "./auc.js";

/** The per-account columns of the pairs file, without their `A_` / `B_` prefix. */
export const PAIR_FEATURES = [
  "follower_count",
  "following_count",
  "listed_count",
  "mentions_received",
  "retweets_received",
  "mentions_sent",
  "retweets_sent",
  "posts",
  "network_feature_1",
  "network_feature_2",
  "network_feature_3"
] as const;

export type PairFeature = (typeof PAIR_FEATURES)[number];

/** One account's aggregates: every feature finite and non-negative. */
export type AccountAggregates = Readonly<Record<PairFeature, number>>;

/** Weights of a log-linear score, by feature; a feature left out weighs 0. */
export type FeatureWeights = Readonly<Partial<Record<PairFeature, number>>>;

export function isPairFeature(key: string): key is PairFeature {
  return (PAIR_FEATURES as readonly string[]).includes(key);
}

/** A method over aggregates. Larger scores mean more influential. */
export interface AggregateMethod {
  readonly id: string;
  /** The source, and what differs from the original method. */
  readonly note: string;
  /** The score of every account, given them all (Twitalyzer's components are relative to the population). */
  score(accounts: readonly AccountAggregates[]): Float64Array;
}

/** A method that the aggregates cannot compute, and what it would need. */
export interface NotApplicable {
  readonly id: string;
  readonly needs: string;
}

/**
 * Klout-style default weights [I]: Klout's 2012 Twitter signals that the aggregates carry (retweets, mentions,
 * list memberships, followers; §1.2 [V S15]), weighted as our warehouse `klout` method weighs its counterparts
 * (`data/weights/klout.json`): the two reaction features 1 each, followers and lists 0.25 (Klout said it
 * down-weights followers). That method's amplification (reactions per post) and reactor-influence features
 * have no column here. Klout never published its weights (§1.1); `sway evaluate pairs --learn` fits weights of
 * the same form to the human judgements.
 */
export const KLOUT_LIKE_WEIGHTS: FeatureWeights = Object.freeze({
  follower_count: 0.25,
  listed_count: 0.25,
  mentions_received: 1,
  retweets_received: 1
});

/** Σ_f weights[f] · ln(1 + account[f]): the Klout-style aggregate, and the score of a learned pairs-logistic model. */
export function logLinearScore(account: AccountAggregates, weights: FeatureWeights): number {
  let score = 0;
  for (const feature of PAIR_FEATURES) {
    const weight = weights[feature];
    if (weight) score += weight * Math.log1p(account[feature]);
  }
  return score;
}

/** A method scoring each account by `logLinearScore` with the given weights. */
export function logLinearMethod(id: string, note: string, weights: FeatureWeights): AggregateMethod {
  return {id, note, score: perAccount((account) => logLinearScore(account, weights))};
}

function perAccount(value: (account: AccountAggregates) => number): AggregateMethod["score"] {
  return (accounts) => Float64Array.from(accounts, value);
}

/** `numerator / denominator`, and 0 when the denominator is 0 (a share of nothing). */
function share(numerator: number, denominator: number): number {
  return denominator > 0 ? numerator / denominator : 0;
}

/** Each value's percentile rank in (0, 1] among all values, ties sharing their mean rank. */
function percentiles(values: Float64Array): Float64Array {
  return midranks(values).map((rank) => rank / values.length);
}

/**
 * Twitalyzer Influence v1 components (§4 [V S49, S52]): relative reach (followers), authority (times
 * retweeted), generosity (retweets of others), clout (times referenced) and velocity (updates).
 */
const TWITALYZER_INFLUENCE_COMPONENTS: readonly PairFeature[] = [
  "follower_count",
  "retweets_received",
  "retweets_sent",
  "mentions_received",
  "posts"
];

export const AGGREGATE_METHODS: readonly AggregateMethod[] = [
  {
    id: "followers",
    note: "follower count: indegree influence (Cha et al. 2010; Kwak et al. 2010)",
    score: perAccount((account) => account.follower_count)
  },
  {
    id: "listed",
    note: "times listed (Twitter list memberships, a Klout signal)",
    score: perAccount((account) => account.listed_count)
  },
  {
    id: "lampos",
    note: "ln((listed+1)(followers+1)²/(following+1)) (Lampos et al. 2014)",
    score: perAccount(
      ({listed_count, follower_count, following_count}) =>
        Math.log1p(listed_count) + 2 * Math.log1p(follower_count) - Math.log1p(following_count)
    )
  },
  {
    id: "mentions",
    note: "mention influence (Cha et al. 2010), as PeerIndex's mention rate",
    score: perAccount((account) => account.mentions_received)
  },
  {
    id: "reposts",
    note: "retweet influence (Cha et al. 2010), as PeerIndex's retweet rate",
    score: perAccount((account) => account.retweets_received)
  },
  {
    id: "reactions",
    note: "mentions + retweets received: Kred Influence's 10 points each, without the big-actor bonus",
    score: perAccount((account) => account.mentions_received + account.retweets_received)
  },
  {
    id: "kred-outreach",
    note: "mentions + retweets sent: Kred Outreach's 10 points each, without follows (value unpublished)",
    score: perAccount((account) => account.mentions_sent + account.retweets_sent)
  },
  logLinearMethod(
    "klout-like",
    "Σ w·ln(1+x), w [I]: retweets, mentions 1; followers, listed 0.25 (as our klout)",
    KLOUT_LIKE_WEIGHTS
  ),
  {
    id: "twitalyzer-generosity",
    note: "share of updates that retweet others: retweets sent / posts (Twitalyzer)",
    score: perAccount((account) => share(account.retweets_sent, account.posts))
  },
  {
    id: "twitalyzer-influence",
    note: "mean percentile of followers, retweeted, retweets, mentioned, posts [I] (Twitalyzer v1)",
    score(accounts) {
      const scores = new Float64Array(accounts.length);
      for (const feature of TWITALYZER_INFLUENCE_COMPONENTS) {
        const component = percentiles(Float64Array.from(accounts, (account) => account[feature]));
        for (let i = 0; i < scores.length; i++) scores[i] += component[i] / TWITALYZER_INFLUENCE_COMPONENTS.length;
      }
      return scores;
    }
  }
];

export const NOT_APPLICABLE: readonly NotApplicable[] = [
  // Methods of our warehouse registry (`scoring/methods/`), then methods of the literature.
  {id: "indegree", needs: "the follow graph (the pairs report follower counts: see followers)"},
  {id: "pagerank", needs: "the interaction graph (Page et al. 1999)"},
  {id: "pagerank-follows", needs: "the follow graph (Kwak et al. 2010)"},
  {id: "klout", needs: "reactions by actor (selectivity, distinct reactors) and the reaction graph"},
  {id: "kred", needs: "each reacting actor's follower count (the >10k bonus) and communities"},
  {id: "kred-global", needs: "each reacting actor's follower count (the >10k bonus)"},
  {id: "twitterrank", needs: "the follow graph and the posts' texts for LDA topics (Weng et al. 2010)"},
  {id: "k-shell", needs: "the graph (Kitsak et al. 2010)"},
  {id: "hits", needs: "the graph (Kleinberg 1999)"},
  {id: "influence-passivity", needs: "who retweeted whose URLs, per follow edge (Romero et al. 2011)"},
  {id: "cascade-size", needs: "URL cascades over the follow graph (Bakshy et al. 2011)"},
  {id: "ic-lt-spread", needs: "the graph and edge probabilities (Kempe et al. 2003)"},
  {id: "snp", needs: "unique reactors and per-tweet retweet and reply flags (Anger and Kittl 2011)"},
  {id: "peerindex-authority", needs: "a per-topic diffusion graph of shares and the posts' topics"},
  {id: "twitalyzer-signal-to-noise", needs: "the posts' texts (@references, URLs, hashtags, RT markers)"},
  {id: "twitalyzer-impact", needs: "unique referencing and retweeting people, not event rates"},
  {id: "twitalyzer-engagement", needs: "unique people referenced and referencing, not mention rates"}
];
