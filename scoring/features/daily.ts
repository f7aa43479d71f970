/**
 * Features that are sums over UTC days: counts per (account, day) from one query, summed over the days of a
 * window in TypeScript. A method whose inputs are such sums (Kred's actions, the pairs aggregates) scores one
 * window by summing the rows inside it, and a daily history (`scoring/history.ts`) scores every day of the data
 * from one query over the whole span: a running sum adds the day that enters each window and takes out the day
 * that leaves it, instead of one query per day.
 */
import type {Columns} from "../db.js";
import type {FeatureTable} from "../methods/method.js";
import type {TimeWindow} from "./activity.js";

export const DAY_MS = 86_400_000;

/**
 * The UTC day of a row's timestamp, as days since 1970-01-01, negative before it (an SQL expression for `column`,
 * a TIMESTAMP). Its date less the epoch's rather than milliseconds `//` DAY_MS, which rounds toward zero and gave
 * the last day of 1969 the number of the first of 1970.
 */
export const utcDay = (column: string) => `(CAST(${column} AS DATE) - DATE '1970-01-01')::INTEGER`;

/** Per-day counts of every account, and the columns that do not change with time. */
export interface DailyCounts {
  /** Every account, with its time-independent columns (reported counts, window length …). */
  readonly accounts: FeatureTable;
  /** The names of the summed columns. */
  readonly names: readonly string[];
  /** One entry per (account, day) with any count: the account's index, the day, and one value per name. */
  readonly account: Int32Array;
  readonly day: Int32Array;
  readonly values: readonly Float64Array[];
}

/**
 * Gathers the columns of a per-day query (`day` and one column per name, with the account either as its index
 * in `accounts`, column `account` (see `ACCOUNT_INDEX_SQL`), or as its id, column `account_id`) against
 * `accounts`.
 *
 * @throws RangeError prefixed `scoring/features/daily: ` when a row names an account that `accounts` lacks.
 */
export function dailyCounts(accounts: FeatureTable, names: readonly string[], columns: Columns): DailyCounts {
  const n = accounts.accountIds.length;
  let account: Int32Array;
  if (columns.account) {
    account = Int32Array.from(columns.account as number[]);
    const outside = account.findIndex((i) => i < 0 || i >= n);
    if (outside >= 0) throw new RangeError(`scoring/features/daily: no account with index ${account[outside]}`);
  } else {
    const index = new Map(accounts.accountIds.map((id, i) => [id, i]));
    account = Int32Array.from(columns.account_id!, (id) => {
      const found = index.get(id as string);
      if (found === undefined) throw new RangeError(`scoring/features/daily: no account "${id}"`);
      return found;
    });
  }
  const day = Int32Array.from(columns.day! as number[]);
  const values = names.map((name) => Float64Array.from(columns[name]! as number[]));
  return {accounts, names, account, day, values};
}

/**
 * The feature table of each day's window, one per day of `days` (midnights, increasing, one day apart): the
 * sums over the `windowDays` days ending with that day, or over every day up to it when `windowDays` is
 * undefined. `windowDays` must be a whole number of days, so that windows are made of whole days.
 */
export function* slidingTables(
  daily: DailyCounts,
  days: readonly number[],
  windowDays: number | undefined
): Generator<FeatureTable> {
  if (windowDays !== undefined && !Number.isInteger(windowDays)) {
    throw new RangeError(`scoring/features/daily: windows must be whole days, got ${windowDays}`);
  }
  const n = daily.accounts.accountIds.length;
  const order = Array.from(daily.day.keys()).sort((a, b) => daily.day[a]! - daily.day[b]!);
  const running = daily.names.map(() => new Float64Array(n));
  const add = (row: number, sign: number) => {
    for (let k = 0; k < running.length; k++) running[k]![daily.account[row]!] += sign * daily.values[k]![row]!;
  };
  let entered = 0;
  let left = 0;
  for (const midnight of days) {
    const day = Math.round(midnight / DAY_MS);
    while (entered < order.length && daily.day[order[entered]!]! <= day) add(order[entered++]!, 1);
    if (windowDays !== undefined) {
      while (left < entered && daily.day[order[left]!]! <= day - windowDays) add(order[left++]!, -1);
    }
    yield withColumns(
      daily.accounts,
      daily.names,
      running.map((column) => column.slice())
    );
  }
}

/** The length of a window in days; an unbounded window (only that of an empty dataset) counts as one day. */
export function windowLength({from = null, to = null}: TimeWindow): number {
  return from === null || to === null ? 1 : (to - from) / DAY_MS;
}

function withColumns(table: FeatureTable, names: readonly string[], columns: readonly Float64Array[]): FeatureTable {
  return {...table, columns: {...table.columns, ...Object.fromEntries(names.map((name, k) => [name, columns[k]!]))}};
}
