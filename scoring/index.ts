/** The scoring core: the same code in Node (native DuckDB) and in the browser (duckdb-wasm). */
export type {Db, Row, Value} from "./db.js";
export {activityFeatures, REACTION_KINDS, type ActivityFeatures, type TimeWindow} from "./features/activity.js";
export {networkCounts, interactionKindCounts, type NetworkCounts} from "./dataset.js";
export {METHODS, getMethod, type Method, type MethodOptions, type MethodValues} from "./methods/index.js";
export {
  availableMethods,
  scoreMethod,
  scoreMethodColumns,
  scoreMethods,
  scoreMethodsById,
  scoreRows,
  rankDescending,
  type MethodScores,
  type ScoreRow,
  type ScoredProgress
} from "./score.js";
export {reactionGraph, followGraph, type AccountGraph} from "./graphs.js";
export {resolveWeights, WeightsError} from "./weights.js";
export {resolveWindow, dataEnd} from "./window.js";
export {compareMethods, compareScores, kendallTauB, spearman, topKOverlap, type Comparison} from "./compare/index.js";
