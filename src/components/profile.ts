/**
 * The profile page's queries and pure layout: one account's scores by every method, its accounts on other
 * networks, the accounts it reacts to most (those that influence it) and that react to it most (those it
 * influences), its daily score history and its score moments. Reactions are the interactions `scoring/` counts
 * as reactions (every kind but follow and rating), from another account, over all the data.
 */
import * as Plot from "@observablehq/plot";
import type {Db} from "../scoring/db.js";
import {DAY_MS} from "../scoring/features/daily.js";
import {REACTION_KINDS} from "../scoring/features/activity.js";
import {rankPercentiles} from "../scoring/compare/index.js";
import {scoreHistory, type HistoryRow} from "../scoring/history.js";
import {getMethod} from "../scoring/methods/index.js";
import {scoreMoments, type Moment} from "../scoring/moments.js";
import type {MethodScores} from "../scoring/score.js";
import {dataEnd} from "../scoring/window.js";

/** The account shown, as the accounts table has it. */
export interface ProfileAccount {
  account_id: string;
  network: string;
  handle: string;
  display_name: string | null;
  followers: number | null;
  following: number | null;
  /** The person the account belongs to: `person_id`, else its identities entry, else the account itself. */
  person: string;
}

/** One of the person's accounts, with what it did and drew on its network. */
export interface NetworkActivity {
  account_id: string;
  network: string;
  handle: string;
  posts: number;
  actions: number;
  reactions_received: number;
  followers: number;
}

/** An account that reacted to the profile's account, or that it reacted to, and how often. */
export interface Counterpart {
  account_id: string;
  network: string;
  handle: string;
  reactions: number;
}

const REACTIONS = REACTION_KINDS.map((kind) => `'${kind}'`).join(", ");

const PERSON = `coalesce(a.person_id, (SELECT min(i.person_id) FROM identities i WHERE i.account_id = a.account_id), a.account_id)`;

/** The account (parameter 1). */
export const ACCOUNT_SQL = `
SELECT account_id, network, handle, display_name, followers, following, ${PERSON} AS person
FROM accounts a
WHERE account_id = ?
`;

/**
 * Per account of the person (parameter 1): posts, actions made, reactions received from others, and followers
 * (reported, else distinct followers in the follow graph); ordered by network.
 */
export const NETWORK_ACTIVITY_SQL = `
WITH mine AS (SELECT a.* FROM accounts a WHERE ${PERSON} = ?)
SELECT
  m.account_id,
  m.network,
  m.handle,
  (SELECT count(*) FROM posts p WHERE p.account_id = m.account_id) AS posts,
  (SELECT count(*) FROM interactions i WHERE i.actor_id = m.account_id) AS actions,
  (SELECT count(*) FROM interactions i
    WHERE i.target_id = m.account_id AND i.actor_id <> i.target_id AND i.kind IN (${REACTIONS})) AS reactions_received,
  coalesce(m.followers, (SELECT count(DISTINCT f.follower_id) FROM follows f
    WHERE f.followee_id = m.account_id AND f.follower_id <> f.followee_id)) AS followers
FROM mine m
ORDER BY m.network, m.account_id
`;

/** The accounts the account (parameter 1) reacted to most: at most parameter 2 of them, most reactions first. */
export const REACTED_TO_SQL = `
SELECT i.target_id AS account_id, coalesce(a.network, i.network) AS network, coalesce(a.handle, i.target_id) AS handle,
  count(*) AS reactions
FROM interactions i LEFT JOIN accounts a ON a.account_id = i.target_id
WHERE i.actor_id = ?1 AND i.target_id <> i.actor_id AND i.kind IN (${REACTIONS})
GROUP BY ALL
ORDER BY reactions DESC, handle, account_id
LIMIT ?2::BIGINT
`;

/** The accounts that reacted most to the account (parameter 1): at most parameter 2 of them. */
export const REACTED_BY_SQL = `
SELECT i.actor_id AS account_id, coalesce(a.network, i.network) AS network, coalesce(a.handle, i.actor_id) AS handle,
  count(*) AS reactions
FROM interactions i LEFT JOIN accounts a ON a.account_id = i.actor_id
WHERE i.target_id = ?1 AND i.target_id <> i.actor_id AND i.kind IN (${REACTIONS})
GROUP BY ALL
ORDER BY reactions DESC, handle, account_id
LIMIT ?2::BIGINT
`;

/** The account, or undefined when there is none with that id. */
export async function profileAccount(db: Db, accountId: string): Promise<ProfileAccount | undefined> {
  const [account] = await db.query<ProfileAccount & Record<string, string | number | null>>(ACCOUNT_SQL, [accountId]);
  return account;
}

