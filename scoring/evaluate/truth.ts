/**
 * Scores judged against the truth of a simulated world (`truth(account_id, influence, role)`), per method:
 *
 * - Spearman's ρ and Kendall's tau-b of the method's values with the latent `influence`;
 * - Spearman's ρ with each account's simulated single-seed spread, its realised ability to drive action
 *   (Kempe, Kleinberg, Tardos 2003; `simulation/cascade/`; IC over the follow graph unless chosen otherwise);
 * - precision at k: |top_k(method) ∩ top_k(truth)| / k (accounts tied at the k-th place taken in order of
 *   account id, as `scoring/compare/top-k.ts` does);
 * - manipulation inflation per role: for each role other than `organic` (accounts without a role are left
 *   out), the median over its members of (mid-rank percentile under the method − mid-rank percentile under the
 *   truth), in percentile points: positive when the method lifts them above where their true influence puts
 *   them.
 *
 * The accounts judged are those with a truth row. Takes a `Db`, so the simulation page runs it in the browser.
 */
import {kendallTauBOfRankings, ranking, spearmanOfRankings, topK, topKOverlap} from "../compare/index.js";
import {withMemoizedDb} from "../memo-db.js";
import type {Db} from "../db.js";
import {METHODS} from "../methods/index.js";
import {midRankPercentiles} from "../scales.js";
import {runInSlices} from "../slices.js";
import {availableMethods} from "../score.js";
import {methodValues} from "./method-values.js";
import {
  CASCADE_DEFAULTS,
  cascadeModel,
  singleSeedSpreadSteps,
  type CascadeOptions
} from "../../simulation/cascade/index.js";

const MODULE = "scoring/evaluate/truth";

export const TRUTH_DEFAULTS = Object.freeze({k: 50, runs: 200, seed: 1, concurrent: false, ...CASCADE_DEFAULTS});

export interface TruthOptions extends CascadeOptions {
  /** Methods to judge (default: every registered method); those the data cannot feed are skipped. */
  methods?: readonly string[];
  /** Length of the top lists of precision at k, a positive integer (capped at the number of accounts). */
  k?: number;
  /** Live-edge samples of the single-seed spread. */
  runs?: number;
  /** Seed of the spread simulation. */
  seed?: number;
  /**
   * Whether the methods and the spread are computed side by side, all their queries in flight at once, so one
   * method's work in JavaScript overlaps another's SQL (both engines take statements sent together, `Db`). Off by
   * default, so that one method's results at a time are held (every method of the 20,000-account world on native
   * DuckDB: 16.4-17.9 s side by side, 18.4-18.8 s in turn).
   */
  concurrent?: boolean;
  /**
   * Called with the stage ("scores" or "spread") and the share of it done; the stages interleave when
   * `concurrent`.
   */
  onProgress?: (stage: string, fraction: number) => void;
}

/** One method judged against the truth; NaN where a correlation is undefined (a constant variable). */
export interface MethodTruth {
  method: string;
  spearman: number;
  kendall: number;
  spreadSpearman: number;
  precisionAtK: number;
  /** Per role other than `organic`: the median rank-percentile points gained over the truth. */
  inflation: Record<string, number>;
}

export interface TruthEvaluation {
  /** Accounts judged: those with a truth row. */
  accounts: number;
  /** The k of precision at k, after capping. */
  k: number;
  /** Members of each role, `organic` included. */
  roles: Record<string, number>;
  /** Spearman's ρ of the true influence with the simulated spread: how far the cascade model agrees with the truth. */
  truthSpreadSpearman: number;
  methods: MethodTruth[];
  /** Methods the data cannot feed, with the reason. */
  skipped: {method: string; reason: string}[];
}

/** The dataset has no truth: it is not a simulated world. */
export class MissingTruthError extends Error {
  override name = "MissingTruthError";
  constructor() {
    super(
      `${MODULE}: the truth table is empty; only a simulated world knows its true influence: generate one with ` +
        "`sway simulate`, or measure predictive validity with `sway evaluate predictive`"
    );
  }
}

const TRUTH_SQL = `
SELECT t.account_id, t.influence, t.role
FROM truth t JOIN accounts a USING (account_id)
ORDER BY t.account_id
`;

/**
 * Judges every method the data can feed against the truth of `db`.
 *
 * @throws MissingTruthError when the truth table has no rows for the dataset's accounts.
 * @example
 * const {methods} = await evaluateTruth(db, {methods: ["followers", "pagerank"], k: 20});
 * methods[0].spearman; // followers' rank correlation with the latent influence
 */
