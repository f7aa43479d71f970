/**
 * The overview's queries, on any `Db`: native DuckDB when the site is built (the built-in world's first view,
 * `src/data/overview.json.ts`) and duckdb-wasm in the page, which imports this module only for a dataset the
 * build did not compute.
 */
import {
  METHODS,
  availableMethods,
  interactionKindCounts,
  networkCounts,
  scoreMethod,
  type Db,
  type Row
} from "../scoring/index.js";
import {withMemoizedDb} from "../scoring/memo-db.js";
import {
  methodView,
  type AccountHandle,
  type DatasetFacts,
  type LiveOverview,
  type MethodView,
  type OverviewSnapshot
} from "./overview.js";

/** Every account's handle and network, to name the accounts of a leaderboard. */
export function accountHandles(db: Db): Promise<AccountHandle[]> {
  return db.query<AccountHandle & Row>("SELECT account_id, handle, network FROM accounts");
}

/** The dataset's counts per network and per kind, and the methods of the registry it can feed. */
export async function datasetFacts(db: Db): Promise<DatasetFacts> {
  const counts = await networkCounts(db);
  const kinds = await interactionKindCounts(db);
  const {available} = await availableMethods(
    db,
    METHODS.map((method) => method.id)
  );
  const usable = METHODS.filter((method) => available.includes(method.id));
  return {counts, kinds, available: usable.map(({id, name, summary, scoreLabel}) => ({id, name, summary, scoreLabel}))};
}

/** Scores the dataset with `methodId` and gives the overview's view of it. */
export async function scoreView(db: Db, methodId: string, accounts: readonly AccountHandle[]): Promise<MethodView> {
  return methodView(await scoreMethod(db, methodId), accounts);
}

/**
 * The overview's first view for every method the dataset can feed: what the build computes on native DuckDB so
 * that the page can show it before duckdb-wasm has started. Queries the methods share run once.
 */
export function overviewSnapshot(db: Db): Promise<OverviewSnapshot> {
  return withMemoizedDb(db, async (shared) => {
    const facts = await datasetFacts(shared);
    const accounts = await accountHandles(shared);
    const views: Record<string, MethodView> = {};
    for (const {id} of facts.available) views[id] = await scoreView(shared, id, accounts);
    return {...facts, views};
  });
}

/** The overview of a dataset open in the page's engine; closing it closes `db`. */
export async function liveOverview(db: Db & {close(): Promise<void>}): Promise<LiveOverview> {
  const accounts = await accountHandles(db);
  return {
    facts: () => datasetFacts(db),
    view: (methodId) => scoreView(db, methodId, accounts),
    close: () => db.close()
  };
}
