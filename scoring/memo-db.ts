/**
 * A view of a `Db` that answers a repeated statement (the same SQL with the same parameters) from its first
 * answer. `scoreMethods` scores every method through one, so the queries several methods share (the reaction
 * graph of a window, per-account features, population counts) run once per call instead of once per method.
 * A statement runs once whether it is asked for as rows or as columns: the rows are made from its columns.
 * What methods derive from the answers in TypeScript (topic scores, per-day counts) is kept on the view too
 * (`derived`). Scoring only reads; the view lives as long as the call, so it never serves data that has since
 * changed.
 */
import {rowsOf, type Columns, type Db, type Row, type Value} from "./db.js";

/** The derived results of each memoized view, by key. */
const derivedResults = new WeakMap<Db, Map<string, Promise<unknown>>>();

/**
 * `compute()` once per memoized view and `key` (which must name everything the result depends on besides the
 * data), shared by every caller, who must not change it; computed anew on each call for any other `Db`.
 */
export function derived<T>(db: Db, key: readonly unknown[], compute: () => Promise<T>): Promise<T> {
  const results = derivedResults.get(db);
  if (!results) return compute();
  const name = JSON.stringify(key);
  let result = results.get(name) as Promise<T> | undefined;
  if (!result) results.set(name, (result = compute()));
  return result;
}

export function memoizedDb(db: Db): Db {
  const columns = new Map<string, Promise<Columns>>();
  const rows = new Map<string, Promise<Row[]>>();
  const columnsOf = (key: string, sql: string, params: readonly Value[]) => {
    let answer = columns.get(key);
    if (!answer) columns.set(key, (answer = db.queryColumns(sql, params)));
    return answer;
  };
  const view: Db = {
    // Fresh arrays each time, so a caller that reorders its rows or values does not reorder another's.
    queryColumns<R extends Row = Row>(sql: string, params: readonly Value[] = []): Promise<Columns<R>> {
      return columnsOf(JSON.stringify([sql, params]), sql, params).then(
        (answer) =>
          Object.fromEntries(Object.entries(answer).map(([name, values]) => [name, values.slice()])) as Columns<R>
      );
    },
    query<R extends Row = Row>(sql: string, params: readonly Value[] = []): Promise<R[]> {
      const key = JSON.stringify([sql, params]);
      let answer = rows.get(key);
      if (!answer) rows.set(key, (answer = columnsOf(key, sql, params).then(rowsOf)));
      return answer.then((rows) => rows.slice() as R[]);
    }
  };
  derivedResults.set(view, new Map());
  return view;
}
