import type {Db} from "../db.js";
import type {TimeWindow} from "../features/activity.js";

/** A method's raw output for one account. */
export interface MethodValue {
  account_id: string;
  value: number;
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
  /** Default window length in days (all time when absent). */
  readonly windowDays?: number;
  /** Why the method cannot score this dataset (missing inputs), or undefined when it can. */
  unavailable?(db: Db): Promise<string | undefined>;
  compute(db: Db, options: ResolvedOptions): Promise<MethodValue[]>;
  /** The display score of each value, given all values (some scales depend on the population). */
  display(values: Float64Array): Float64Array;
}
