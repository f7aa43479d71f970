/**
 * A dataset's cascade model in one call: its influence graph (`influence-graph.ts`) with IC probabilities or LT
 * weights (`edge-weights.ts`), as the command line and the simulation page choose them.
 */
import type {Db} from "../../scoring/db.js";
import {nextTurn} from "../../scoring/slices.js";
import {EDGE_WEIGHT_DEFAULTS, icProbabilities, ltWeights, type ProbabilityScheme} from "./edge-weights.js";
import {influenceGraph, type InfluenceSource} from "./influence-graph.js";
import {independentCascade, linearThreshold, type CascadeKind, type CascadeModel} from "./model.js";

export interface CascadeOptions {
  /** `ic` (default) or `lt`. */
  model?: CascadeKind;
  /** The graph influence flows along: `follows` (default) or `interactions`. */
  graph?: InfluenceSource;
  /** IC only: how edge probabilities follow from the graph (default `uniform`). */
  scheme?: ProbabilityScheme;
  /** IC only: the probability per edge or per interaction (default 0.01). */
  p?: number;
}

export const CASCADE_DEFAULTS: Readonly<Required<CascadeOptions>> = Object.freeze({
  model: "ic",
  graph: "follows",
  ...EDGE_WEIGHT_DEFAULTS
});

/**
 * The cascade model of `db` and the account id of each of its nodes.
 *
 * @example const {accountIds, model} = await cascadeModel(db, {model: "ic", graph: "follows", p: 0.05});
 */
export async function cascadeModel(
  db: Db,
  options: CascadeOptions = {}
): Promise<{accountIds: readonly string[]; model: CascadeModel}> {
  const {model, graph, scheme, p} = {...CASCADE_DEFAULTS, ...options};
  if (model !== "ic" && model !== "lt") {
    throw new Error(`simulation/cascade/cascade-model: model must be ic or lt, got ${model}`);
  }
  const {accountIds, graph: counts} = await influenceGraph(db, graph);
  // A turn of the event loop between building the graph and weighting it, for the answers of queries sent meanwhile.
  await nextTurn();
  return {
    accountIds,
    model:
      model === "ic" ? independentCascade(icProbabilities(counts, {scheme, p})) : linearThreshold(ltWeights(counts))
  };
}
