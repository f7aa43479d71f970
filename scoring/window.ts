/** The time window a method scores over: `windowDays` days ending at `at` (exclusive). */
import type {Db} from "./db.js";
import type {TimeWindow} from "./features/activity.js";

const DAY_MS = 86_400_000;

const LAST_EVENT_SQL = `
SELECT epoch_ms(greatest((SELECT max(ts) FROM interactions), (SELECT max(created_at) FROM posts))) AS last
`;

/** Just after the dataset's last event (interaction or post), or null for an empty dataset. */
export async function dataEnd(db: Db): Promise<number | null> {
  const [row] = await db.query<{last: number | null}>(LAST_EVENT_SQL);
  return row?.last == null ? null : row.last + 1;
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
