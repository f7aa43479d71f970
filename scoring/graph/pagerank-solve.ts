/**
 * PageRank as a linear system solved one strongly connected component at a time, in topological order: the
 * route of PRPACK, the solver igraph uses.
 *
 * References: Langville, A. N. and Meyer, C. D. (2006). "Google's PageRank and Beyond" (PageRank as a linear
 * system, and reducible graphs solved block by block); Gleich, D. F. (2015). "PageRank beyond the web." SIAM
 * Review 57(3), 321–363; Kamvar, S. D., Haveliwala, T. H., Manning, C. D. and Golub, G. H. (2003).
 * "Extrapolation methods for accelerating PageRank computations." WWW 2003 (Aitken extrapolation).
 *
 * With `P` the transition matrix (`P[j][i] = w(j → i) / outWeight[j]`, dangling rows zero) and the dangling and
 * teleport mass both sent along the personalization vector `p`, PageRank `x` satisfies
 * `x = d·Pᵀx + (d·Σ_{j dangling} x[j] + 1 − d)·p`: a multiple of the solution `y` of `(I − d·Pᵀ)·y = p`, so
 * `x = y / Σ y`. Row `i` of that system reads
 *
 *     y[i] · (1 − d·P[i][i]) = p[i] + d · Σ_{j → i, j ≠ i} P[j][i] · y[j],
 *
 * and every in-neighbour `j` of `i` lies in `i`'s strongly connected component or in one before it in
 * topological order. So the components are solved in that order, each node's inflow from the components
 * before it pushed along its out-edges once its component is solved. Nodes without in-edges from other nodes
 * come first, in node order, and the search for components leaves them out. Then:
 * - a node alone in its component (most nodes of a social graph) is solved exactly by that one line;
 * - a component of at most `DIRECT_LIMIT` nodes exactly, by Gaussian elimination on its rows (the matrix is
 *   strictly diagonally dominant by columns, so no pivoting is needed);
 * - a larger component by Gauss–Seidel sweeps over its own edges, with the inflow from outside fixed.
 *
 * Stopping rule of the sweeps. After a sweep that changed a component's values by `Δ` (L1), the residual of its
 * rows is at most `d·‖Δ‖₁` (each later update of an in-neighbour `j` moves row `i` by `d·P[j][i]·Δ[j]`, and
 * `Σ_i P[j][i] ≤ 1`). The residuals of all components make the residual `r` of the whole system (exact
 * components add only rounding), and `‖(I − d·Pᵀ)⁻¹‖₁ ≤ 1/(1 − d)`, so the error of `y` is at most
 * `‖r‖₁/(1 − d)`, and normalising at most doubles it relative to `Σ y`. A component stops once
 * `d·‖Δ‖₁ ≤ (1 − d)·tolerance/4 · (‖y_C‖₁ + |C|/n)`; summed over components that is at most
 * `(1 − d)·tolerance/4 · (Σ y + 1) ≤ (1 − d)·tolerance/2 · Σ y` (as `Σ y ≥ Σ p = 1`), which bounds the L1
 * distance of the returned scores to the exact PageRank by `tolerance`, up to rounding, on any graph.
 *
 * When successive sweeps shrink the change by a steady ratio `λ`, the error is mostly one slowly decaying
 * mode, and the sweeps jump ahead along it (Aitken's extrapolation, `y += Δ·λ/(1 − λ)`, clamped at 0); the stopping
 * rule is only ever checked on an ordinary sweep, so the bound above holds whatever the jump did.
 */
import type {Csr} from "./csr.js";
import {stronglyConnectedComponents} from "./scc.js";
import type {PowerIterationOptions, PowerIterationResult} from "./power-iteration.js";

/** The personalization vector, or the share of every node when it is uniform (no vector to allocate and read). */
export type Teleport = Float64Array | number;

/** Node i's share of the teleport. */
function share(teleport: Teleport, i: number): number {
  return typeof teleport === "number" ? teleport : teleport[i];
}

/** Components of up to this many nodes are solved exactly by Gaussian elimination. */
const DIRECT_LIMIT = 32;
/** Successive change ratios this close (relatively) count as steady enough to extrapolate. */
const STEADY = 0.01;

