/**
 * Weights files: `{"method": "<id>", "weights": {"<key>": <non-negative number>, …}}`, one method per file;
 * other top-level keys (provenance such as `note`, `fitted_on`, `cv`) are kept as documentation. The presets
 * in `data/weights/` are in this format; `--weights` takes such files, including those `sway evaluate pairs
 * --learn` writes for `pairs-logistic`, the one method whose weights may be negative.
 */
import {readFileSync} from "node:fs";
import {getMethod} from "../scoring/methods/index.js";
import {resolveWeights} from "../scoring/weights.js";

export interface WeightsFile {
  method: string;
  weights: Record<string, number>;
}

/** Reads and checks a weights file against its method; errors name the file and the key. */
export function readWeightsFile(path: string): WeightsFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`${path}: not a readable JSON file (${(error as Error).message})`);
  }
  const file = parsed as Partial<WeightsFile>;
  if (typeof file?.method !== "string") throw new Error(`${path}: "method" must name a method`);
  if (typeof file.weights !== "object" || file.weights === null || Array.isArray(file.weights)) {
    throw new Error(`${path}: "weights" must be an object of numbers`);
  }
  try {
    resolveWeights(getMethod(file.method), file.weights);
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`);
  }
  return {method: file.method, weights: file.weights};
}
