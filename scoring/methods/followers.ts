/**
 * Followers: the audience an account reports, or, where the source reports no count, the number of
 * accounts that follow it in the follow graph (follower in-degree). The oldest proxy for influence and
 * the one Cha et al. (2010) showed to be a poor predictor of retweets and mentions.
 */
import type {Method, MethodValue} from "./method.js";

export const FOLLOWERS_SQL = `
SELECT a.account_id, coalesce(a.followers, f.in_degree, 0) AS value
FROM accounts a
LEFT JOIN (
  SELECT followee_id AS account_id, count(DISTINCT follower_id) AS in_degree
  FROM follows
  WHERE follower_id <> followee_id
  GROUP BY followee_id
) f USING (account_id)
ORDER BY a.account_id
`;

export const followers: Method = {
  id: "followers",
  name: "Followers",
  summary: "Reported followers where the platform gives them, otherwise follower in-degree.",
  scoreLabel: "followers",
  compute: (db) => db.query<MethodValue & Record<string, string | number>>(FOLLOWERS_SQL),
  display: (values) => values.slice()
};
