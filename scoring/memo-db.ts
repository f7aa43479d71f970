/**
 * A view of a `Db` that answers a repeated statement (the same SQL with the same parameters) from its first
 * answer. `scoreMethods` scores every method through one, so the queries several methods share (the reaction
 * graph of a window, per-account features, population counts) run once per call instead of once per method.
 * A statement runs once whether it is asked for as rows or as columns (the rows are made from its columns), and once
 * more at most as integers (`queryIntegers`).
 * What methods derive from the answers in TypeScript (topic scores, per-day counts) is kept on the view too
 * (`derived`). Scoring only reads; the view lives as long as the call, so it never serves data that has since
 * changed. Relations several queries read (the interactions with their accounts as integers) are made once per view
 * as TEMP tables (`sharedRelation`), which `releaseDb` drops when the call ends, unless the caller holds them as
 * tables already (`withRelations`).
 */
import {rowsOf, type Columns, type Db, type IntegerColumns, type Row, type Value} from "./db.js";

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

/** The connection under each view that holds TEMP tables (`sharedRelation`), and its tables by key. */
interface ViewTables {
  readonly db: Db;
  readonly tables: Map<string, Promise<string>>;
  released: boolean;
}

const viewTables = new WeakMap<Db, ViewTables>();

/** A new `Db` that runs every statement on `db`: a view other state of this module can be kept on. */
const passThrough = (db: Db): Db => ({
  queryColumns: (sql, params) => db.queryColumns(sql, params),
  queryIntegers: (sql, params) => db.queryIntegers(sql, params),
  query: (sql, params) => db.query(sql, params)
});

/** The relations that already exist as tables for the queries of a `Db` (`withRelations`), by key. */
const standingTables = new WeakMap<Db, ReadonlyMap<string, string>>();

/**
 * A view of `db` whose shared relations named in `tables` (key → the name of a table holding exactly the rows that
 * `sharedRelation`'s query for that key would give) are those tables: for a caller that has the relations at hand
 * already, as the simulation lab has a world's account codes. Views made on it (`memoizedDb`, `tableDb`) read them
 * too, and no view drops them. Only the keys' queries are skipped; every other statement runs as on `db`.
 */
export function withRelations(db: Db, tables: Readonly<Record<string, string>>): Db {
  const view = passThrough(db);
  standingTables.set(view, new Map([...(standingTables.get(db) ?? []), ...Object.entries(tables)]));
  return view;
}

/** The view `view` of `db` reads the standing relations of `db`. */
function inherit(view: Db, db: Db): void {
  const standing = standingTables.get(db);
  if (standing) standingTables.set(view, standing);
}

/**
 * A relation holding the rows of `select` (a query without parameters), to put after FROM, for a relation that one
 * query reads: the table standing for `key` (`withRelations`) where there is one, else the query itself as a
 * subquery, never a TEMP table.
 */
export function standingRelation(db: Db, key: string, select: string): string {
  return standingTables.get(db)?.get(key) ?? `(${select})`;
}

/** Numbers the TEMP tables of this module: views scoring at the same time on one connection never share a name. */
let tableCount = 0;

/**
 * A relation holding the rows of `select` (a query without parameters), to put after FROM: within a memoized view
 * (or a `tableDb`) a TEMP table made once per view and `key` (a word: letters, digits and `_`) and dropped by
 * `releaseDb`; for any other `Db` the query itself as a subquery, so nothing is left behind.
 *
 * @throws Error prefixed `scoring/memo-db: ` when the view has been released.
 */
export function sharedRelation(db: Db, key: string, select: string): Promise<string> {
  const standing = standingTables.get(db)?.get(key);
  if (standing !== undefined) return Promise.resolve(standing);
  const view = viewTables.get(db);
  if (!view) return Promise.resolve(`(${select})`);
  let table = view.tables.get(key);
  if (!table) {
    if (view.released) return Promise.reject(new Error(`scoring/memo-db: ${key} asked of a released view`));
    const name = `sway_${key}_${++tableCount}`;
    table = view.db.query(`CREATE TEMP TABLE ${name} AS ${select}`).then(() => name);
    view.tables.set(key, table);
  }
  return table;
}

