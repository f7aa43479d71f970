/**
 * The stopping rule every iterative kernel shares (PageRank, TwitterRank, HITS, Influence–Passivity): a tolerance
 * on the L1 change between iterates and a cap on iterations, plus PageRank-style damping where the kernel has it.
 * Checked once here so that each kernel's errors read the same, prefixed by its module.
 */

export interface StoppingRule {
  tolerance: number;
  maxIterations: number;
}

/** `tolerance` and `maxIterations` from `options`, else `defaults`, checked; errors start with `module`. */
export function stoppingRule(
  module: string,
  options: Partial<StoppingRule>,
  defaults: Readonly<StoppingRule>
): StoppingRule {
  const tolerance = options.tolerance ?? defaults.tolerance;
  const maxIterations = options.maxIterations ?? defaults.maxIterations;
  if (typeof tolerance !== "number" || !(tolerance > 0 && tolerance < Infinity)) {
    throw new Error(`${module}: tolerance must be a positive finite number, got ${tolerance}`);
  }
  if (!Number.isInteger(maxIterations) || maxIterations < 1) {
    throw new Error(`${module}: maxIterations must be a positive integer, got ${maxIterations}`);
  }
  return {tolerance, maxIterations};
}

/** The stopping rule and a damping factor in [0, 1), for random-walk kernels; errors start with `module`. */
export function walkOptions(
  module: string,
  options: Partial<StoppingRule & {damping: number}>,
  defaults: Readonly<StoppingRule & {damping: number}>
): StoppingRule & {damping: number} {
  const damping = options.damping ?? defaults.damping;
  if (typeof damping !== "number" || !(damping >= 0 && damping < 1)) {
    throw new Error(`${module}: damping must be in [0, 1), got ${damping}`);
  }
  return {damping, ...stoppingRule(module, options, defaults)};
}
