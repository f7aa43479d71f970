/**
 * The leaderboard: accounts in rank order under one method, `data-testid="leaderboard"`, one `tr` per account
 * whose first cell is its handle, linked to its profile. Handles are written as text.
 */
import {LEADERBOARD_SIZE, formatNumber, type TopRow} from "./overview.js";
import {textTable} from "./text-table.js";

/** The top `limit` rows of `rows` (ranked by `method`) as a table; `profile` gives each account's profile link. */
export function leaderboard(
  rows: readonly TopRow[],
  method: {id: string; scoreLabel: string},
  {
    profile,
    limit = LEADERBOARD_SIZE,
    document = globalThis.document
  }: {profile: (accountId: string) => string; limit?: number; document?: Document}
): HTMLTableElement {
  const count = (value: unknown) => formatNumber(value as number);
  const table = textTable(
    rows.slice(0, limit),
    [
      {key: "handle", label: "Handle", href: (row) => profile(row.account_id)},
      {key: "network", label: "Network"},
      {key: "rank", label: "Rank", format: count},
      {key: "score", label: `Score (${method.scoreLabel})`, format: count},
      {key: "value", label: "Raw value", format: count}
    ],
    {key: "account_id", testid: "leaderboard", document}
  );
  table.dataset.method = method.id;
  return table;
}
