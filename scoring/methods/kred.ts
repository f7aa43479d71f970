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
 * - `kred`: Influence per community. Communities are networks here: each network's top account scores 1000
 *   (Kred gave every community its own scale; our data has no Kred-style communities from bios and hashtags).
 * - `kred-global`: Influence on one scale over every account of the dataset ("Global Kred").
 * - `kred-outreach`: the Outreach level. Levels need no per-community scale: an account's actions stay in its
 *   network, so its level is already per network.
 *
 * Values: for `kred` and `kred-global`, the unrounded score (the curve needs γ and the communities, which a
 * display does not see; it is monotone in P within a community, so ranks within a network follow points);
 * the display is the score rounded to an integer, as Kred showed it. For `kred-outreach`, the points; the
 * display is the level. `kredInfluencePoints` (scoring/features/kred-points.ts) gives Influence points.
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
import type {Db} from "../db.js";
import {KRED_KINDS, kredInfluencePoints, kredOutreachPoints} from "../features/kred-points.js";
import type {Method, MethodValue} from "./method.js";

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
  gamma: 0.5
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
  const communityOf = (i: number) => communities?.[i] ?? "";
  const topLog = new Map<string, number>();
  for (let i = 0; i < points.length; i++) {
    topLog.set(communityOf(i), Math.max(topLog.get(communityOf(i)) ?? 0, Math.log1p(points[i]!)));
  }
  return Float64Array.from({length: points.length}, (_, i) => {
    const top = topLog.get(communityOf(i))!;
    return top === 0 ? 1 : 1 + 999 * (Math.log1p(points[i]!) / top) ** gamma;
  });
}

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
  const [row] = await db.query<{n: number}>(
    `SELECT count(*) AS n FROM interactions WHERE kind IN (${KRED_KINDS.map((kind) => `'${kind}'`).join(", ")})`
  );
  return row?.n ? undefined : `the data has no interactions that earn Kred points (${KRED_KINDS.join(", ")})`;
}

function influenceMethod(id: string, name: string, summary: string, perCommunity: boolean): Method {
  return {
    id,
    name,
    summary,
    scoreLabel: "1–1000",
    weights: KRED_INFLUENCE_WEIGHTS,
    windowDays: 90,
    unavailable: kredUnavailable,
    async compute(db, {window, weights}) {
      const w = weights as typeof KRED_INFLUENCE_WEIGHTS;
      const rows = await kredInfluencePoints(db, window, w, {
        bigActorFollowers: w.big_actor_followers,
        bigActorMultiplier: w.big_actor_multiplier
      });
      const points = rows.map((row) => row.points);
      const scores = kredInfluence(points, perCommunity ? rows.map((row) => row.network) : undefined, w.gamma);
      return rows.map(({account_id}, i): MethodValue => ({account_id, value: scores[i]!}));
    },
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

export const kredOutreach: Method = {
  id: "kred-outreach",
  name: "Kred-style Outreach",
  summary: "Level of cumulative points for reposting, replying to, mentioning and following others (L1 = 100).",
  scoreLabel: "level",
  weights: KRED_KIND_POINTS,
  unavailable: kredUnavailable,
  async compute(db, {window, weights}) {
    const rows = await kredOutreachPoints(db, window, weights);
    return rows.map(({account_id, points}) => ({account_id, value: points}));
  },
  display: (values) => values.map(outreachLevel)
};
