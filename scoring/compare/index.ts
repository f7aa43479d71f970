/**
 * Comparing scoring methods on the same accounts: rank correlations (Spearman's ρ, Kendall's tau-b), the
 * overlap of their top-k lists and the accounts on which each pair disagrees most. Takes the rows
 * `scoreMethods` returns (`compareMethods`) or the columns of `scoreMethodsById` (`compareScores`); pure, so the site
 * runs it on the same scores as the command line.
 */
import {scoreRows, type MethodScores, type ScoreRow} from "../score.js";
import {largestDisagreementsOfRankings} from "./disagreements.js";
import {kendallTauBOfRankings} from "./kendall.js";
import {ranking, spearmanOfRankings} from "./spearman.js";
import {topK, topKOverlap} from "./top-k.js";

export {spearman, spearmanOfRankings, ranking, type Ranking} from "./spearman.js";
export {kendallTauB, kendallTauBOfRankings} from "./kendall.js";
export {topK, topKOverlap, type TopK} from "./top-k.js";
export {
  largestDisagreements,
  largestDisagreementsOfRankings,
  rankPercentiles,
  type Disagreement
} from "./disagreements.js";

const MODULE = "scoring/compare";

export const COMPARE_DEFAULTS: Readonly<{k: number; top: number}> = Object.freeze({k: 100, top: 10});

export interface CompareOptions {
  /** Length of the top lists whose overlap is measured, a positive integer (capped at the number of accounts). Default 100. */
  k?: number;
  /** Accounts listed per pair of methods, a non-negative integer. Default 10. */
  top?: number;
}

export interface DisagreeingAccount {
  account_id: string;
  /** Rank under each method of the pair among the compared accounts (1 = most influential; ties share the best rank). */
  ranks: [number, number];
  /** Rank percentile under each method: the share of other accounts ranked above, ties counting half (0 = top). */
  percentiles: [number, number];
  /** |percentiles[0] − percentiles[1]|. */
  difference: number;
}

export interface Comparison {
  /** The methods, in the order their rows first appear; every matrix is indexed in this order. */
  methods: string[];
  /** Accounts compared: those scored by every method. */
  accounts: number;
  /** Accounts left out because some method did not score them. */
  excluded: number;
  /** Spearman's ρ of each pair of methods' values; NaN where a method gives every account the same value. */
  spearman: number[][];
  /** Kendall's tau-b of each pair; NaN as for Spearman. */
  kendall: number[][];
  topK: {
    /** The length of the lists compared: the requested k, capped at the number of accounts. */
    k: number;
    /** |top_k(A) ∩ top_k(B)| / k. */
    overlap: number[][];
    /** |top_k(A) ∩ top_k(B)| / |top_k(A) ∪ top_k(B)|. */
    jaccard: number[][];
    /** Per method: whether accounts tied at the k-th place were left out by account id (see `top-k.ts`). */
    tiedAtCutoff: boolean[];
  };
  /** For each pair of methods (i < j, in method order), the accounts with the largest difference in rank percentile. */
  disagreements: {methods: [string, string]; accounts: DisagreeingAccount[]}[];
}

/**
 * Compares the methods present in `rows` on the accounts that all of them scored. Everything is computed from
 * the rows' values; ranks are recomputed on the compared accounts, so they equal the rows' ranks whenever every
 * method scored every account (as `scoreMethods` does).
 *
 * @throws Error prefixed `scoring/compare: ` for an invalid option, an account listed twice for one method
 *   or a NaN value.
 * @example
 * const comparison = compareMethods(await scoreMethods(db, ["followers", "reactions"]), {k: 50});
 * comparison.kendall[0][1]; // tau-b of followers and reactions
 */
export function compareMethods(rows: readonly ScoreRow[], options: CompareOptions = {}): Comparison {
  return compareAligned(alignByAccount(rows), options);
}

/**
 * `compareMethods` of each method's scores column by column, as `scoreMethodsById` keeps them. When the methods
 * scored the same accounts in the same order (as they do on one dataset), no row is built.
 *
 * @example
 * const scored = await scoreMethodsById(db, ["followers", "reactions"]);
 * compareScores([...scored.values()], {k: 50}).spearman[0][1];
 */
