/**
 * Audience size, the oldest proxy for influence and the one Cha et al. (2010) showed to predict reposts and
 * mentions poorly:
 *
 * - `followers`: the follower count the platform reports, or, where it reports none, the follower
 *   in-degree of the follow graph (so networks without reported counts still rank);
 * - `indegree`: the follower in-degree of the follow graph alone (distinct followers, not oneself);
 * - `lampos`: Lampos et al. (2014) impact, `ln((listed + 1)(followers + 1)² / (following + 1))`, from
 *   reported counts only (missing counts are taken as 0).
 *
 * Published: the counts and Lampos's formula. Our choice: the fallback of `followers` to in-degree.
 */
import {hasRows, type Db} from "../db.js";
import {accountList, perAccount} from "../features/accounts.js";
import {reportedCounts} from "../features/reported-counts.js";
import {withoutFollowGraph} from "../graphs.js";
import type {Method, MethodValues} from "./method.js";

export const IN_DEGREE_SQL = `
SELECT coalesce(f.in_degree, 0)::DOUBLE AS value
FROM accounts a
LEFT JOIN (
  SELECT followee_id AS account_id, count(DISTINCT follower_id) AS in_degree FROM follows
  WHERE follower_id <> followee_id GROUP BY followee_id
) f USING (account_id)
ORDER BY a.account_id
`;

export const LAMPOS_SQL = `
SELECT
  ln((coalesce(listed, 0) + 1) * pow(coalesce(followers, 0) + 1, 2) / (coalesce(following, 0) + 1)) AS value
FROM accounts
ORDER BY account_id
`;

/** `compute` from a query of one `value` per account in `account_id` order. */
const query =
  (sql: string) =>
  async (db: Db): Promise<MethodValues> => {
    const accounts = await accountList(db);
    const {value} = perAccount(accounts, await db.queryColumns<{value: number}>(sql));
    return {accountIds: accounts.accountIds, values: Float64Array.from(value)};
  };

export const followers: Method = {
  id: "followers",
  name: "Followers",
  summary: "Reported followers where the platform gives them, otherwise follower in-degree.",
  scoreLabel: "followers",
  // The reported counts Twitalyzer and the pairs features read too, once per call.
  async compute(db) {
    const {accountIds} = await accountList(db);
    return {accountIds, values: (await reportedCounts(db)).followers.slice()};
  },
  display: (values) => values.slice()
};

export const indegree: Method = {
  id: "indegree",
  name: "Follower in-degree",
  summary: "Distinct followers in the follow graph.",
  scoreLabel: "followers in the data",
  unavailable: withoutFollowGraph,
  compute: query(IN_DEGREE_SQL),
  display: (values) => values.slice()
};

export const lampos: Method = {
  id: "lampos",
  name: "Lampos impact",
  summary: "ln((listed+1)(followers+1)²/(following+1)) from reported counts (Lampos et al. 2014).",
  scoreLabel: "impact",
  unavailable: async (db) =>
    !(await hasRows(db, "SELECT 1 FROM accounts WHERE followers IS NOT NULL"))
      ? "the data reports no follower counts"
      : undefined,
  compute: query(LAMPOS_SQL),
  display: (values) => values.slice()
};
