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
import {receivedCounts, type ReceivedCount} from "../features/activity.js";
import type {Method} from "./method.js";

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