export function compareScores(scores: readonly MethodScores[], options: CompareOptions = {}): Comparison {
  const first = scores[0];
  if (!first || !scores.every(({accountIds}) => sameIds(accountIds, first.accountIds))) {
    return compareMethods(
      scores.flatMap((methodScores) => scoreRows(methodScores)),
      options
    );
  }
  for (const {method, accountIds, values} of scores) {
    const index = values.findIndex(Number.isNaN);
    if (index >= 0) throw new Error(`${MODULE}: method ${method} gives account ${accountIds[index]} the value NaN`);
  }
  const methods = scores.map(({method}) => method);
  const repeated = methods.find((method, i) => methods.indexOf(method) !== i);
  if (repeated !== undefined) throw new Error(`${MODULE}: method ${repeated} is listed twice`);
  return compareAligned(
    {methods, ids: first.accountIds, columns: scores.map(({values}) => values), excluded: 0},
    options
  );
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** One column of values per method over the same accounts. */
interface Aligned {
  methods: string[];
  ids: readonly string[];
  columns: Float64Array[];
  excluded: number;
}

function compareAligned({methods, ids, columns, excluded}: Aligned, options: CompareOptions): Comparison {
  const k = options.k ?? COMPARE_DEFAULTS.k;
  const top = options.top ?? COMPARE_DEFAULTS.top;
  if (!Number.isInteger(k) || k < 1) throw new Error(`${MODULE}: k must be a positive integer, got ${k}`);
  if (!Number.isInteger(top) || top < 0) throw new Error(`${MODULE}: top must be a non-negative integer, got ${top}`);

  // Each method is sorted once; every pair it is in reuses that ranking.
  const rankings = columns.map((values) => ranking(values, MODULE));
  const lists = columns.map((values) => topK(values, ids, k));
  const overlaps = symmetric(methods.length, (i, j) => topKOverlap(lists[i].indices, lists[j].indices));

  const disagreements: Comparison["disagreements"] = [];
  for (let i = 0; i < methods.length; i++) {
    for (let j = i + 1; j < methods.length; j++) {
      const accounts = largestDisagreementsOfRankings(rankings[i], rankings[j], ids, top).map(
        ({index, ...disagreement}) => ({account_id: ids[index], ...disagreement})
      );
      disagreements.push({methods: [methods[i], methods[j]], accounts});
    }
  }

  return {
    methods,
    accounts: ids.length,
    excluded,
    spearman: symmetric(methods.length, (i, j) => spearmanOfRankings(rankings[i], rankings[j])),
    kendall: symmetric(methods.length, (i, j) => kendallTauBOfRankings(rankings[i], rankings[j])),
    topK: {
      k: Math.min(k, ids.length),
      overlap: overlaps.map((row) => row.map((pair) => pair.overlap)),
      jaccard: overlaps.map((row) => row.map((pair) => pair.jaccard)),
      tiedAtCutoff: lists.map((list) => list.tiedAtCutoff)
    },
    disagreements
  };
}

/** One column of values per method, over the accounts every method scored (in order of first appearance). */
function alignByAccount(rows: readonly ScoreRow[]): Aligned {
  const accountIndex = new Map<string, number>();
  const methodIndex = new Map<string, number>();
  for (const {account_id, method} of rows) {
    if (!accountIndex.has(account_id)) accountIndex.set(account_id, accountIndex.size);
    if (!methodIndex.has(method)) methodIndex.set(method, methodIndex.size);
  }
  // NaN marks "not scored": a NaN value is refused, so it cannot be confused with one.
  const columns = Array.from(methodIndex, () => new Float64Array(accountIndex.size).fill(NaN));
  for (const {account_id, method, value} of rows) {
    if (Number.isNaN(value)) throw new Error(`${MODULE}: method ${method} gives account ${account_id} the value NaN`);
    const column = columns[methodIndex.get(method)!];
    const account = accountIndex.get(account_id)!;
    if (!Number.isNaN(column[account])) {
      throw new Error(`${MODULE}: account ${account_id} appears twice for method ${method}`);
    }
    column[account] = value;
  }
  const allIds = [...accountIndex.keys()];
  const kept: number[] = [];
  for (let account = 0; account < allIds.length; account++) {
    if (columns.every((column) => !Number.isNaN(column[account]))) kept.push(account);
  }
  return {
    methods: [...methodIndex.keys()],
    ids: kept.map((account) => allIds[account]),
    columns: columns.map((column) =>
      kept.length === allIds.length ? column : Float64Array.from(kept, (a) => column[a])
    ),
    excluded: allIds.length - kept.length
  };
}

/** An m × m matrix with entries f(i, j) computed for i ≤ j and mirrored. */
function symmetric<T>(m: number, f: (i: number, j: number) => T): T[][] {
  const matrix: T[][] = Array.from({length: m}, () => new Array<T>(m));
  for (let i = 0; i < m; i++) {
    for (let j = i; j < m; j++) matrix[i][j] = matrix[j][i] = f(i, j);
  }
  return matrix;
}
