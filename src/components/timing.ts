/**
 * The timing page: when an account's audience reacts (reactions received, by weekday and hour of the reaction)
 * and which publishing hours drew most reactions per post, on the clock of a chosen UTC offset.
 *
 * The queries count in quarter hours of UTC time, so that any real offset (some are 30 or 45 minutes off the
 * hour) shifts whole quarters; the page re-bins into local hours without asking the database again. A
 * reaction or post dated exactly 1970-01-01T00:00:00Z has no known time: importers whose source records none
 * (edge lists without a time column, graph files) date it so, since the data model requires a time. Such rows
 * are counted apart, never placed in the week.
 */
import * as Plot from "@observablehq/plot";
import type {Db} from "../scoring/db.js";
import {REACTION_KINDS} from "../scoring/features/activity.js";
import {decodeState} from "./url-state.js";

const MODULE = "src/components/timing";

const REACTIONS = REACTION_KINDS.map((kind) => `'${kind}'`).join(", ");
const UNDATED = `TIMESTAMP '1970-01-01 00:00:00'`;

export const QUARTERS_PER_DAY = 96;
export const QUARTERS_PER_WEEK = 7 * QUARTERS_PER_DAY;

/** Weekday names, Monday first (ISO 8601), as the heatmap's rows. */
export const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

/** The UTC offsets in use around the world, in minutes, west to east. */
export const UTC_OFFSETS: readonly number[] = [
  -720, -660, -600, -570, -540, -480, -420, -360, -300, -240, -210, -180, -120, -60, 0, 60, 120, 180, 210, 240, 270,
  300, 330, 345, 360, 390, 420, 480, 525, 540, 570, 600, 630, 660, 720, 765, 780, 840
];

/**
 * The account that received most reactions from others over all the data (ties: the smallest account id); none
 * when nobody received any.
 */
export const MOST_REACTED_SQL = `
SELECT i.target_id AS account_id, count(*) AS reactions
FROM interactions i JOIN accounts a ON a.account_id = i.target_id
WHERE i.actor_id <> i.target_id AND i.kind IN (${REACTIONS})
GROUP BY i.target_id
ORDER BY reactions DESC, account_id
LIMIT 1
`;

/**
 * Reactions from others received by the account (parameter 1), per quarter hour of the UTC week (0 for Monday
 * 00:00–00:15, 671 for Sunday 23:45–24:00); undated reactions in one row whose quarter is NULL.
 */
export const REACTION_QUARTERS_SQL = `
SELECT CASE WHEN ts = ${UNDATED} THEN NULL
    ELSE ((isodow(ts) - 1) * ${QUARTERS_PER_DAY} + hour(ts) * 4 + minute(ts) // 15)::INTEGER END AS quarter,
  count(*) AS reactions
FROM interactions
WHERE target_id = ?1 AND actor_id <> target_id AND kind IN (${REACTIONS})
GROUP BY ALL
ORDER BY quarter NULLS FIRST
`;

/**
 * The account's (parameter 1) own posts (reposts of others' posts left out) per quarter hour of the UTC day of
 * publication, with the reactions from others they drew (at any time); undated posts in one row whose quarter
 * is NULL.
 */
export const POST_QUARTERS_SQL = `
WITH mine AS (SELECT post_id, created_at FROM posts WHERE account_id = ?1 AND kind <> 'repost'),
received AS (
  SELECT post_id, count(*) AS reactions
  FROM interactions
  WHERE target_id = ?1 AND actor_id <> target_id AND kind IN (${REACTIONS}) AND post_id IS NOT NULL
  GROUP BY post_id
)
SELECT CASE WHEN m.created_at = ${UNDATED} THEN NULL
    ELSE (hour(m.created_at) * 4 + minute(m.created_at) // 15)::INTEGER END AS quarter,
  count(*) AS posts,
  coalesce(sum(r.reactions), 0)::BIGINT AS reactions
FROM mine m LEFT JOIN received r USING (post_id)
GROUP BY ALL
ORDER BY quarter NULLS FIRST
`;

/** Reactions in one quarter hour of the UTC week. */
export interface ReactionQuarter {
  quarter: number;
  reactions: number;
}

/** Posts published in one quarter hour of the UTC day, and the reactions they drew. */
export interface PostQuarter {
  quarter: number;
  posts: number;
  reactions: number;
}

/** Dated rows by quarter, and how many rows had no time. */
export interface Timed<Q> {
  quarters: Q[];
  undated: number;
}

/** The account that received most reactions, if anybody received one. */
export async function mostReactedAccount(db: Db): Promise<string | undefined> {
  const [row] = await db.query<{account_id: string; reactions: number}>(MOST_REACTED_SQL);
  return row?.account_id;
}

/** The reactions the account received, by quarter hour of the UTC week. */
export async function reactionQuarters(db: Db, accountId: string): Promise<Timed<ReactionQuarter>> {
  const rows = await db.query<Undatable<ReactionQuarter>>(REACTION_QUARTERS_SQL, [accountId]);
  return splitUndated(rows, (row) => row.reactions);
}

