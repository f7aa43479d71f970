/**
 * Feature SQL v0: per account, over an optional time window [from, to): reactions received by kind,
 * distinct reactors, actions made, posts made, and first and last activity.
 *
 * A reaction is any interaction except `follow` and `rating` whose actor is another account: replying
 * to or reposting oneself is activity, not influence. First and last activity cover what the account
 * did itself (its posts and its actions), as epoch milliseconds.
 */
import type {Db} from "../db.js";
import {inWindow, windowParams} from "./window.js";

export const REACTION_KINDS = ["repost", "reply", "mention", "quote", "like", "comment", "share"] as const;

/** REACTION_KINDS as an SQL list. */
export const REACTION_KIND_LIST = REACTION_KINDS.map((kind) => `'${kind}'`).join(", ");

export interface TimeWindow {
  /** Inclusive start, epoch milliseconds; omitted means unbounded. */
  from?: number | null;
  /** Exclusive end, epoch milliseconds; omitted means unbounded. */
  to?: number | null;
}

export interface ActivityFeatures {
  account_id: string;
  network: string;
  reactions_received: number;
  reposts_received: number;
  replies_received: number;
  mentions_received: number;
  quotes_received: number;
  likes_received: number;
  distinct_reactors: number;
  actions_made: number;
  posts_made: number;
  first_activity: number | null;
  last_activity: number | null;
  [column: string]: string | number | null;
}

/** The counts of reactions received, by column: all kinds together (null), then each kind with a column of its own. */
export const RECEIVED_COUNTS = {
  reactions_received: null,
  reposts_received: "repost",
  replies_received: "reply",
  mentions_received: "mention",
  quotes_received: "quote",
  likes_received: "like"
} as const;

export type ReceivedCount = keyof typeof RECEIVED_COUNTS;

/** The SQL count of a column of RECEIVED_COUNTS. */
const countOf = (kind: string | null) => (kind === null ? "count(*)" : `count(*) FILTER (WHERE kind = '${kind}')`);

/** Reactions from other accounts inside the window, per target account, with the given aggregate columns. */
const received = (columns: readonly string[]) => `
  SELECT target_id AS account_id,
    ${columns.join(",\n    ")}
  FROM windowed
  WHERE kind IN (${REACTION_KIND_LIST}) AND actor_id <> target_id
  GROUP BY target_id`;

// Parameters, in order: from, from, to, to (each bound may be NULL), then the same four for posts.
export const ACTIVITY_FEATURES_SQL = `
WITH windowed AS (
  SELECT * FROM interactions
  WHERE ${inWindow("ts")}
),
received AS (${received([
  ...Object.entries(RECEIVED_COUNTS).map(([name, kind]) => `${countOf(kind)} AS ${name}`),
  "count(DISTINCT actor_id) AS distinct_reactors"
])}
),
made AS (
  SELECT actor_id AS account_id, count(*) AS actions_made, min(ts) AS first_ts, max(ts) AS last_ts
  FROM windowed
  WHERE kind <> 'follow'
  GROUP BY actor_id
),
authored AS (
  SELECT account_id, count(*) AS posts_made, min(created_at) AS first_ts, max(created_at) AS last_ts
  FROM posts
  WHERE ${inWindow("created_at")}
  GROUP BY account_id
)
SELECT
  a.account_id,
  a.network,
  coalesce(r.reactions_received, 0) AS reactions_received,
  coalesce(r.reposts_received, 0) AS reposts_received,
  coalesce(r.replies_received, 0) AS replies_received,
  coalesce(r.mentions_received, 0) AS mentions_received,
  coalesce(r.quotes_received, 0) AS quotes_received,
  coalesce(r.likes_received, 0) AS likes_received,
  coalesce(r.distinct_reactors, 0) AS distinct_reactors,
  coalesce(m.actions_made, 0) AS actions_made,
  coalesce(p.posts_made, 0) AS posts_made,
  epoch_ms(least(m.first_ts, p.first_ts)) AS first_activity,
  epoch_ms(greatest(m.last_ts, p.last_ts)) AS last_activity
FROM accounts a
LEFT JOIN received r USING (account_id)
LEFT JOIN made m USING (account_id)
LEFT JOIN authored p USING (account_id)
ORDER BY a.account_id
`;

/** Computes the v0 activity features of every account. */
export async function activityFeatures(db: Db, window: TimeWindow = {}): Promise<ActivityFeatures[]> {
  return db.query<ActivityFeatures>(ACTIVITY_FEATURES_SQL, [...windowParams(window), ...windowParams(window)]);
}
