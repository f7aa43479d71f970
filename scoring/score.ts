/**
 * Scores every account with the chosen methods: one row per (account, method) with the method's raw
 * value, its display score and the rank (1 = most influential).
 */
import type {Db} from "./db.js";
import {getMethod, type Method, type MethodOptions, type ResolvedOptions} from "./methods/index.js";
import {resolveWeights} from "./weights.js";
import {resolveWindow} from "./window.js";
import {memoizedDb} from "./memo-db.js";

export interface ScoreRow {
  account_id: string;
  method: string;
  value: number;
  score: number;
  rank: number;
}

/**
 * Standard competition ranks ("1224") of `values`, largest first: tied values share the best rank of
 * their group and the next rank skips accordingly.
 */
export function rankDescending(values: ArrayLike<number>): Int32Array {
  const order = Array.from({length: values.length}, (_, i) => i).sort((a, b) => values[b]! - values[a]!);
  const ranks = new Int32Array(values.length);
  order.forEach((index, position) => {
    const previous = order[position - 1];
    ranks[index] = previous !== undefined && values[previous] === values[index] ? ranks[previous]! : position + 1;
  });
  return ranks;
}

/** The method's window and weights for `options`, after defaults and validation. */
export async function resolveOptions(db: Db, method: Method, options: MethodOptions = {}): Promise<ResolvedOptions> {
  const weights = resolveWeights(method, options.weights);
  const window = await resolveWindow(db, options.at, options.windowDays ?? method.windowDays);
  return {window, weights};
}

/** Rows of `method` for raw values, one per account, ordered by rank, ties by account id. */
export function rankedRows(method: Method, accountIds: readonly string[], values: Float64Array): ScoreRow[] {
  const scores = method.display(values);
  const ranks = rankDescending(values);
  const rows = accountIds.map((account_id, i) => ({
    account_id,
    method: method.id,
    value: values[i]!,
    score: scores[i]!,
    rank: ranks[i]!
  }));
  return rows.sort(
    (a, b) => a.rank - b.rank || (a.account_id < b.account_id ? -1 : a.account_id > b.account_id ? 1 : 0)
  );
}

/** Scores with one method; rows come ordered by rank, ties by account id. */
export async function scoreMethod(db: Db, methodId: string, options: MethodOptions = {}): Promise<ScoreRow[]> {
  const method = getMethod(methodId);
  const computed = await method.compute(db, await resolveOptions(db, method, options));
  return rankedRows(
    method,
    computed.map((row) => row.account_id),
    Float64Array.from(computed, (row) => row.value)
  );
}

/**
 * Scores with several methods, method by method. `weights` maps a method id to its weights; `at` and
 * `windowDays` apply to every method.
 */
export async function scoreMethods(
  db: Db,
  methodIds: readonly string[],
  options: Omit<MethodOptions, "weights"> & {weights?: Readonly<Record<string, Readonly<Record<string, number>>>>} = {}
): Promise<ScoreRow[]> {
  for (const id of methodIds) resolveWeights(getMethod(id), options.weights?.[id]); // fail before any work
  // Queries the methods share (the reaction graph, features) run once for all of them.
  const shared = memoizedDb(db);
  const perMethod: ScoreRow[][] = [];
  for (const id of methodIds)
    perMethod.push(await scoreMethod(shared, id, {...options, weights: options.weights?.[id]}));
  return perMethod.flat();
}

/** The methods of `methodIds` that can score this dataset, and why the others cannot. */
export async function availableMethods(
  db: Db,
  methodIds: readonly string[]
): Promise<{available: string[]; unavailable: {method: string; reason: string}[]}> {
  const available: string[] = [];
  const unavailable: {method: string; reason: string}[] = [];
  for (const id of methodIds) {
    const reason = await getMethod(id).unavailable?.(db);
    if (reason) unavailable.push({method: id, reason});
    else available.push(id);
  }
  return {available, unavailable};
}