/** The account's posts and the reactions they drew, by quarter hour of the UTC day of publication. */
export async function postQuarters(db: Db, accountId: string): Promise<Timed<PostQuarter>> {
  const rows = await db.query<Undatable<PostQuarter>>(POST_QUARTERS_SQL, [accountId]);
  return splitUndated(rows, (row) => row.posts);
}

/** A query's row: a quarter, or NULL for the undated rows. */
type Undatable<Q> = Omit<Q, "quarter"> & {quarter: number | null} & Record<string, number | null>;

function splitUndated<Q extends {quarter: number}>(
  rows: readonly Undatable<Q>[],
  count: (row: Undatable<Q>) => number
): Timed<Q> {
  const timed: Timed<Q> = {quarters: [], undated: 0};
  for (const row of rows) {
    if (row.quarter === null) timed.undated += count(row);
    else timed.quarters.push(row as unknown as Q);
  }
  return timed;
}

/** One cell of the heatmap: reactions on a weekday (0 for Monday) in an hour of the local clock. */
export interface HourCell {
  weekday: number;
  hour: number;
  reactions: number;
}

/** The shift of `offsetMinutes` in quarter hours; an offset must be whole quarter hours within ±14 hours. */
function quarterShift(offsetMinutes: number): number {
  if (!Number.isInteger(offsetMinutes / 15) || Math.abs(offsetMinutes) > 14 * 60) {
    throw new RangeError(`${MODULE}: a UTC offset must be whole quarter hours within ±14 hours, got ${offsetMinutes}`);
  }
  return offsetMinutes / 15;
}

const wrap = (value: number, size: number) => ((value % size) + size) % size;

/**
 * The week's 168 hours on the clock `offsetMinutes` ahead of UTC (Monday 00:00 first, hour by hour), each with
 * the reactions of the UTC quarters that fall in it: a reaction at Sunday 23:30 UTC is Monday 05:00–06:00 at
 * UTC+5:30, and Sunday 18:00–19:00 at UTC−5.
 *
 * @example weekHourCells([{quarter: 0, reactions: 2}], -60).at(-1) // {weekday: 6, hour: 23, reactions: 2}
 */
export function weekHourCells(quarters: readonly ReactionQuarter[], offsetMinutes: number): HourCell[] {
  const shift = quarterShift(offsetMinutes);
  const counts = new Float64Array(7 * 24);
  for (const {quarter, reactions} of quarters)
    counts[Math.floor(wrap(quarter + shift, QUARTERS_PER_WEEK) / 4)] += reactions;
  return Array.from(counts, (reactions, i) => ({weekday: Math.floor(i / 24), hour: i % 24, reactions}));
}

/** Posts published in one hour of the local clock, the reactions they drew, and the mean per post. */
export interface HourBin {
  hour: number;
  posts: number;
  reactions: number;
  /** Reactions per post; null for an hour without posts. */
  mean: number | null;
}

/** The day's 24 hours on the clock `offsetMinutes` ahead of UTC, each with the posts published in it. */
export function postHourBins(quarters: readonly PostQuarter[], offsetMinutes: number): HourBin[] {
  const shift = quarterShift(offsetMinutes);
  const posts = new Float64Array(24);
  const reactions = new Float64Array(24);
  for (const quarter of quarters) {
    const hour = Math.floor(wrap(quarter.quarter + shift, QUARTERS_PER_DAY) / 4);
    posts[hour] += quarter.posts;
    reactions[hour] += quarter.reactions;
  }
  return Array.from(posts, (count, hour) => ({
    hour,
    posts: count,
    reactions: reactions[hour]!,
    mean: count > 0 ? reactions[hour]! / count : null
  }));
}

export const BEST_HOURS_DEFAULTS: Readonly<{count: number; minPosts: number}> = Object.freeze({count: 3, minPosts: 3});

/**
 * The `count` hours whose posts drew most reactions per post, among the hours with at least `minPosts` posts
 * (a mean of one or two posts says little); ties: more posts first, then the earlier hour.
 */
export function bestHours(
  bins: readonly HourBin[],
  {count = BEST_HOURS_DEFAULTS.count, minPosts = BEST_HOURS_DEFAULTS.minPosts}: {count?: number; minPosts?: number} = {}
): HourBin[] {
  return bins
    .filter((bin) => bin.posts >= minPosts && bin.posts > 0)
    .sort((a, b) => b.mean! - a.mean! || b.posts - a.posts || a.hour - b.hour)
    .slice(0, count);
}

const twoDigits = (value: number) => String(value).padStart(2, "0");

/** An hour of the day as a span of the clock: 9 → "09:00–10:00". */
export function hourSpan(hour: number): string {
  return `${twoDigits(hour)}:00–${twoDigits((hour + 1) % 24)}:00`;
}

/** An offset in minutes as the page names it: "UTC", "UTC+1", "UTC−3:30", "UTC+5:45". */
export function formatOffset(offsetMinutes: number): string {
  if (offsetMinutes === 0) return "UTC";
  const size = Math.abs(offsetMinutes);
  const minutes = size % 60;
  return `UTC${offsetMinutes < 0 ? "\u2212" : "+"}${Math.floor(size / 60)}${minutes ? `:${twoDigits(minutes)}` : ""}`;
}