/** Each account of the person, with its activity. */
export function networkActivity(db: Db, person: string): Promise<NetworkActivity[]> {
  return db.query<NetworkActivity & Record<string, string | number>>(NETWORK_ACTIVITY_SQL, [person]);
}

/** Those the account reacted to most (`direction: "to"`) or those who reacted to it most (`"by"`). */
export function counterparts(
  db: Db,
  accountId: string,
  direction: "to" | "by",
  {limit = 10}: {limit?: number} = {}
): Promise<Counterpart[]> {
  return db.query<Counterpart & Record<string, string | number>>(direction === "to" ? REACTED_TO_SQL : REACTED_BY_SQL, [
    accountId,
    limit
  ]);
}

/** One method's verdict on the account. */
export interface MethodScore {
  method: string;
  value: number;
  score: number;
  rank: number;
  /** Of how many accounts the method scored. */
  of: number;
  /** The share of the other accounts scored below it, ties counting half, in percent (100 = the top). */
  percentile: number;
}

/**
 * The account's scores under each method of `scores` (method id → that method's scores of every account), in the
 * order of `scores`; a method that did not score the account is left out.
 */
export function methodScores(scores: ReadonlyMap<string, MethodScores>, accountId: string): MethodScore[] {
  const found: MethodScore[] = [];
  for (const [method, {accountIds, values, scores: display, ranks}] of scores) {
    const index = accountIds.indexOf(accountId);
    if (index < 0) continue;
    const fromTop = rankPercentiles(values)[index]!;
    found.push({
      method,
      value: values[index]!,
      score: display[index]!,
      rank: ranks[index]!,
      of: accountIds.length,
      percentile: 100 * (1 - fromTop)
    });
  }
  return found;
}

/** Horizontal bars of reactions per counterpart, labelled by handle and network (as text). */
export function counterpartBars(rows: readonly Counterpart[], {width = 640, label}: {width?: number; label: string}) {
  const named = rows.map((row) => ({...row, name: `${row.handle} (${row.network})`}));
  return Plot.plot({
    width,
    height: 40 + 24 * named.length,
    marginLeft: Math.min(240, Math.max(80, width / 3)),
    // Whole reactions only: about ten ticks, fewer when the largest count is small.
    x: {label: `${label} →`, grid: true, ticks: Math.min(10, Math.max(1, ...named.map((row) => row.reactions)))},
    y: {label: null, domain: named.map((row) => row.name)},
    marks: [Plot.barX(named, {x: "reactions", y: "name", tip: true}), Plot.ruleX([0])]
  });
}

/**
 * The account's daily score with `method` (default the Klout-style score): each day's score over the method's
 * window ending at that day's end, every account scored so that the display scale is that day's.
 */
export function accountHistory(db: Db, accountId: string, method = "klout"): Promise<HistoryRow[]> {
  return scoreHistory(db, method, {accounts: new Set([accountId])});
}

/** A line of the daily display score, one point per day (dates at UTC midnight). */
export function historyChart(
  rows: readonly HistoryRow[],
  {width = 640, label = "Klout-style score (1–100)"}: {width?: number; label?: string} = {}
) {
  const points = rows.map((row) => ({date: new Date(`${row.date}T00:00:00Z`), score: row.score, rank: row.rank}));
  return Plot.plot({
    width,
    height: 240,
    x: {type: "utc", label: null},
    y: {label: `↑ ${label}`, grid: true, domain: [1, 100]},
    marks: [Plot.lineY(points, {x: "date", y: "score", tip: true}), Plot.dot(points.slice(-1), {x: "date", y: "score"})]
  });
}

/** A score moment as the page's table shows it: the post's day, its text, its reactions and its effect. */
export interface MomentRow {
  post_id: string;
  date: string;
  text: string;
  reactions: number;
  effect: number;
}

/**
 * The posts that raised the account's raw score most over the method's last window (from its start to the end
 * of the data), largest effect first; posts whose reactions changed nothing are left out.
 */
export async function accountMoments(
  db: Db,
  accountId: string,
  {method = "klout", limit = 10}: {method?: string; limit?: number} = {}
): Promise<MomentRow[]> {
  const to = await dataEnd(db);
  if (to === null) return [];
  const from = to - (getMethod(method).windowDays ?? 90) * DAY_MS;
  const {moments} = await scoreMoments(db, accountId, {method, from, to, limit});
  return momentRows(moments);
}

/** Moments with a positive effect, as table rows (a post without text says so). */
export function momentRows(moments: readonly Moment[]): MomentRow[] {
  return moments
    .filter((moment) => moment.delta > 0)
    .map((moment) => ({
      post_id: moment.post_id,
      date: new Date(moment.created_at).toISOString().slice(0, 10),
      text: moment.text ?? "(no text in the data)",
      reactions: Object.values(moment.reactions).reduce((sum, count) => sum + count, 0),
      effect: moment.delta
    }));
}
