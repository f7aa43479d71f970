/**
 * Score moments (DESIGN.md §3, "Explanations"): the posts that moved an account's score most between two
 * dates. For each of the account's posts created in (from, to], leave-one-post-out: the raw value at `to` with
 * and without the reactions that post received inside the window, everything else held fixed (other posts,
 * other accounts, reactor influence, each actor's daily activity). The difference is the post's delta.
 * Methods take part through `Decomposition.withoutReactions`.
 */
import type {Db} from "./db.js";
import {REACTION_KIND_LIST} from "./features/activity.js";
import {inWindow, windowParams} from "./features/window.js";
import {withTables} from "./memo-db.js";
import {getMethod, METHODS, type MethodOptions} from "./methods/index.js";
import type {ReceivedReaction} from "./methods/method.js";
import {resolveOptions} from "./score.js";

export interface Moment {
  post_id: string;
  /** Epoch milliseconds. */
  created_at: number;
  text: string | null;
  /** Reactions the post received in the window, by kind. */
  reactions: Record<string, number>;
  /** The raw value with the post's reactions minus the value without them. */
  delta: number;
}

export interface MomentsResult {
  account_id: string;
  method: string;
  /** The raw value at `from` and at `to`, each over the method's window ending there. */
  value_from: number;
  value_to: number;
  moments: Moment[];
}

export interface MomentsOptions extends Omit<MethodOptions, "at"> {
  /** Exclusive start, epoch milliseconds. */
  from: number;
  /** Inclusive end of the posts' range and end of the scoring window, epoch milliseconds. */
  to: number;
  /** Default: klout. */
  method?: string;
  /** The most moments returned, largest delta first (default 10). */
  limit?: number;
}

// Parameters: from, from, to, to (the window), the account (as target), the account (as author), then the
// posts' range (from, to).
// One row per reaction to one of the account's posts in the range (a post without reactions gives one row with
// a NULL actor). `only_these`: the actor's reactions to the account in the window all went to this post.
export const POST_REACTIONS_SQL = `
WITH windowed AS (
  SELECT actor_id, target_id, ts, kind, post_id FROM interactions WHERE kind <> 'follow' AND ${inWindow("ts")}
),
actor_days AS (
  SELECT actor_id, CAST(ts AS DATE) AS day, count(*) AS actions FROM windowed GROUP BY actor_id, CAST(ts AS DATE)
),
received AS (
  SELECT r.post_id, r.actor_id, r.kind, 1.0 / d.actions AS selective
  FROM windowed r JOIN actor_days d ON d.actor_id = r.actor_id AND d.day = CAST(r.ts AS DATE)
  WHERE r.target_id = ? AND r.actor_id <> r.target_id
),
per_actor AS (
  SELECT actor_id, count(*) AS reactions FROM received WHERE kind IN (${REACTION_KIND_LIST}) GROUP BY actor_id
),
per_actor_post AS (
  SELECT actor_id, post_id, count(*) AS reactions FROM received
  WHERE kind IN (${REACTION_KIND_LIST}) AND post_id IS NOT NULL GROUP BY actor_id, post_id
),
chosen AS (
  SELECT post_id, epoch_ms(created_at) AS created_at, text FROM posts
  WHERE account_id = ? AND created_at > epoch_ms(?::BIGINT) AND created_at <= epoch_ms(?::BIGINT)
)
SELECT c.post_id, c.created_at, c.text, r.actor_id, r.kind, r.selective::DOUBLE AS selective,
  actor.followers AS actor_followers, coalesce(pap.reactions = pa.reactions, false) AS only_these
FROM chosen c
LEFT JOIN received r ON r.post_id = c.post_id
LEFT JOIN per_actor pa ON pa.actor_id = r.actor_id
LEFT JOIN per_actor_post pap ON pap.actor_id = r.actor_id AND pap.post_id = c.post_id
LEFT JOIN accounts actor ON actor.account_id = r.actor_id
ORDER BY c.post_id, r.actor_id, r.kind
`;

interface PostReactionRow {
  post_id: string;
  created_at: number;
  text: string | null;
  actor_id: string | null;
  kind: string | null;
  selective: number | null;
  actor_followers: number | null;
  only_these: boolean;
  [column: string]: string | number | boolean | null;
}

/** The methods that can leave reactions out. */
export const MOMENT_METHODS = METHODS.filter((method) => method.decomposition?.withoutReactions).map((m) => m.id);

/** The posts of `accountId` in (from, to] that moved its raw value most, largest delta first. */
export async function scoreMoments(db: Db, accountId: string, options: MomentsOptions): Promise<MomentsResult> {
  const {from, to, limit = 10} = options;
  const method = getMethod(options.method ?? "klout");
  const decomposition = method.decomposition;
  if (!decomposition?.withoutReactions) {
    throw new RangeError(
      `scoring/moments: ${method.id} cannot leave a post's reactions out; methods that can: ${MOMENT_METHODS.join(", ")}`
    );
  }
  if (!(from < to)) throw new RangeError(`scoring/moments: from must be before to, got ${from} and ${to}`);
  if (!(Number.isInteger(limit) && limit > 0)) {
    throw new RangeError(`scoring/moments: limit must be a positive integer, got ${limit}`);
  }
  const valueAt = async (tables: Db, at: number) => {
    const resolved = await resolveOptions(tables, method, {...options, at});
    const features = await decomposition.features(tables, resolved);
    const index = features.accountIds.indexOf(accountId);
    if (index < 0) throw new RangeError(`scoring/moments: no account "${accountId}" in the data`);
    return {resolved, features, index, value: decomposition.combine(features, resolved.weights)[index]!};
  };
  // Both values read the indexed interactions made once (`scoring/features/indexed.ts`).
  const [before, {resolved, features, index, value}] = await withTables(db, async (tables) => [
    await valueAt(tables, from),
    await valueAt(tables, to)
  ]);
  const rows = await db.query<PostReactionRow>(POST_REACTIONS_SQL, [
    ...windowParams(resolved.window),
    accountId,
    accountId,
    from,
    to
  ]);
  const posts = new Map<string, {row: PostReactionRow; reactions: ReceivedReaction[]}>();
  for (const row of rows) {
    const post = posts.get(row.post_id) ?? {row, reactions: []};
    posts.set(row.post_id, post);
    if (row.actor_id !== null && row.kind !== null) {
      post.reactions.push({
        actor_id: row.actor_id,
        kind: row.kind,
        selective: row.selective ?? 0,
        actor_followers: row.actor_followers,
        only_these: row.only_these
      });
    }
  }
  const moments = [...posts.values()].map(({row, reactions}): Moment => {
    const without = decomposition.withoutReactions!(features, index, reactions, resolved.weights);
    const byKind: Record<string, number> = {};
    for (const {kind} of reactions) byKind[kind] = (byKind[kind] ?? 0) + 1;
    return {
      post_id: row.post_id,
      created_at: row.created_at,
      text: row.text,
      reactions: byKind,
      delta: reactions.length ? value - decomposition.combine(without, resolved.weights)[index]! : 0
    };
  });
  moments.sort((a, b) => b.delta - a.delta || a.created_at - b.created_at || (a.post_id < b.post_id ? -1 : 1));
  return {
    account_id: accountId,
    method: method.id,
    value_from: before.value,
    value_to: value,
    moments: moments.slice(0, limit)
  };
}