/**
 * PageRank of `graph` with teleport and dangling distribution `personalization` (non-negative, summing to 1),
 * solved by components. `iterations` is the largest number of Gauss–Seidel sweeps any component took (1 when
 * every component was solved exactly: always on a graph whose cycles have at most `DIRECT_LIMIT` nodes), and
 * `converged` is false when some component reached `maxIterations` sweeps before meeting the stopping rule
 * above; the scores are then still normalised to sum 1.
 */
export function solvePagerank(
  graph: Csr,
  personalization: Teleport,
  {damping, tolerance, maxIterations}: PowerIterationOptions
): PowerIterationResult {
  const n = graph.nodeCount;
  // Before node i is solved, y[i] gathers Σ P[j][i]·y[j] over its solved in-neighbours; then it is y[i].
  const y = new Float64Array(n);
  const {source, selfLoop} = sourcesAndSelfLoops(graph);
  solveSources(graph, source, selfLoop, personalization, damping, y);
  const stop = {damping, budget: ((1 - damping) * tolerance) / 4, nodeShare: 1 / n, maxIterations};
  const {iterations: sweeps, converged} = solveComponents(graph, source, selfLoop, personalization, y, stop);
  // 1 when every component was solved exactly; the cap when some component ran out of sweeps.
  const iterations = !converged ? maxIterations : n > 0 ? Math.max(1, sweeps) : 0;
  normalise(y);
  return {scores: y, iterations, converged};
}

/**
 * Flags the nodes that no other node points to (on a social graph, most accounts that only react), and the nodes
 * with a self-loop that carries weight, in one pass over the edges.
 */
function sourcesAndSelfLoops({nodeCount: n, offsets, targets, weights}: Csr): {
  source: Uint8Array;
  selfLoop: Uint8Array;
} {
  const source = new Uint8Array(n).fill(1);
  const selfLoop = new Uint8Array(n);
  for (let j = 0; j < n; j++) {
    const end = offsets[j + 1];
    for (let k = offsets[j]; k < end; k++) {
      const t = targets[k];
      if (t !== j) source[t] = 0;
      else if (weights[k] > 0) selfLoop[j] = 1;
    }
  }
  return {source, selfLoop};
}

/**
 * P[i][i], the share of node i's out-weight on its self-loop (rows are sorted by target); 0 for a dangling node,
 * whose only edges may weigh nothing.
 */
function selfProbability({offsets, targets, weights, outWeight}: Csr, i: number): number {
  if (!(outWeight[i] > 0)) return 0;
  for (let k = offsets[i]; k < offsets[i + 1]; k++) {
    const t = targets[k];
    if (t === i) return weights[k] / outWeight[i];
    if (t > i) break;
  }
  return 0;
}

/**
 * Solves the nodes without in-edges from other nodes: each depends on nothing but itself, so they are solved
 * first, in node order, which reads the graph in sequence.
 */
function solveSources(
  graph: Csr,
  source: Uint8Array,
  selfLoop: Uint8Array,
  personalization: Teleport,
  damping: number,
  y: Float64Array
): void {
  for (let i = 0; i < graph.nodeCount; i++)
    if (source[i] !== 0) solveAlone(graph, i, selfLoop, personalization, damping, y);
}

/**
 * Solves node i, alone in its component, from the inflow its in-neighbours have gathered in y[i] (none for a
 * source, whose y[i] is still 0), and pushes its value along its out-edges.
 */
function solveAlone(
  graph: Csr,
  i: number,
  selfLoop: Uint8Array,
  personalization: Teleport,
  damping: number,
  y: Float64Array
): void {
  const inflow = share(personalization, i) + damping * y[i];
  y[i] = selfLoop[i] === 0 ? inflow : inflow / (1 - damping * selfProbability(graph, i));
  pushOut(graph, i, y);
}

/**
 * Solves every other node, component by component in topological order. The search for components leaves the
 * sources out: no path runs through a node without in-edges. Returns the most sweeps a component took (0 when
 * none needed sweeping) and whether every component met the stopping rule.
 */
