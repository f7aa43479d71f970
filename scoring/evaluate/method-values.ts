/** One method's values for a given list of accounts, in that order: what the evaluations correlate. */
import type {Db} from "../db.js";
import type {MethodOptions} from "../methods/index.js";
import {scoreMethod} from "../score.js";

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
  const byId = new Map((await scoreMethod(db, method, options)).map((row) => [row.account_id, row.value]));
  return Float64Array.from(ids, (id) => {
    const value = byId.get(id);
    if (value === undefined) throw new Error(`${module}: ${method} gave no value for ${id}`);
    return value;
  });
}