/**
 * Drops the TEMP tables of a memoized view or `tableDb` (`sharedRelation`), once those being made are done; the view
 * makes no more. Does nothing for any other `Db`.
 */
export async function releaseDb(db: Db): Promise<void> {
  const view = viewTables.get(db);
  if (!view) return;
  view.released = true;
  const tables = [...view.tables.values()];
  view.tables.clear();
  for (const table of await Promise.allSettled(tables)) {
    if (table.status === "fulfilled") await view.db.query(`DROP TABLE IF EXISTS ${table.value}`);
  }
}

/**
 * A view of `db` that runs every statement as `db` does (nothing memoized) but keeps the relations of
 * `sharedRelation` as TEMP tables until `releaseDb`: for callers that run many statements that differ (a score per
 * day), which a memoized view would keep every answer of.
 */
export function tableDb(db: Db): Db {
  const view = passThrough(db);
  viewTables.set(view, {db, tables: new Map(), released: false});
  inherit(view, db);
  return view;
}

/**
 * `work` on a view of `db` that keeps the relations of `sharedRelation` as TEMP tables: `db` itself when it is such a
 * view (its owner releases it), else a `tableDb` released when `work` ends, however it ends.
 */
export async function withTables<T>(db: Db, work: (db: Db) => Promise<T>): Promise<T> {
  if (viewTables.has(db)) return work(db);
  const view = tableDb(db);
  try {
    return await work(view);
  } finally {
    await releaseDb(view);
  }
}

/**
 * `work` on a memoized view of `db` (`memoizedDb`), whose TEMP tables are dropped when `work` ends, however it
 * ends: how a call that runs many queries should make its view.
 */
export async function withMemoizedDb<T>(db: Db, work: (db: Db) => Promise<T>): Promise<T> {
  const view = memoizedDb(db);
  try {
    return await work(view);
  } finally {
    await releaseDb(view);
  }
}

/** A copy of each column of `answer`. */
const copies = <C extends {slice(): C}>(answer: Record<string, C>): Record<string, C> =>
  Object.fromEntries(Object.entries(answer).map(([name, values]) => [name, values.slice()]));

export function memoizedDb(db: Db): Db {
  const columns = new Map<string, Promise<Columns>>();
  const rows = new Map<string, Promise<Row[]>>();
  const columnsOf = (key: string, sql: string, params: readonly Value[]) => {
    let answer = columns.get(key);
    if (!answer) columns.set(key, (answer = db.queryColumns(sql, params)));
    return answer;
  };
  const integers = new Map<string, Promise<IntegerColumns>>();
  const view: Db = {
    // Fresh arrays each time, so a caller that reorders its rows or values does not reorder another's.
    queryColumns<R extends Row = Row>(sql: string, params: readonly Value[] = []): Promise<Columns<R>> {
      return columnsOf(JSON.stringify([sql, params]), sql, params).then((answer) => copies(answer) as Columns<R>);
    },
    // Fresh copies too: a copy of a typed array is one move of its bytes.
    queryIntegers<K extends string = string>(sql: string, params: readonly Value[] = []): Promise<IntegerColumns<K>> {
      const key = JSON.stringify([sql, params]);
      let answer = integers.get(key);
      if (!answer) integers.set(key, (answer = db.queryIntegers(sql, params)));
      return answer.then((answer) => copies(answer) as IntegerColumns<K>);
    },
    query<R extends Row = Row>(sql: string, params: readonly Value[] = []): Promise<R[]> {
      const key = JSON.stringify([sql, params]);
      let answer = rows.get(key);
      if (!answer) rows.set(key, (answer = columnsOf(key, sql, params).then(rowsOf)));
      return answer.then((rows) => rows.slice() as R[]);
    }
  };
  derivedResults.set(view, new Map());
  viewTables.set(view, {db, tables: new Map(), released: false});
  inherit(view, db);
  return view;
}
