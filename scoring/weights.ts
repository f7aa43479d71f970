/**
 * Weights: plain JSON objects of non-negative numbers, one preset per method in `data/weights/`. A weights
 * object may set any subset of a method's keys; anything else is an error naming the key. A fitted model's
 * weights (`Method.signedWeights`, such as `pairs-logistic`) may be negative.
 */
import type {Method} from "./methods/method.js";

export class WeightsError extends Error {
  override name = "WeightsError";
}

/** The method's default weights with `given` applied, after checking every given key and value. */
export function resolveWeights(method: Method, given: Readonly<Record<string, unknown>> = {}): Record<string, number> {
  const defaults = method.weights ?? {};
  for (const [key, value] of Object.entries(given)) {
    if (!(key in defaults)) {
      const known = Object.keys(defaults);
      throw new WeightsError(
        `weights for ${method.id}: unknown key "${key}"` +
          (known.length ? ` (known: ${known.join(", ")})` : ` (${method.id} takes no weights)`)
      );
    }
    if (typeof value !== "number" || !Number.isFinite(value) || (value < 0 && !method.signedWeights)) {
      const kind = method.signedWeights ? "a finite" : "a non-negative";
      throw new WeightsError(`weights for ${method.id}: "${key}" must be ${kind} number, got ${JSON.stringify(value)}`);
    }
  }
  return {...defaults, ...(given as Record<string, number>)};
}
