/**
 * Reactions received (Cha, Haddadi, Benevenuto, Gummadi 2010, "Measuring user influence in Twitter: the
 * million follower fallacy", ICWSM): how often others repost, reply to, mention, quote or like the account.
 * Cha et al. report retweets and mentions separately; this method sums every reaction kind (the per-kind
 * counts are features, `scoring/features/activity.ts`).
 */
import {activityFeatures} from "../features/activity.js";
import type {Method} from "./method.js";

export const reactions: Method = {
  id: "reactions",
  name: "Reactions received",
  summary: "Reposts, replies, mentions, quotes and likes received from other accounts (Cha et al. 2010).",
  scoreLabel: "reactions",
  async compute(db) {
    const features = await activityFeatures(db);
    return features.map(({account_id, reactions_received}) => ({account_id, value: reactions_received}));
  },
  display: (values) => values.slice()
};
