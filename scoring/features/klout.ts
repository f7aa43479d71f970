/**
 * The per-account features of the Klout-style score, inside a window [from, to):
 *
 * - `selective_reactions`: reactions from other accounts, each worth 1 / (the number of actions its actor
 *   made that UTC day), so an account that reposts everything in sight lends little to each (Klout 2011–2016:
 *   "the more a person likes or retweets in a day, the less each of their actions is worth");
 * - `reactions`, `distinct_reactors` (Klout's "true reach": 100 reactions from 100 people beat 100 from one);
 * - `posts`: original posts, replies and quotes the account made in the window (reposts are not output);
 * - `followers`: reported followers, else follower in-degree; `listed`: reported list memberships;
 * - `person`: the person the account belongs to (`accounts.person_id`, else `identities`, else the account), as
 *   an index numbered in order of each person's first account.
 *
 * For daily histories, the same counts per UTC day: reactions per (reactor, reacted-to, day) and posts per
 * (account, day), which `scoring/methods/klout.ts` slides over the days.
 */
import type {Db} from "../db.js";
import {derived} from "../memo-db.js";
import {accountList, type AccountList} from "./accounts.js";
import {REACTION_KIND_LIST, type TimeWindow} from "./activity.js";
import {utcDay} from "./daily.js";
import {accountCodes} from "./indexed.js";
import {actionsByActor, distinctReactors, FOLLOW, reactionPairs, type ByActor} from "./reaction-pairs.js";
import {inWindow, windowParams} from "./window.js";

/** The feature columns, one value per account in `account_id` order (`accountList`). */
export interface KloutFeatures {
  /** The person of each account as an index 0…: persons numbered in order of their first account. */
  person: Int32Array;
  /** The number of persons. */
  personCount: number;
  selective_reactions: Float64Array;
  reactions: Float64Array;
  distinct_reactors: Float64Array;
  posts: Float64Array;
  followers: Float64Array;
  listed: Float64Array;
}

// Parameters: from, from, to, to. The posts of each account that made any (reposts are not output), the account as
// its code in `codes` (`scoring/features/indexed.ts`).
export const kloutPostsSql = (codes: string) => `
WITH made AS (
  SELECT account_id, count(*)::INTEGER AS posts FROM posts
  WHERE kind <> 'repost' AND ${inWindow("created_at")}
  GROUP BY account_id
)
SELECT i.account, m.posts FROM made m JOIN ${codes} i USING (account_id) WHERE i.account >= 0
`;

// No parameters. Each account's followers (reported, else in-degree), list memberships and the first account
// (index) of its person; only accounts with followers, lists or a person of several accounts have a row. The
// in-degree is counted only for accounts that report no followers, and persons are looked for only among accounts
// whose person key is some account's or identity's person id (an account without one is its own person, unless
// its id is another account's person id). Accounts by their code in `codes` (`scoring/features/indexed.ts`).
export const kloutAccountsSql = (codes: string) => `
WITH people AS (SELECT account_id, min(person_id) AS person_id FROM identities GROUP BY account_id),
in_degree AS (
  SELECT followee_id AS account_id, count(DISTINCT follower_id) AS n FROM follows
  WHERE follower_id <> followee_id AND followee_id IN (SELECT account_id FROM accounts WHERE followers IS NULL)
  GROUP BY followee_id
),
person_ids AS (SELECT person_id FROM accounts WHERE person_id IS NOT NULL UNION SELECT person_id FROM identities),
numbered AS (
  SELECT i.account, coalesce(a.person_id, people.person_id, a.account_id) AS person_key,
    coalesce(a.followers, f.n, 0)::DOUBLE AS followers, coalesce(a.listed, 0)::DOUBLE AS listed
  FROM accounts a
  JOIN ${codes} i USING (account_id)
  LEFT JOIN people USING (account_id)
  LEFT JOIN in_degree f USING (account_id)
),
kept AS (SELECT * FROM numbered WHERE followers <> 0 OR listed <> 0 OR person_key IN (SELECT person_id FROM person_ids)),
firsts AS (SELECT account, min(account) OVER (PARTITION BY person_key) AS first, followers, listed FROM kept)
SELECT account, first, followers, listed FROM firsts
WHERE first <> account OR followers <> 0 OR listed <> 0
`;