function solveComponents(
  graph: Csr,
  source: Uint8Array,
  selfLoop: Uint8Array,
  personalization: Teleport,
  y: Float64Array,
  stop: SweepStop
): {iterations: number; converged: boolean} {
  const {nodeCount: n, offsets, targets} = graph;
  const {damping} = stop;
  // Tarjan's order puts a component after every component it has an edge to: solve from the last one back.
  const {count, nodes, starts} = stronglyConnectedComponents(n, offsets, targets, source);
  // Place of each node within the component being solved, −1 outside it.
  const local = new Int32Array(n).fill(-1);
  const dense = new Float64Array(DIRECT_LIMIT * (DIRECT_LIMIT + 1));
  let iterations = 0;
  let converged = true;
  for (let c = count - 1; c >= 0; c--) {
    const first = starts[c];
    const end = starts[c + 1];
    if (end - first === 1) {
      solveAlone(graph, nodes[first], selfLoop, personalization, damping, y);
      continue;
    }
    // A large component is swept in node order, which reads the scores more nearly in sequence.
    const members = end - first <= DIRECT_LIMIT ? nodes.subarray(first, end) : nodes.subarray(first, end).sort();
    for (let m = 0; m < members.length; m++) local[members[m]] = m;
    if (members.length <= DIRECT_LIMIT) {
      solveDirect(graph, members, local, personalization, damping, y, dense);
    } else {
      const sweeps = solveBySweeps(graph, members, local, personalization, y, stop);
      if (Math.abs(sweeps) > iterations) iterations = Math.abs(sweeps);
      if (sweeps < 0) converged = false;
    }
    for (let m = 0; m < members.length; m++) pushOutside(graph, members[m], y, local);
    for (let m = 0; m < members.length; m++) local[members[m]] = -1;
  }
  return {iterations, converged};
}

/** Divides the scores by their sum. */
function normalise(y: Float64Array): void {
  let total = 0;
  for (let i = 0; i < y.length; i++) total += y[i];
  for (let i = 0; i < y.length; i++) y[i] /= total;
}

/**
 * Adds solved node i's value, times each out-edge's probability, to the inflow gathered at the edge's target,
 * except at i itself.
 */
function pushOut({offsets, targets, weights, outWeight}: Csr, i: number, y: Float64Array): void {
  const total = outWeight[i];
  if (!(total > 0)) return;
  const value = y[i];
  const end = offsets[i + 1];
  for (let k = offsets[i]; k < end; k++) {
    const t = targets[k];
    if (t !== i) y[t] += (weights[k] / total) * value;
  }
}

/** `pushOut` for a member of a component, except at the members placed by `local`. */
function pushOutside({offsets, targets, weights, outWeight}: Csr, i: number, y: Float64Array, local: Int32Array): void {
  const total = outWeight[i];
  if (!(total > 0)) return;
  const value = y[i];
  const end = offsets[i + 1];
  for (let k = offsets[i]; k < end; k++) {
    const t = targets[k];
    if (local[t] === -1) y[t] += (weights[k] / total) * value;
  }
}

/**
 * Solves the rows of a small component exactly: row `a` of the dense system (members in `members` order) is
 * `(1 − d·P[a][a])·y[a] − d·Σ_b P[b][a]·y[b] = p[a] + d·(inflow gathered in y[a])`, eliminated column by column.
 */
function solveDirect(
  graph: Csr,
  members: Int32Array,
  local: Int32Array,
  personalization: Teleport,
  damping: number,
  y: Float64Array,
  dense: Float64Array
): void {
  const {offsets, targets, weights, outWeight} = graph;
  const size = members.length;
  const width = size + 1;
  dense.fill(0, 0, size * width);
  for (let b = 0; b < size; b++) {
    const j = members[b];
    dense[b * width + size] = share(personalization, j) + damping * y[j];
    dense[b * width + b] = 1;
    const total = outWeight[j];
    // A node whose edges all weigh 0 joins a cycle without carrying anything along it.
    if (!(total > 0)) continue;
    for (let k = offsets[j]; k < offsets[j + 1]; k++) {
      const a = local[targets[k]];
      if (a !== -1) dense[a * width + b] -= damping * (weights[k] / total);
    }
  }
  for (let pivot = 0; pivot < size; pivot++) {
    const pivotRow = pivot * width;
    for (let row = pivot + 1; row < size; row++) {
      const factor = dense[row * width + pivot] / dense[pivotRow + pivot];
      if (factor === 0) continue;
      for (let col = pivot; col <= size; col++) dense[row * width + col] -= factor * dense[pivotRow + col];
    }
  }
  for (let a = size - 1; a >= 0; a--) {
    let value = dense[a * width + size];
    for (let b = a + 1; b < size; b++) value -= dense[a * width + b] * y[members[b]];
    y[members[a]] = value / dense[a * width + a];
  }
}

