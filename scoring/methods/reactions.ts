/**
 * Reactions received (Cha, Haddadi, Benevenuto, Gummadi 2010, "Measuring user influence in Twitter: the
 * million follower fallacy", ICWSM), counted inside the scoring window from other accounts only:
 *
 * - `reactions`: reposts, replies, mentions, quotes and likes together (our summary of the three);
 * - `reposts`: reposts received ("retweet influence", Cha et al.);
 * - `mentions`: mentions received ("mention influence", Cha et al.).
 *
 * The display score is the count itself. Published: the counts. Our choice: leaving out self-reactions.
 */
import type {Db} from "../db.js";
import {accountList, type AccountList} from "../features/accounts.js";
import {RECEIVED_COUNTS, REACTION_KINDS, type ReceivedCount, type TimeWindow} from "../features/activity.js";
import {reactionPairs} from "../features/reaction-pairs.js";
import {derived} from "../memo-db.js";
import type {Method} from "./method.js";

/**
 * The reactions every account received inside the window, by column (the `*_received` counts of
 * `activityFeatures`), with the accounts of `accountList`: summed from the window's reaction pairs
 * (`scoring/features/reaction-pairs.ts`), which the reaction graph and Klout read as well. Shared by every caller
 * of a memoized view, who must not change them.
 */
export function receivedCounts(
  db: Db,
  window: TimeWindow = {}
): Promise<{accounts: AccountList; counts: Readonly<Record<ReceivedCount, Float64Array>>}> {
  return derived(db, ["receivedCounts", window], async () => {
    const [accounts, pairs] = await Promise.all([accountList(db), reactionPairs(db, window)]);
    const n = accounts.accountIds.length;
    const names = Object.keys(RECEIVED_COUNTS) as ReceivedCount[];
    const counts = Object.fromEntries(names.map((name) => [name, new Float64Array(n)])) as Record<
      ReceivedCount,
      Float64Array
    >;
    REACTION_KINDS.forEach((kind, k) => {
      // The column of the kind, if it has one of its own.
      const name = names.find((column) => RECEIVED_COUNTS[column] === kind);
      const column = name && counts[name];
      const kindCounts = pairs.counts[k]!;
      for (let pair = 0; pair < kindCounts.length; pair++) {
        counts.reactions_received[pairs.target[pair]!] += kindCounts[pair]!;
        if (column) column[pairs.target[pair]!] += kindCounts[pair]!;
      }
    });
    return {accounts, counts};
  });
}

function countMethod(id: string, name: string, summary: string, feature: ReceivedCount): Method {
  return {
    id,
    name,
    summary,
    scoreLabel: "received",
    async compute(db, {window}) {
      const {accounts, counts} = await receivedCounts(db, window);
      return {accountIds: accounts.accountIds, values: counts[feature].slice()};
    },
    display: (values) => values.slice()
  };
}

export const reactions = countMethod(
  "reactions",
  "Reactions received",
  "Reposts, replies, mentions, quotes and likes received from other accounts (Cha et al. 2010).",
  "reactions_received"
);

export const reposts = countMethod(
  "reposts",
  "Reposts received",
  "Reposts (retweets, boosts) of the account's posts by other accounts (Cha et al. 2010).",
  "reposts_received"
);

export const mentions = countMethod(
  "mentions",
  "Mentions received",
  "Mentions of the account by other accounts (Cha et al. 2010).",
  "mentions_received"
);
