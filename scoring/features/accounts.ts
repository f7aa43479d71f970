/**
 * Every account in `account_id` order with its network, read once per memoized view (`derived`). Feature
 * queries that return one row per account in this order return only their numeric columns, and take the ids and
 * networks from here: text columns are what a 300,000-account result costs most to read, query after query.
 */
import type {Db} from "../db.js";
import {derived} from "../memo-db.js";

export const ACCOUNTS_SQL = `SELECT account_id, network FROM accounts ORDER BY account_id`;

/**
 * A query numbering the accounts 0…n−1 in `account_id` order, the order of `accountList`: columns `account_id`
 * and `account` (INTEGER). Per-account rows that join it can return the index instead of the id, so no text
 * crosses from the database for them.
 */
export const ACCOUNT_INDEX_SQL = `SELECT account_id, (row_number() OVER (ORDER BY account_id) - 1)::INTEGER AS account FROM accounts`;

export interface AccountList {
  readonly accountIds: readonly string[];
  readonly networks: readonly string[];
}

/** The accounts in `account_id` order; shared by every caller of a memoized view, so frozen. */
export function accountList(db: Db): Promise<AccountList> {
  return derived(db, ["accountList"], async () => {
    const columns = await db.queryColumns<{account_id: string; network: string}>(ACCOUNTS_SQL);
    return {accountIds: Object.freeze(columns.account_id), networks: Object.freeze(columns.network)};
  });
}

/**
 * `columns` of a per-account query in `account_id` order, checked to have one value per account of `accounts`.
 *
 * @throws RangeError prefixed `scoring/features/accounts: ` when the lengths differ.
 */
export function perAccount<C extends Record<string, unknown[]>>(accounts: AccountList, columns: C): C {
  for (const [name, values] of Object.entries(columns)) {
    if (values.length !== accounts.accountIds.length) {
      throw new RangeError(
        `scoring/features/accounts: column ${name} has ${values.length} values for ${accounts.accountIds.length} accounts`
      );
    }
  }
  return columns;
}

/**
 * The columns `names` of a result with a row per account that has anything to count, by index (`account`, as
 * ACCOUNT_INDEX_SQL numbers them), spread over all `n` accounts: an account without a row gets 0.
 */
export function byAccount<Name extends string>(
  n: number,
  rows: Readonly<Record<Name | "account", readonly number[]>>,
  names: readonly Name[]
): Record<Name, Float64Array> {
  const accounts = rows.account;
  const columns = {} as Record<Name, Float64Array>;
  for (const name of names) {
    const column = (columns[name] = new Float64Array(n));
    const values = rows[name];
    for (let row = 0; row < accounts.length; row++) column[accounts[row]!] = values[row]!;
  }
  return columns;
}