/** What does not depend on the window: followers, lists and persons, read once per memoized view. */
function kloutAccounts(db: Db, {accountIds}: AccountList) {
  return derived(db, ["kloutAccounts"], async () => {
    const n = accountIds.length;
    const rows = await db.queryColumns<{account: number; first: number; followers: number; listed: number}>(
      kloutAccountsSql(await accountCodes(db))
    );
    const first = Int32Array.from({length: n}, (_, i) => i);
    const followers = new Float64Array(n);
    const listed = new Float64Array(n);
    for (let row = 0; row < rows.account.length; row++) {
      const account = rows.account[row]!;
      first[account] = rows.first[row]!;
      followers[account] = rows.followers[row]!;
      listed[account] = rows.listed[row]!;
    }
    // Persons numbered in order of their first account: a person's first account comes before its others.
    const person = new Int32Array(n);
    let personCount = 0;
    for (let i = 0; i < n; i++) person[i] = first[i] === i ? personCount++ : person[first[i]!]!;
    return {person, personCount, followers, listed};
  });
}

/**
 * Each of `n` accounts' reactions and selective reactions, from the window's actions laid out by actor (`byActor`): every
 * action but a follow counts toward its actor's actions that UTC day, and each reaction an account drew adds
 * 1 / (its reactor's actions that day). Each account's terms are added one by one, fewest actions (largest term)
 * first, so that no order of the stored actions moves the last bit.
 *
 * Counting sorts that move the values, so that each pass after them reads in order: each actor's actions counted by
 * day, then the reactions laid out by actions and by account. On a world of 20,000 accounts
 * (836,352 actions) this takes about 60 ms, where duckdb-wasm took 0.3-0.4 s to join the actor-days to the reactions
 * and group them.
 */
export function selectiveReactions(
  n: number,
  laid: ByActor
): {selective_reactions: Float64Array; reactions: Float64Array} {
  const {starts, day: dayOf, reacted} = laid;
  const m = dayOf.length;
  const slots = starts.length - 1;
  // Each reaction's account and its reactor's actions that day.
  const perDay = new Int32Array(laid.days);
  const account = new Int32Array(m);
  const actionsThatDay = new Int32Array(m);
  let count = 0;
  let most = 0;
  for (let s = 0; s < slots; s++) {
    const [start, end] = [starts[s]!, starts[s + 1]!];
    for (let k = start; k < end; k++) if (reacted[k] !== FOLLOW) perDay[dayOf[k]!]!++;
    for (let k = start; k < end; k++) {
      if (reacted[k]! < 0) continue;
      account[count] = reacted[k]!;
      actionsThatDay[count++] = perDay[dayOf[k]!]!;
      most = Math.max(most, perDay[dayOf[k]!]!);
    }
    for (let k = start; k < end; k++) perDay[dayOf[k]!] = 0;
  }
  // The reactions by actions, then by account (stable), so each account's come fewest actions first.
  const byActions = new Int32Array(most + 2);
  for (let r = 0; r < count; r++) byActions[actionsThatDay[r]! + 1]!++;
  for (let a = 0; a <= most; a++) byActions[a + 1]! += byActions[a]!;
  const accountByActions = new Int32Array(count);
  const actionsByActions = new Int32Array(count);
  for (let r = 0; r < count; r++) {
    const at = byActions[actionsThatDay[r]!]!++;
    accountByActions[at] = account[r]!;
    actionsByActions[at] = actionsThatDay[r]!;
  }
  const ends = new Int32Array(n);
  for (let r = 0; r < count; r++) ends[accountByActions[r]!]!++;
  for (let a = 1; a < n; a++) ends[a]! += ends[a - 1]!;
  const ordered = new Int32Array(count);
  for (let r = count - 1; r >= 0; r--) ordered[--ends[accountByActions[r]!]!] = actionsByActions[r]!;
  // ends[a] is now where account a's reactions start.
  const selective = new Float64Array(n);
  const reactions = new Float64Array(n);
  for (let a = 0; a < n; a++) {
    const end = a + 1 < n ? ends[a + 1]! : count;
    reactions[a] = end - ends[a]!;
    for (let r = ends[a]!; r < end; r++) selective[a] += 1 / ordered[r]!;
  }
  return {selective_reactions: selective, reactions};
}