export async function evaluateTruth(db: Db, options: TruthOptions = {}): Promise<TruthEvaluation> {
  const {k, runs, seed, onProgress, concurrent, methods: requested, ...cascade} = {...TRUTH_DEFAULTS, ...options};
  if (!Number.isInteger(k) || k < 1) throw new Error(`${MODULE}: k must be a positive integer, got ${k}`);
  // The queries several methods share (the reaction graph, features, the follow graph the spread also walks)
  // run once for all of them.
  return withMemoizedDb(db, async (shared) => {
    const methodIds = requested ?? METHODS.map((method) => method.id);
    const readTruth = async () => {
      const rows = await db.query<{account_id: string; influence: number; role: string | null}>(TRUTH_SQL);
      if (rows.length === 0) throw new MissingTruthError();
      return rows;
    };
    // Side by side, the engine checks which methods the data can feed while the truth's rows are converted.
    const [truthRows, {available, unavailable}] = concurrent
      ? await Promise.all([readTruth(), availableMethods(shared, methodIds)])
      : [await readTruth(), await availableMethods(shared, methodIds)];
    const ids = truthRows.map((row) => row.account_id);
    const truth = Float64Array.from(truthRows, (row) => row.influence);
    const roles = truthRows.map((row) => row.role);
    let scored = 0;
    onProgress?.("scores", 0);
    const scoreMethod = async (id: string) => {
      const values = await methodValues(shared, id, ids, {}, MODULE);
      onProgress?.("scores", ++scored / available.length);
      return values;
    };
    const simulateSpread = async () => {
      const {accountIds, model} = await cascadeModel(shared, cascade);
      // In slices: the engine's answers to the methods' queries are taken, and their next statements sent, between
      // the samples instead of after them all.
      const spreadByNode = await runInSlices(
        singleSeedSpreadSteps(model, {runs, seed, onProgress: (fraction) => onProgress?.("spread", fraction)})
      );
      const nodeOf = new Map(accountIds.map((id, node) => [id, node]));
      return Float64Array.from(ids, (id) => spreadByNode[nodeOf.get(id)!]);
    };
    let judged: ReturnType<typeof judgeAgainstTruth>;
    let methods: MethodTruth[];
    if (concurrent) {
      // Each method is judged as soon as its values and the spread are in, while the engine works for the others.
      const judging = simulateSpread().then((spread) => judgeAgainstTruth(truth, roles, spread, ids, k));
      const judgeMethod = async (method: string) => {
        const values = await scoreMethod(method);
        return {method, ...(await judging).judge(values)};
      };
      [judged, methods] = await Promise.all([judging, Promise.all(available.map(judgeMethod))]);
    } else {
      const columns: Float64Array[] = [];
      for (const id of available) columns.push(await scoreMethod(id));
      const spread = await simulateSpread();
      judged = judgeAgainstTruth(truth, roles, spread, ids, k);
      methods = available.map((method, i) => ({method, ...judged.judge(columns[i])}));
    }

    return {
      accounts: ids.length,
      k: Math.min(k, ids.length),
      roles: countRoles(roles),
      truthSpreadSpearman: judged.truthSpreadSpearman,
      methods,
      skipped: unavailable
    };
  });
}

/**
 * The pure part: given the truth, the roles, the simulated spread and the account ids (all aligned), a function
 * that judges one method's values.
 */
export function judgeAgainstTruth(
  truth: Float64Array,
  roles: readonly (string | null)[],
  spread: Float64Array,
  ids: readonly string[],
  k: number
): {truthSpreadSpearman: number; judge: (values: Float64Array) => Omit<MethodTruth, "method">} {
  const truthRanking = ranking(truth, MODULE);
  const spreadRanking = ranking(spread, MODULE);
  const truthTop = topK(truth, ids, k).indices;
  const truthPercentiles = midRankPercentiles(truth);
  const members = new Map<string, number[]>();
  roles.forEach((role, i) => {
    if (role !== null && role !== "organic") members.set(role, [...(members.get(role) ?? []), i]);
  });
  const roleNames = [...members.keys()].sort();
  return {
    truthSpreadSpearman: spearmanOfRankings(truthRanking, spreadRanking),
    judge(values) {
      const valueRanking = ranking(values, MODULE);
      const percentiles = midRankPercentiles(values);
      const inflation: Record<string, number> = {};
      for (const role of roleNames) {
        inflation[role] = median(members.get(role)!.map((i) => 100 * (percentiles[i] - truthPercentiles[i])));
      }
      return {
        spearman: spearmanOfRankings(valueRanking, truthRanking),
        kendall: kendallTauBOfRankings(valueRanking, truthRanking),
        spreadSpearman: spearmanOfRankings(valueRanking, spreadRanking),
        precisionAtK: topKOverlap(topK(values, ids, k).indices, truthTop).overlap,
        inflation
      };
    }
  };
}

function countRoles(roles: readonly (string | null)[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const role of roles) if (role !== null) counts[role] = (counts[role] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The middle value, or the mean of the two middle values. */
function median(values: number[]): number {
  const sorted = values.sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
