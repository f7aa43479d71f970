import type {Db} from "../db.js";
import type {TimeWindow} from "../features/activity.js";
import {DAY_MS, slidingTables, windowLength, type DailyCounts} from "../features/daily.js";

/**
 * A method's raw output: one value per account, in columns. The accounts usually come in `account_id` order
 * (then ranking breaks ties without comparing ids).
 */
export interface MethodValues {
  readonly accountIds: readonly string[];
  readonly values: Float64Array;
}

/** What a user may choose when scoring. */
export interface MethodOptions {
  /** End of the scoring window (exclusive), epoch milliseconds; default: just after the data's last event. */
  at?: number;
  /** Length of the window ending at `at`, in days; default: the method's own (`windowDays`), else all time. */
  windowDays?: number;
  /** Weights replacing the method's defaults, key by key (checked against `weights`). */
  weights?: Readonly<Record<string, number>>;
}

/** Options after defaults and validation, as `compute` receives them. */
export interface ResolvedOptions {
  window: TimeWindow;
  weights: Readonly<Record<string, number>>;
}

/**
 * A method's inputs, per account, column by column: what the features step computes once (the SQL and graph
 * work), so that the combine step can be re-run for new weights without the database. Columnar
 * (`Float64Array` per feature) so a combine over 100,000 accounts stays within one animation frame.
 */
export interface FeatureTable {
  /** The accounts, in `account_id` order. */
  readonly accountIds: readonly string[];
  /** The network of each account. */
  readonly networks: readonly string[];
  /** The person of each account, as an index 0…n−1: one person's accounts share it (one each when unlinked). */
  readonly persons: Int32Array;
  /** The number of distinct persons. */
  readonly personCount: number;
  /** Input columns, one value per account. */
  readonly columns: Readonly<Record<string, Float64Array>>;
  /** The community of each account, for methods scaled per community when it is not the network. */
  readonly communities?: readonly string[];
}

/** One term of an explanation: the input the formula sees and what that term adds to the value. */
export interface Contribution {
  /** The feature's value x_f as the formula uses it (after derivation, before the weight). */
  readonly input: Float64Array;
  /** What the feature of this account's network adds to the value of the account's person. */
  readonly contribution: Float64Array;
}

/** A reaction one account received, as leave-one-out explanations remove it. */
export interface ReceivedReaction {
  readonly actor_id: string;
  readonly kind: string;
  /** 1 / (the actions its actor made that UTC day), the actor-selective weight. */
  readonly selective: number;
  /** The actor's reported followers (null when unreported). */
  readonly actor_followers: number | null;
  /** Whether the actor reacted to the account only through the reactions being removed (in the window). */
  readonly only_these: boolean;
}

/**
 * A method split into a features step and a pure combine step: `compute` = `combine(features(db))`.
 *
 * Contributions: for every account i and feature f, `contribution[f][i]` is what feature f of account i's
 * network adds to the value of i's person. Summed over a person's accounts and all features, they give the
 * value (to rounding); each method's card says how it divides a non-additive formula.
 */
export interface Decomposition {
  /** Weight keys the features step reads (changing one needs new features); the others only feed `combine`. */
  readonly featureWeights?: readonly string[];
  features(db: Db, options: ResolvedOptions): Promise<FeatureTable>;
  /** Values from features and weights, one per account, with no database work. */
  combine(features: FeatureTable, weights: Readonly<Record<string, number>>): Float64Array;
  contributions(
    features: FeatureTable,
    weights: Readonly<Record<string, number>>
  ): Readonly<Record<string, Contribution>>;
  /**
   * The features of every day's window from one read of the whole span, for daily histories
   * (`scoring/history.ts`): one table per day of `days` (midnights), over the `windowDays` whole days ending
   * with it (every day up to it when undefined), equal to what `features` gives for that window. Present when
   * the features are sums over UTC days (`dailySums`) or can otherwise be slid; `slide` gives undefined
   * when these weights need every window read alone.
   */
  readonly daily?: {
    slide(
      db: Db,
      weights: Readonly<Record<string, number>>,
      days: readonly number[],
      windowDays: number | undefined
    ): Promise<Iterable<FeatureTable> | undefined>;
  };
  /**
   * The features with account `index` deprived of `reactions`, everything else held fixed (leave-one-out
   * explanations such as score moments). Absent when the method's inputs are not made of reactions.
   */
  withoutReactions?(
    features: FeatureTable,
    index: number,
    reactions: readonly ReceivedReaction[],
    weights: Readonly<Record<string, number>>
  ): FeatureTable;
}