/** The reactions, selective reactions and distinct reactors of every account (`selectiveReactions`). */
async function kloutReactions(db: Db, n: number, window: TimeWindow) {
  const [laid, pairs] = await Promise.all([actionsByActor(db, window), reactionPairs(db, window)]);
  return {...selectiveReactions(n, laid), distinct_reactors: distinctReactors(n, pairs)};
}

/** The features of every account in `account_id` order, with the accounts they belong to. */
export async function kloutFeatures(
  db: Db,
  window: TimeWindow = {}
): Promise<{accounts: AccountList; features: KloutFeatures}> {
  const accounts = await accountList(db);
  const n = accounts.accountIds.length;
  // Sent together (`Db`): the engine goes from one query to the next without waiting for this code.
  const [fixed, reactions, postRows] = await Promise.all([
    kloutAccounts(db, accounts),
    kloutReactions(db, n, window),
    accountCodes(db).then((codes) =>
      db.queryColumns<{account: number; posts: number}>(kloutPostsSql(codes), windowParams(window))
    )
  ]);
  const posts = new Float64Array(n);
  for (let row = 0; row < postRows.account.length; row++) posts[postRows.account[row]!] = postRows.posts[row]!;
  return {accounts, features: {...fixed, ...reactions, posts}};
}

/** Networks whose data has posts at all (amplification needs post counts). */
export async function networksWithPosts(db: Db): Promise<Set<string>> {
  return new Set((await db.query<{network: string}>("SELECT DISTINCT network FROM posts")).map((row) => row.network));
}

// Parameters: from, from, to, to. Per (reactor, reacted-to, UTC day): the reactions and their actor-selective
// weights, as `selectiveReactions` counts them (windows of whole days hold whole actor-days).
export const KLOUT_DAILY_REACTIONS_SQL = `
WITH windowed AS (
  SELECT actor_id, target_id, ts, kind FROM interactions WHERE kind <> 'follow' AND ${inWindow("ts")}
),
actor_days AS (
  SELECT actor_id, CAST(ts AS DATE) AS action_day, count(*) AS actions FROM windowed
  GROUP BY actor_id, CAST(ts AS DATE)
)
SELECT r.actor_id, r.target_id, ${utcDay("r.ts")} AS day, count(*) AS reactions,
  sum(1.0 / d.actions ORDER BY d.actions)::DOUBLE AS selective
FROM windowed r
JOIN actor_days d ON d.actor_id = r.actor_id AND d.action_day = CAST(r.ts AS DATE)
WHERE r.kind IN (${REACTION_KIND_LIST}) AND r.actor_id <> r.target_id
  AND r.target_id IN (SELECT account_id FROM accounts)
GROUP BY r.actor_id, r.target_id, day
ORDER BY day, r.target_id, r.actor_id
`;

// Parameters: from, from, to, to. Per (account, UTC day): the posts `kloutPostsSql` counts, the account as its code
// in `codes` (`scoring/features/indexed.ts`).
export const kloutDailyPostsSql = (codes: string) => `
SELECT i.account, ${utcDay("p.created_at")} AS day, count(*)::INTEGER AS posts
FROM posts p JOIN ${codes} i USING (account_id)
WHERE p.kind <> 'repost' AND i.account >= 0 AND ${inWindow("p.created_at")}
GROUP BY i.account, day
`;

export interface KloutDailyReaction {
  actor_id: string;
  target_id: string;
  day: number;
  reactions: number;
  selective: number;
  [column: string]: string | number;
}

/** The reactions of every (reactor, reacted-to, day) inside the window, by day. */
export function kloutDailyReactions(db: Db, window: TimeWindow): Promise<KloutDailyReaction[]> {
  return db.query<KloutDailyReaction>(KLOUT_DAILY_REACTIONS_SQL, windowParams(window));
}
