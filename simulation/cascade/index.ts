/**
 * Cascade models (Kempe, Kleinberg, Tardos 2003): independent cascade and linear threshold over a dataset's
 * influence graph, Monte Carlo spread of a seed set, the single-seed spread of every node from shared live-edge
 * samples, and greedy / CELF seed selection. Browser-safe: no Node imports, so it also runs in a Web Worker.
 */
export {independentCascade, linearThreshold, type CascadeKind, type CascadeModel} from "./model.js";
export {
  EDGE_WEIGHT_DEFAULTS,
  PROBABILITY_SCHEMES,
  icProbabilities,
  ltWeights,
  type ProbabilityScheme
} from "./edge-weights.js";
export {INFLUENCE_SOURCES, influenceGraph, type InfluenceSource} from "./influence-graph.js";
export {SPREAD_DEFAULTS, expectedSpread, type RunOptions, type SpreadEstimate} from "./spread.js";
export {sampleLiveEdges, singleSeedSpread, singleSeedSpreadSteps, type LiveEdgeSamples} from "./live-edge.js";
export {celfSeeds, greedySeeds, type SeedChoice} from "./greedy.js";
export {cascadeModel, CASCADE_DEFAULTS, type CascadeOptions} from "./cascade-model.js";
