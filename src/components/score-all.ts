/** Scoring a dataset with several methods for a page: one method after another, kept by method id. */
import type {Db} from "../scoring/db.js";
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
  const scores = new Map<string, ScoreRow[]>();
  for (const id of methodIds) scores.set(id, known.get(id) ?? (await scoreMethod(db, id)));
  return scores;
}
