/** Scoring a dataset with several methods for a page: one method after another, kept by method id. */
import type {Db} from "../scoring/db.js";
import {memoizedDb} from "../scoring/memo-db.js";
import {scoreMethod, type ScoreRow} from "../scoring/score.js";

/**
 * Each method of `methodIds` scored on `db` (rows ordered by rank), in that order; methods already in `known`
 * are taken from there instead of being scored again.
 */
export async function scoreAll(
  db: Db,
  methodIds: readonly string[],
  known: ReadonlyMap<string, ScoreRow[]> = new Map()
): Promise<Map<string, ScoreRow[]>> {
  // Queries the methods share (the reaction graph, features) run once for all of them.
  const shared = memoizedDb(db);
  const scores = new Map<string, ScoreRow[]>();
  for (const id of methodIds) scores.set(id, known.get(id) ?? (await scoreMethod(shared, id)));
  return scores;
}
