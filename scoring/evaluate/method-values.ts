/** One method's values for a given list of accounts, in that order: what the evaluations correlate. */
import type {Db} from "../db.js";
import {getMethod, type MethodOptions} from "../methods/index.js";
import {resolveOptions} from "../score.js";

/**
 * Scores with `method` and returns the value of each account of `ids`, in that order.
 *
 * @throws Error prefixed `module: ` when the method gave no value for one of the accounts.
 */
export async function methodValues(
  db: Db,
  method: string,
  ids: readonly string[],
  options: MethodOptions,
  module: string
): Promise<Float64Array> {
  const scoring = getMethod(method);
  const {accountIds, values} = await scoring.compute(db, await resolveOptions(db, scoring, options));
  // Most often the method lists the same accounts in the same order (both by id): no lookup needed.
  if (sameList(accountIds, ids)) return Float64Array.from(values);
  const indexOf = new Map(accountIds.map((id, i) => [id, i]));
  return Float64Array.from(ids, (id) => {
    const index = indexOf.get(id);
    if (index === undefined) throw new Error(`${module}: ${method} gave no value for ${id}`);
    return values[index]!;
  });
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
