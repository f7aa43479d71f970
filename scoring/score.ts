/**
 * Scores every account with the chosen methods: one row per (account, method) with the method's raw
 * value, its display score and the rank (1 = most influential).
 */
import type {Db} from "./db.js";
import {getMethod} from "./methods/index.js";

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

/** Scores with one method; rows come ordered by rank, ties by account id. */
export async function scoreMethod(db: Db, methodId: string): Promise<ScoreRow[]> {
  const method = getMethod(methodId);
  const computed = await method.compute(db);
  const values = Float64Array.from(computed, (row) => row.value);
  const scores = method.display(values);
  const ranks = rankDescending(values);
  const rows = computed.map(({account_id}, i) => ({
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

/** Scores with several methods, method by method. */
export async function scoreMethods(db: Db, methodIds: readonly string[]): Promise<ScoreRow[]> {
  for (const id of methodIds) getMethod(id); // fail on an unknown name before any work is done
  const perMethod: ScoreRow[][] = [];
  for (const id of methodIds) perMethod.push(await scoreMethod(db, id));
  return perMethod.flat();
}