/**
 * A scoring method. `compute` returns a raw value per account (larger = more influential); `display`
 * maps raw values to the method's display scale; ranks are derived from values by `scoreMethod()`.
 * The method's card (formula, parameters and defaults, sources, what is published and what is our choice)
 * is the header comment of its file.
 */
export interface Method {
  /** Identifier used on the command line and in output rows. */
  readonly id: string;
  /** A human name for menus and tables. */
  readonly name: string;
  /** One sentence: what the value measures. */
  readonly summary: string;
  /** What the display score is, in words (its unit or scale). */
  readonly scoreLabel: string;
  /** Default weights; their keys are the only ones a weights file may set. */
  readonly weights?: Readonly<Record<string, number>>;
  /** Whether weights may be negative (a fitted model's); other methods refuse negative weights. */
  readonly signedWeights?: boolean;
  /** Default window length in days (all time when absent). */
  readonly windowDays?: number;
  /**
   * Whether `compute` spends seconds in TypeScript after its queries (in slices, see `scoring/slices.ts`): methods
   * scored together start it first, so that its work fills the time the others wait on the database.
   */
  readonly longKernel?: boolean;
  /** Why the method cannot score this dataset (missing inputs), or undefined when it can. */
  unavailable?(db: Db): Promise<string | undefined>;
  compute(db: Db, options: ResolvedOptions): Promise<MethodValues>;
  /** The method as features and combine, for explanations and live re-weighting; `compute` is their composition. */
  readonly decomposition?: Decomposition;
  /**
   * The display score of each value, given all values (some scales depend on the population). `ascending`, when
   * given, is `ascendingOrder(values)` (scoring/order.ts), which percentile scales then need not sort again.
   */
  display(values: Float64Array, ascending?: Uint32Array): Float64Array;
}

/** `compute` for a decomposed method: its combine step over its features step. */
export function composed(decomposition: Decomposition): Method["compute"] {
  return async (db, options) => {
    const features = await decomposition.features(db, options);
    return {accountIds: features.accountIds, values: decomposition.combine(features, options.weights)};
  };
}

/**
 * The daily slide of a method whose features are sums over UTC days: `counts` reads the per-day counts inside a
 * window, and `table` turns a window's sums over `days` days into the features, as the method's one-window
 * `features` gives them.
 */
export function dailySums(
  counts: (db: Db, options: ResolvedOptions) => Promise<DailyCounts>,
  table: (sums: FeatureTable, days: number) => FeatureTable = (sums) => sums
): NonNullable<Decomposition["daily"]> {
  return {
    async slide(db, weights, days, windowDays) {
      const sums = slidingTables(await counts(db, {window: {}, weights}), days, windowDays);
      return Array.from(sums, (sum, k) => {
        const at = days[k]! + DAY_MS;
        return table(sum, windowLength({from: windowDays === undefined ? null : at - windowDays * DAY_MS, to: at}));
      });
    }
  };
}

/** `features` with some columns of one row replaced; the other columns are shared, not copied. */
export function withRow(
  features: FeatureTable,
  index: number,
  changes: Readonly<Record<string, number>>
): FeatureTable {
  const columns = {...features.columns};
  for (const [name, value] of Object.entries(changes)) {
    const column = features.columns[name];
    if (!column) throw new RangeError(`scoring/methods: no feature column "${name}"`);
    const changed = column.slice();
    changed[index] = value;
    columns[name] = changed;
  }
  return {...features, columns};
}

/** Person indices of `n` accounts that are each their own person: `personIndex` of n distinct keys. */
export function ownPersons(n: number): {persons: Int32Array; personCount: number} {
  return {persons: Int32Array.from({length: n}, (_, i) => i), personCount: n};
}

/** Person indices 0…n−1 from person keys, in order of first appearance. */
export function personIndex(keys: readonly string[]): {persons: Int32Array; personCount: number} {
  const index = new Map<string, number>();
  const persons = Int32Array.from(keys, (key) => {
    let person = index.get(key);
    if (person === undefined) index.set(key, (person = index.size));
    return person;
  });
  return {persons, personCount: index.size};
}
