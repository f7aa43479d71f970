/** The time window a method scores over: `windowDays` days ending at `at` (exclusive). */
import type {Db} from "./db.js";
import type {TimeWindow} from "./features/activity.js";

const DAY_MS = 86_400_000;

const SPAN_SQL = `
SELECT
  epoch_ms(least((SELECT min(ts) FROM interactions), (SELECT min(created_at) FROM posts))) AS first,
  epoch_ms(greatest((SELECT max(ts) FROM interactions), (SELECT max(created_at) FROM posts))) AS last
`;

/**
 * The millisecond of the dataset's first and of its last event (interaction or post), or null for an empty
 * dataset. One statement, so a memoized view reads it once for every caller.
 */
export async function dataSpan(db: Db): Promise<{first: number; last: number} | null> {
  const [row] = await db.query<{first: number | null; last: number | null}>(SPAN_SQL);
  return row?.first == null || row.last == null ? null : {first: row.first, last: row.last};
}

/** Just after the dataset's last event (interaction or post), or null for an empty dataset. */
export async function dataEnd(db: Db): Promise<number | null> {
  const span = await dataSpan(db);
  return span === null ? null : span.last + 1;
}

/**
 * `window`, or the unbounded window when it holds every event of `db` (its start at or before the first, its end
 * after the last): both select the same rows, so a query of a window that spans the whole data can share the answer
 * of the unbounded one (a 90-day Klout and PageRank on a world of 90 days). Whole milliseconds are compared, as the
 * window's SQL compares them (`features/window.ts` `inWindow`): `ts >= from` holds for every row when the first
 * one's millisecond is at or after `from`, `ts < to` when the last one's is before it.
 */
export async function spanningWindow(db: Db, window: TimeWindow): Promise<TimeWindow> {
  const {from = null, to = null} = window;
  if (from === null && to === null) return {};
  const span = await dataSpan(db);
  // Without events every window selects none.
  if (span === null) return {};
  return (from === null || Math.ceil(from) <= span.first) && (to === null || Math.floor(to) > span.last)
    ? {}
    : {from, to};
}

/**
 * Resolves `at` and `windowDays` to bounds. Without either, the window is all time; with only `windowDays`,
 * it ends just after the data's last event.
 */
export async function resolveWindow(
  db: Db,
  at: number | undefined,
  windowDays: number | undefined
): Promise<TimeWindow> {
  if (at !== undefined && !Number.isFinite(at)) throw new RangeError(`scoring/window: at must be a time, got ${at}`);
  if (windowDays !== undefined && !(windowDays > 0)) {
    throw new RangeError(`scoring/window: window must be a positive number of days, got ${windowDays}`);
  }
  if (windowDays === undefined) return {from: null, to: at ?? null};
  const end = at ?? (await dataEnd(db));
  if (end === null) return {from: null, to: null};
  return {from: end - windowDays * DAY_MS, to: end};
}
