/**
 * The scoring window in SQL: one predicate text and its four parameters, so every query bounds time the same
 * way. Either bound may be NULL (unbounded); bounds travel as epoch milliseconds, cast to BIGINT in the SQL
 * because duckdb-wasm binds JS numbers as DOUBLE.
 */
import type {TimeWindow} from "./activity.js";

/** `column` inside [from, to): takes the parameters of `windowParams`, in that order. */
export function inWindow(column: string): string {
  return (
    `(?::BIGINT IS NULL OR ${column} >= epoch_ms(?::BIGINT)) ` +
    `AND (?::BIGINT IS NULL OR ${column} < epoch_ms(?::BIGINT))`
  );
}

/** The parameters of one `inWindow` predicate. */
export function windowParams({
  from = null,
  to = null
}: TimeWindow): [number | null, number | null, number | null, number | null] {
  return [from, from, to, to];
}
