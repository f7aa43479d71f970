/**
 * Kred points per account inside a window [from, to) (INFLUENCE-METHODS.md §2): for what other accounts did
 * to it (Influence) and for what it did to other accounts (Outreach). Actions on oneself earn nothing.
 *
 *     points = Σ_kind points[kind] · (actions of that kind + bigActorMultiplier · those by big actors)
 *
 * A big actor reports more than `bigActorFollowers` followers (Kred's bonus condition); an actor without a
 * reported count, or absent from `accounts`, is not one. Actions are counted exactly and weighted after
 * counting, in one fixed expression, so points are the same on every engine. Each action counts once (the
 * `weight` column means different things in different sources). Follows are the timestamped `follow`
 * interactions: the `follows` table is a snapshot with no time of action.
 */
import type {Db} from "../db.js";
import type {TimeWindow} from "./activity.js";
import {inWindow, windowParams} from "./window.js";

/** The interaction kinds that earn Kred points. */
export const KRED_KINDS = ["repost", "reply", "mention", "quote", "comment", "share", "like", "follow"] as const;

/** Points per action, by kind (a kind left out earns 0). */
export type KindPoints = Readonly<Record<string, number>>;

export interface BigActorBonus {
  /** Actors with more reported followers than this are big actors. */
  bigActorFollowers: number;
  /** What a big actor's action is worth, as a multiple of its kind's points. */
  bigActorMultiplier: number;
}

export interface KredPoints {
  account_id: string;
  network: string;
  points: number;
  [column: string]: string | number;
}

/** The kinds of KRED_KINDS as an SQL list, for `kind IN (…)`. */
export const KRED_KIND_LIST = KRED_KINDS.map((kind) => `'${kind}'`).join(", ");
const POINT_VALUES = `point_values AS (SELECT ${KRED_KINDS.map((kind) => `?::DOUBLE AS ${kind}`).join(", ")})`;
const countsBy = (suffix: string, condition: string) =>
  KRED_KINDS.map((kind) => `count(*) FILTER (WHERE kind = '${kind}'${condition}) AS ${kind}${suffix}`).join(", ");

// Parameters: the points of each kind (KRED_KINDS order), the follower threshold, the multiplier, then from,
// from, to, to.
export const KRED_INFLUENCE_POINTS_SQL = `
WITH ${POINT_VALUES},
bonus AS (SELECT ?::DOUBLE AS followers, ?::DOUBLE AS multiplier),
windowed AS (
  SELECT i.target_id, i.kind, coalesce(actor.followers > (SELECT followers FROM bonus), false) AS big_actor
  FROM interactions i LEFT JOIN accounts actor ON actor.account_id = i.actor_id
  WHERE i.kind IN (${KRED_KIND_LIST}) AND i.actor_id <> i.target_id AND ${inWindow("ts")}
),
received AS (
  SELECT target_id AS account_id, ${countsBy("", " AND NOT big_actor")}, ${countsBy("_big", " AND big_actor")}
  FROM windowed
  GROUP BY target_id
)
SELECT a.account_id, a.network,
  coalesce(${KRED_KINDS.map((kind) => `v.${kind} * (r.${kind} + b.multiplier * r.${kind}_big)`).join(" + ")}, 0) AS points
FROM accounts a LEFT JOIN received r USING (account_id) CROSS JOIN point_values v CROSS JOIN bonus b
ORDER BY a.account_id
`;

// Parameters: the points of each kind (KRED_KINDS order), then from, from, to, to.
export const KRED_OUTREACH_POINTS_SQL = `
WITH ${POINT_VALUES},
made AS (
  SELECT actor_id AS account_id, ${countsBy("", "")}
  FROM interactions
  WHERE kind IN (${KRED_KIND_LIST}) AND actor_id <> target_id AND ${inWindow("ts")}
  GROUP BY actor_id
)
SELECT a.account_id, a.network,
  coalesce(${KRED_KINDS.map((kind) => `v.${kind} * m.${kind}`).join(" + ")}, 0) AS points
FROM accounts a LEFT JOIN made m USING (account_id) CROSS JOIN point_values v
ORDER BY a.account_id
`;

const pointValues = (points: KindPoints) => KRED_KINDS.map((kind) => points[kind] ?? 0);

/** Influence points of every account: for the actions other accounts took on it, with the big-actor bonus. */
export function kredInfluencePoints(
  db: Db,
  {from = null, to = null}: TimeWindow,
  points: KindPoints,
  {bigActorFollowers, bigActorMultiplier}: BigActorBonus
): Promise<KredPoints[]> {
  const params = [...pointValues(points), bigActorFollowers, bigActorMultiplier, ...windowParams({from, to})];
  return db.query<KredPoints>(KRED_INFLUENCE_POINTS_SQL, params);
}

/** Outreach points of every account: for the actions it took on other accounts. */
export function kredOutreachPoints(
  db: Db,
  {from = null, to = null}: TimeWindow,
  points: KindPoints
): Promise<KredPoints[]> {
  return db.query<KredPoints>(KRED_OUTREACH_POINTS_SQL, [...pointValues(points), ...windowParams({from, to})]);
}
