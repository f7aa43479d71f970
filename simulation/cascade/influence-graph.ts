/**
 * The graph influence flows along, influencer → influenced, read from a dataset:
 *
 * - `follows`: followee → follower (what an account posts reaches its followers), weight 1;
 * - `interactions`: target → actor (the account reacted to influenced the one that reacted), weighted by the
 *   number of reactions (every interaction kind except follow and rating; reactions to oneself left out).
 *
 * Both are the transposes of the graphs the scoring methods walk (`scoring/graphs.ts`), with the same
 * numbering of accounts.
 */
import type {Db} from "../../scoring/db.js";
import type {TimeWindow} from "../../scoring/features/activity.js";
import {followGraph, reactionGraph, type AccountGraph} from "../../scoring/graphs.js";
import {transpose} from "../../scoring/graph/transpose.js";

export const INFLUENCE_SOURCES = ["follows", "interactions"] as const;
export type InfluenceSource = (typeof INFLUENCE_SOURCES)[number];

/**
 * The influence graph of `db` from `source`; `window` bounds the interactions counted (follows have no time).
 *
 * @example const {accountIds, graph} = await influenceGraph(db, "follows");
 */
export async function influenceGraph(
  db: Db,
  source: InfluenceSource,
  {window = {}}: {window?: TimeWindow} = {}
): Promise<AccountGraph> {
  if (!INFLUENCE_SOURCES.includes(source)) {
    throw new Error(
      `simulation/cascade/influence-graph: source must be one of ${INFLUENCE_SOURCES.join(", ")}, got ${source}`
    );
  }
  const {accountIds, graph} = source === "follows" ? await followGraph(db) : await reactionGraph(db, {window});
  return {accountIds, graph: transpose(graph)};
}
