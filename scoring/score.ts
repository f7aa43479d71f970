/**
 * Scores every account with the chosen methods: one row per (account, method) with the method's raw
 * value, its display score and the rank (1 = most influential).
 */
import type {Db} from "./db.js";
import {getMethod, type Method, type MethodOptions, type ResolvedOptions} from "./methods/index.js";
import {resolveWeights} from "./weights.js";
import {resolveWindow} from "./window.js";
import {withMemoizedDb, withTables} from "./memo-db.js";
import {ascendingOrder, descendingOrderByIndex, turnedAround} from "./order.js";

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
  return ranksInOrder(values, descendingOrder(values));
}

/** The indices of `values`, largest value first; equal values in the order of `tied` (default: by index). */
function descendingOrder(values: ArrayLike<number>, tied?: (a: number, b: number) => number): Uint32Array {
  if (!tied) {
    const order = descendingOrderByIndex(values);
    if (order) return order;
  }
  const byIndex = (a: number, b: number) => a - b;
  const order = new Uint32Array(values.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => values[b]! - values[a]! || (tied ?? byIndex)(a, b));
}

/** Competition ranks of `values` from their `descendingOrder`. */
function ranksInOrder(values: ArrayLike<number>, order: Uint32Array): Int32Array {
  const ranks = new Int32Array(values.length);
  for (let position = 0; position < order.length; position++) {
    const index = order[position]!;
    const previous = order[position - 1];
    ranks[index] = previous !== undefined && values[previous] === values[index] ? ranks[previous]! : position + 1;
  }
  return ranks;
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Frozen lists of ids found in order: methods share one (`accountList`), which then needs checking once. */
const idLists = new WeakSet<readonly string[]>();

function inIdOrder(ids: readonly string[]): boolean {
  if (idLists.has(ids)) return true;
  for (let i = 1; i < ids.length; i++) if (compareIds(ids[i - 1]!, ids[i]!) > 0) return false;
  if (Object.isFrozen(ids)) idLists.add(ids);
  return true;
}

/** The method's window and weights for `options`, after defaults and validation. */
export async function resolveOptions(db: Db, method: Method, options: MethodOptions = {}): Promise<ResolvedOptions> {
  const weights = resolveWeights(method, options.weights);
  const window = await resolveWindow(db, options.at, options.windowDays ?? method.windowDays);
  return {window, weights};
}

/**
 * One method's scores, column by column: per account (in the order the method returned them) its raw value, display
 * score and rank, and the accounts in rank order. What scoring several methods keeps: rows (`scoreRows`) are built
 * only where they are shown or written, since an object per account and method costs more than the scoring itself on
 * large data (20 methods × 300,000 Higgs accounts).
 */
export interface MethodScores {
  readonly method: string;
  readonly accountIds: readonly string[];
  readonly values: Float64Array;
  readonly scores: Float64Array;
  /** Competition ranks, 1 = most influential. */
  readonly ranks: Int32Array;
  /** Account indices from rank 1 down, ties by account id. */
  readonly order: Uint32Array;
}

/** The scores of `method` for raw values, one per account. */
export function rankedScores(method: Method, accountIds: readonly string[], values: Float64Array): MethodScores {
  // One sort serves the display (percentile scales) and the ranks.
  const ascending = ascendingOrder(values);
  const scores = method.display(values, ascending);
  // Accounts usually come in id order already; then ties go by index, without comparing strings.
  const sorted = inIdOrder(accountIds);
  const order =
    sorted && ascending
      ? turnedAround(values, ascending)
      : descendingOrder(values, sorted ? undefined : (a, b) => compareIds(accountIds[a]!, accountIds[b]!));
  return {method: method.id, accountIds, values, scores, ranks: ranksInOrder(values, order), order};
}

/** Rows of `scores` ordered by rank, ties by account id: the first `limit` (default all). */
export function scoreRows(scores: MethodScores, limit = scores.order.length): ScoreRow[] {
  const {method, accountIds, values, ranks, order} = scores;
  const rows = new Array<ScoreRow>(Math.min(limit, order.length));
  for (let position = 0; position < rows.length; position++) {
    const i = order[position]!;
    rows[position] = {account_id: accountIds[i]!, method, value: values[i]!, score: scores.scores[i]!, rank: ranks[i]!};
  }
  return rows;
}

/** Rows of `method` for raw values, one per account, ordered by rank, ties by account id. */
export function rankedRows(method: Method, accountIds: readonly string[], values: Float64Array): ScoreRow[] {
  return scoreRows(rankedScores(method, accountIds, values));
}

/** Scores with one method, column by column. */
export async function scoreMethodColumns(db: Db, methodId: string, options: MethodOptions = {}): Promise<MethodScores> {
  const method = getMethod(methodId);
  // The method's queries share one copy of the indexed interactions (scoring/features/indexed.ts).
  return withTables(db, async (tables) => {
    const {accountIds, values} = await method.compute(tables, await resolveOptions(tables, method, options));
    return rankedScores(method, accountIds, values);
  });
}

/** Scores with one method; rows come ordered by rank, ties by account id. */
export async function scoreMethod(db: Db, methodId: string, options: MethodOptions = {}): Promise<ScoreRow[]> {
  return scoreRows(await scoreMethodColumns(db, methodId, options));
}

/** Methods scored at the same time. */
const CONCURRENT_METHODS = 3;

/** Options for every method of a `scoreMethods` call: `weights` maps a method id to its weights. */
export type ScoreMethodsOptions = Omit<MethodOptions, "weights"> & {
  weights?: Readonly<Record<string, Readonly<Record<string, number>>>>;
};

/** Told after each method is scored: its id, and how many of the call's methods are done. */
export type ScoredProgress = (methodId: string, done: number, total: number) => void;

/** Options of the calls that score several methods: rows already known, and who hears of progress. */
export interface ScoreEachOptions {
  /** Scores taken as they are, by method id, instead of being scored again. */
  known?: ReadonlyMap<string, MethodScores>;
  /** Told after each method is scored. */
  onScored?: ScoredProgress;
}

/**
 * The order in which methods scored together start, as indices into `methodIds`: those with a long kernel first
 * (its work then fills the time the others wait on the database), the others as given.
 */
export function scoringOrder(methodIds: readonly string[]): number[] {
  const late = (k: number) => (getMethod(methodIds[k]!).longKernel ? 0 : 1);
  return methodIds.map((_, k) => k).sort((a, b) => late(a) - late(b) || a - b);
}

/** Each method's scores, in the order of `methodIds`, scored a few at a time. */
async function scoreEach(
  db: Db,
  methodIds: readonly string[],
  options: ScoreMethodsOptions,
  {known = new Map(), onScored}: ScoreEachOptions
): Promise<MethodScores[]> {
  for (const id of methodIds) resolveWeights(getMethod(id), options.weights?.[id]); // fail before any work
  // Queries the methods share (the reaction graph, features) run once for all of them. A few methods run at a
  // time, so that the database works on one method's queries while TypeScript computes another's values.
  const perMethod: MethodScores[] = new Array(methodIds.length);
  const queue = scoringOrder(methodIds);
  let next = 0;
  let done = 0;
  const worker = async (shared: Db) => {
    while (next < queue.length) {
      const k = queue[next++]!;
      const id = methodIds[k]!;
      perMethod[k] =
        known.get(id) ?? (await scoreMethodColumns(shared, id, {...options, weights: options.weights?.[id]}));
      onScored?.(id, ++done, methodIds.length);
    }
  };
  await withMemoizedDb(db, (shared) =>
    Promise.all(Array.from({length: Math.min(CONCURRENT_METHODS, methodIds.length)}, () => worker(shared)))
  );
  return perMethod;
}

/** Scores with several methods, a few at a time; rows come method by method in the order of `methodIds`. */
export async function scoreMethods(
  db: Db,
  methodIds: readonly string[],
  options: ScoreMethodsOptions = {},
  each: ScoreEachOptions = {}
): Promise<ScoreRow[]> {
  return (await scoreEach(db, methodIds, options, each)).flatMap((scores) => scoreRows(scores));
}

/**
 * Scores with several methods like `scoreMethods`, and keeps each method's scores column by column, by method id,
 * in the order of `methodIds`.
 */
export async function scoreMethodsById(
  db: Db,
  methodIds: readonly string[],
  options: ScoreMethodsOptions = {},
  each: ScoreEachOptions = {}
): Promise<Map<string, MethodScores>> {
  const perMethod = await scoreEach(db, methodIds, options, each);
  return new Map(methodIds.map((id, k) => [id, perMethod[k]!]));
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
