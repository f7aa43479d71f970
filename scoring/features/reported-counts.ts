/**
 * The counts a platform reports for each account, which do not depend on the window: followers and following
 * as reported, else the follow graph's in-degree and out-degree (distinct accounts, not oneself, counted only
 * for the accounts that report none), else 0; listed as reported, else 0.
 *
 * Read once per memoized view (`derived`) by the methods that use them (Twitalyzer's Impact, the pairs
 * aggregates). Only accounts with a count other than 0 have a row, by index (their code in `codes`,
 * `scoring/features/indexed.ts`): data without reported counts or follows (SNAP Higgs) sends nothing back.
 */
import type {Db} from "../db.js";
import {derived} from "../memo-db.js";
import {accountList, byAccount} from "./accounts.js";
import {accountCodes} from "./indexed.js";

export const reportedCountsSql = (codes: string) => `
WITH in_degree AS (
  SELECT followee_id AS account_id, count(DISTINCT follower_id) AS n FROM follows
  WHERE follower_id <> followee_id AND followee_id IN (SELECT account_id FROM accounts WHERE followers IS NULL)
  GROUP BY followee_id
),
out_degree AS (
  SELECT follower_id AS account_id, count(DISTINCT followee_id) AS n FROM follows
  WHERE follower_id <> followee_id AND follower_id IN (SELECT account_id FROM accounts WHERE following IS NULL)
  GROUP BY follower_id
),
counts AS (
  SELECT n.account, coalesce(a.followers, i.n, 0)::DOUBLE AS followers,
    coalesce(a.following, o.n, 0)::DOUBLE AS following, coalesce(a.listed, 0)::DOUBLE AS listed
  FROM accounts a
  JOIN ${codes} n USING (account_id)
  LEFT JOIN in_degree i USING (account_id)
  LEFT JOIN out_degree o USING (account_id)
)
SELECT account, followers, following, listed FROM counts WHERE followers <> 0 OR following <> 0 OR listed <> 0
`;

/** Every account's reported (or follow graph) counts, in `accountList` order. */
export interface ReportedCounts {
  readonly followers: Float64Array;
  readonly following: Float64Array;
  readonly listed: Float64Array;
}

/** The reported counts of every account (`reportedCountsSql`); shared by the callers of a memoized view. */
export function reportedCounts(db: Db): Promise<ReportedCounts> {
  return derived(db, ["reportedCounts"], async () => {
    const n = (await accountList(db)).accountIds.length;
    const rows = await db.queryColumns<{account: number; followers: number; following: number; listed: number}>(
      reportedCountsSql(await accountCodes(db))
    );
    return byAccount(n, rows, ["followers", "following", "listed"]);
  });
}
