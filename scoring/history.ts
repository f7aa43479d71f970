/**
 * Daily score histories (DESIGN.md §3, "Time"): each account's score at the end of every day of the dataset's
 * span, over a rolling window of the method's own length (or `windowDays`) ending there. Every day is scored
 * over the whole population, so display scores and ranks are those of that day. Methods without a window
 * (all time) accumulate: each day's score counts everything up to that day's end.
 */
import type {Db} from "./db.js";
import {getMethod, type MethodOptions} from "./methods/index.js";
import {rankedRows, resolveOptions, type ScoreRow} from "./score.js";

const DAY_MS = 86_400_000;

export interface HistoryRow extends ScoreRow {
  /** The day (UTC, `YYYY-MM-DD`) at whose end the window closes. */
  date: string;
}

export interface HistoryOptions extends Omit<MethodOptions, "at"> {
  /** Only these accounts' rows (every account is still scored, for display scores and ranks). */
  accounts?: ReadonlySet<string>;
  /** Called after each day with the days done and the days in all. */
  onProgress?: (done: number, total: number) => void;
}

const SPAN_SQL = `
SELECT
  epoch_ms(least((SELECT min(ts) FROM interactions), (SELECT min(created_at) FROM posts))) AS first,
  epoch_ms(greatest((SELECT max(ts) FROM interactions), (SELECT max(created_at) FROM posts))) AS last
`;

/** Midnight (UTC) of each day from the first event's day to the last event's day; none for an empty dataset. */
export async function dataDays(db: Db): Promise<number[]> {
  const [span] = await db.query<{first: number | null; last: number | null}>(SPAN_SQL);
  if (span?.first == null || span.last == null) return [];
  const first = Math.floor(span.first / DAY_MS);
  const last = Math.floor(span.last / DAY_MS);
  return Array.from({length: last - first + 1}, (_, k) => (first + k) * DAY_MS);
}

/** Every account's daily score with one method; rows by day, then by rank. */
export async function scoreHistory(db: Db, methodId: string, options: HistoryOptions = {}): Promise<HistoryRow[]> {
  const method = getMethod(methodId);
  const days = await dataDays(db);
  const history: HistoryRow[] = [];
  for (const [k, day] of days.entries()) {
    const resolved = await resolveOptions(db, method, {...options, at: day + DAY_MS});
    const computed = await method.compute(db, resolved);
    const rows = rankedRows(
      method,
      computed.map((row) => row.account_id),
      Float64Array.from(computed, (row) => row.value)
    );
    const date = new Date(day).toISOString().slice(0, 10);
    for (const row of rows) if (!options.accounts || options.accounts.has(row.account_id)) history.push({...row, date});
    options.onProgress?.(k + 1, days.length);
  }
  return history;
}