interface SweepStop {
  damping: number;
  /** `(1 − d)·tolerance/4`, the error budget per unit of mass or of node share. */
  budget: number;
  /** `1 / n`. */
  nodeShare: number;
  maxIterations: number;
}

/**
 * Gauss–Seidel sweeps over a large component's own edges, gathered into a local in-edge list, with each member's
 * inflow from outside fixed. Returns the sweeps taken, negated when `maxIterations` ran out first.
 */
function solveBySweeps(
  graph: Csr,
  members: Int32Array,
  local: Int32Array,
  personalization: Teleport,
  y: Float64Array,
  {damping, budget, nodeShare, maxIterations}: SweepStop
): number {
  const {offsets, targets, weights, outWeight} = graph;
  const size = members.length;
  const inOffsets = new Int32Array(size + 1);
  for (let b = 0; b < size; b++) {
    const j = members[b];
    if (!(outWeight[j] > 0)) continue;
    for (let k = offsets[j]; k < offsets[j + 1]; k++) {
      const a = local[targets[k]];
      if (a !== -1 && a !== b) inOffsets[a + 1]++;
    }
  }
  for (let a = 0; a < size; a++) inOffsets[a + 1] += inOffsets[a];
  const next = inOffsets.slice(0, size);
  const sources = new Int32Array(inOffsets[size]);
  const probability = new Float64Array(inOffsets[size]);
  const inflow = new Float64Array(size);
  const divisor = new Float64Array(size);
  for (let b = 0; b < size; b++) {
    const j = members[b];
    const total = outWeight[j];
    inflow[b] = share(personalization, j) + damping * y[j];
    divisor[b] = 1;
    if (!(total > 0)) continue;
    for (let k = offsets[j]; k < offsets[j + 1]; k++) {
      const a = local[targets[k]];
      if (a === -1) continue;
      if (a === b) {
        divisor[b] = 1 - damping * (weights[k] / total);
      } else {
        const slot = next[a]++;
        sources[slot] = b;
        probability[slot] = damping * (weights[k] / total);
      }
    }
  }
  const x = new Float64Array(size);
  const delta = new Float64Array(size);
  const allowance = budget * size * nodeShare;
  let previousChange = Infinity;
  let previousRatio = 0;
  let sweeps = 0;
  for (;;) {
    sweeps++;
    let change = 0;
    let mass = 0;
    for (let a = 0; a < size; a++) {
      let value = inflow[a];
      for (let k = inOffsets[a]; k < inOffsets[a + 1]; k++) value += probability[k] * x[sources[k]];
      value /= divisor[a];
      delta[a] = value - x[a];
      change += Math.abs(delta[a]);
      mass += value;
      x[a] = value;
    }
    if (damping * change <= budget * mass + allowance) break;
    if (sweeps === maxIterations) {
      sweeps = -sweeps;
      break;
    }
    const ratio = change / previousChange;
    if (ratio < 1 && Math.abs(ratio - previousRatio) < STEADY * ratio) {
      const jump = ratio / (1 - ratio);
      for (let a = 0; a < size; a++) x[a] = Math.max(0, x[a] + jump * delta[a]);
      previousChange = Infinity;
      previousRatio = 0;
    } else {
      previousChange = change;
      previousRatio = ratio;
    }
  }
  for (let a = 0; a < size; a++) y[members[a]] = x[a];
  return sweeps;
}