const oneDecimal = (value: number) => value.toFixed(1);
const postsOf = (posts: number) => (posts === 1 ? "1 post" : `${posts} posts`);

/**
 * The best hours in a sentence, with the sample behind each mean, or why there are none.
 *
 * @example bestHoursSentence([{hour: 14, posts: 8, reactions: 100, mean: 12.5}], "UTC+1")
 * // => "At UTC+1, posts published 14:00–15:00 drew most reactions: 12.5 per post over 8 posts."
 */
export function bestHoursSentence(
  best: readonly HourBin[],
  offsetLabel: string,
  {minPosts = BEST_HOURS_DEFAULTS.minPosts}: {minPosts?: number} = {}
): string {
  if (best.length === 0) {
    return `No hour has ${minPosts} or more posts, too few to say which hours draw most reactions.`;
  }
  const [first, ...rest] = best;
  const others = rest.map((bin) => `${hourSpan(bin.hour)} (${oneDecimal(bin.mean!)} over ${postsOf(bin.posts)})`);
  return (
    `At ${offsetLabel}, posts published ${hourSpan(first!.hour)} drew most reactions: ` +
    `${oneDecimal(first!.mean!)} per post over ${postsOf(first!.posts)}` +
    (others.length > 0 ? `; then ${others.join(" and ")}.` : ".")
  );
}

/**
 * The heatmap of reactions by weekday and hour (`data-testid="reaction-heatmap"`, with the offset in minutes and
 * the reactions placed as `data-offset` and `data-reactions`).
 */
export function reactionHeatmap(
  cells: readonly HourCell[],
  {
    offsetLabel,
    offsetMinutes,
    width = 640,
    legend = true,
    document = globalThis.document
  }: {offsetLabel: string; offsetMinutes: number; width?: number; legend?: boolean; document?: Document}
): HTMLElement {
  const chart = Plot.plot({
    document,
    width,
    height: 60 + 7 * Math.max(18, Math.min(36, (width - 100) / 24)),
    marginLeft: 90,
    padding: 0.05,
    x: {domain: Array.from({length: 24}, (_, hour) => hour), label: `Hour of the reaction (${offsetLabel}) →`},
    y: {domain: WEEKDAYS.map((_, weekday) => weekday), tickFormat: (weekday: number) => WEEKDAYS[weekday], label: null},
    color: {
      type: "linear",
      scheme: "blues",
      domain: [0, Math.max(1, ...cells.map((cell) => cell.reactions))],
      legend,
      label: "Reactions"
    },
    marks: [
      Plot.cell(cells, {
        x: "hour",
        y: "weekday",
        fill: "reactions",
        title: (cell: HourCell) => `${WEEKDAYS[cell.weekday]} ${hourSpan(cell.hour)}: ${cell.reactions} reactions`
      })
    ]
  });
  const figure = document.createElement("div");
  figure.dataset.testid = "reaction-heatmap";
  figure.dataset.offset = String(offsetMinutes);
  figure.dataset.reactions = String(cells.reduce((sum, cell) => sum + cell.reactions, 0));
  figure.className = "sway-scroll";
  figure.append(chart);
  return figure;
}

/**
 * Bars of reactions per post by the hour of publication, each labelled with its number of posts so that a tall
 * bar over one post reads as the thin evidence it is (`data-testid="post-hours"`).
 */
export function postHourChart(
  bins: readonly HourBin[],
  {offsetLabel, width = 640, document = globalThis.document}: {offsetLabel: string; width?: number; document?: Document}
): HTMLElement {
  const withPosts = bins.filter((bin) => bin.posts > 0);
  const chart = Plot.plot({
    document,
    width,
    height: 280,
    x: {domain: bins.map((bin) => bin.hour), label: `Hour of publication (${offsetLabel}) →`},
    y: {label: "↑ Reactions per post", grid: true},
    marks: [
      Plot.barY(withPosts, {
        x: "hour",
        y: "mean",
        title: (bin: HourBin) =>
          `${hourSpan(bin.hour)}: ${oneDecimal(bin.mean!)} reactions per post over ${postsOf(bin.posts)}`
      }),
      Plot.text(withPosts, {x: "hour", y: "mean", text: (bin: HourBin) => String(bin.posts), dy: -7, fontSize: 9}),
      Plot.ruleY([0])
    ]
  });
  const figure = document.createElement("div");
  figure.dataset.testid = "post-hours";
  figure.className = "sway-scroll";
  figure.append(chart);
  return figure;
}

/**
 * The offset named in a query string (`?offset=` in hours: `-5`, `5.5`, `5.75`), in minutes, if it is one of
 * `UTC_OFFSETS`.
 */
export function offsetParam(search: string): number | undefined {
  const {offset} = decodeState(search);
  const minutes = offset === undefined ? undefined : Math.round(offset * 60);
  return minutes !== undefined && UTC_OFFSETS.includes(minutes) ? minutes : undefined;
}
