/**
 * A view of a `Db` that answers a repeated statement (the same SQL with the same parameters) from its first
 * answer. `scoreMethods` scores every method through one, so the queries several methods share (the reaction
 * graph of a window, per-account features, population counts) run once per call instead of once per method.
 * Scoring only reads; the view lives as long as the call, so it never serves data that has since changed.
 */
import type {Db, Row, Value} from "./db.js";

export function memoizedDb(db: Db): Db {
  const answers = new Map<string, Promise<Row[]>>();
  return {
    query<R extends Row = Row>(sql: string, params: readonly Value[] = []): Promise<R[]> {
      const key = JSON.stringify([sql, params]);
      let answer = answers.get(key);
      if (!answer) {
        answer = db.query(sql, params);
        answers.set(key, answer);
      }
      // A fresh array each time, so a caller that reorders its rows does not reorder another's.
      return answer.then((rows) => rows.slice() as R[]);
    }
  };
}
