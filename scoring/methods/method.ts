import type {Db} from "../db.js";

/** A method's raw output for one account. */
export interface MethodValue {
  account_id: string;
  value: number;
}

/**
 * A scoring method. `compute` returns a raw value per account (larger = more influential); `display`
 * maps raw values to the method's display scale; ranks are derived from values by `score()`.
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
  compute(db: Db): Promise<MethodValue[]>;
  /** The display score of each value, given all values (some scales depend on the population). */
  display(values: Float64Array): Float64Array;
}
