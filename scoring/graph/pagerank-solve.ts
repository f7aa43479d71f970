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
 * before it pushed along its out-edges once its component is solved:
 * - a node that no edge enters (80 % of the Higgs reaction graph: accounts nobody reacted to) has `y[i] = p[i]`;
 *   these come first, in node order, and the search for components never visits them;
 * - a node alone in its component (most of the others) is solved exactly by that one line;
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
 * Two accelerations act between sweeps, after the stopping rule was checked, so the bound above holds whatever
 * they do. The values are scaled to the component's mass balance (summing its rows: `Σ_a (1 − d·Σ_{b∈C} P[a][b])·y[a]
 * = Σ_a (p[a] + inflow from outside)`), which takes out the slowest mode of sweeps started from zero: on the
 * synthetic graphs of `bench/synthetic-graph.ts` that mode shrinks by 0.73 a sweep and the others by 0.13. And when
 * successive sweeps still shrink the change by a steady ratio `λ` above `EXTRAPOLATE`, the error is mostly one
 * slowly decaying mode, and the sweeps jump ahead along it (Aitken's extrapolation, `y += Δ·λ/(1 − λ)`, clamped at
 * 0).
 */
import type {Csr} from "./csr.js";
import {stronglyConnectedComponents} from "./scc.js";
import type {PowerIterationOptions, PowerIterationResult} from "./power-iteration.js";

/** Components of up to this many nodes are solved exactly by Gaussian elimination. */
const DIRECT_LIMIT = 32;
/** Successive change ratios this close (relatively) count as steady enough to extrapolate. */
const STEADY = 0.01;
/**
 * Extrapolating costs a pass over the edges, like a sweep: it is done only when a sweep shrinks the change by less
 * than this ratio, when the jump gains more than a sweep would.
 */
const EXTRAPOLATE = 0.5;

/**
 * PageRank of `graph` with teleport and dangling distribution `personalization` (non-negative, summing to 1),
 * solved by components. `iterations` is the largest number of Gauss–Seidel sweeps any component took (1 when
 * every component was solved exactly: always on a graph whose cycles have at most `DIRECT_LIMIT` nodes), and
 * `converged` is false when some component reached `maxIterations` sweeps before meeting the stopping rule
 * above; the scores are then still normalised to sum 1.
 */
export function solvePagerank(
  graph: Csr,
  personalization: Float64Array,
  {damping, tolerance, maxIterations}: PowerIterationOptions
): PowerIterationResult {
  const n = graph.nodeCount;
  const {offsets, targets} = graph;
  // Before node i is solved, y[i] gathers d·Σ P[j][i]·y[j] over the in-neighbours j pushed so far: all of them
  // by the time i's component is solved, except those in that component. Then it is y[i].
  const y = new Float64Array(n);
  // A node that no edge enters (most nodes of a social graph: accounts nobody reacted to) is solved first, in
  // node order: y[i] = p[i].
  const entered = new Uint8Array(n);
  for (let k = 0; k < targets.length; k++) entered[targets[k]] = 1;
  for (let i = 0; i < n; i++) {
    if (entered[i] === 1) continue;
    y[i] = personalization[i];
    push(graph, i, damping * y[i], y);
  }
  // Tarjan's order puts a component after every component it has an edge to: solve from the last one back.
  const {count, nodes, starts} = stronglyConnectedComponents(n, offsets, targets, entered);
  // Place of each node within the component being solved, −1 outside it.
  const local = new Int32Array(n).fill(-1);
  const dense = new Float64Array(DIRECT_LIMIT * (DIRECT_LIMIT + 1));
  const solution = new Float64Array(DIRECT_LIMIT);
  const stop = {damping, budget: ((1 - damping) * tolerance) / 4, nodeShare: 1 / n, maxIterations};
  let iterations = n > 0 ? 1 : 0;
  let converged = true;
  for (let c = count - 1; c >= 0; c--) {
    const first = starts[c];
    const end = starts[c + 1];
    if (end - first === 1) {
      const i = nodes[first];
      // Pushed before it is stored, as a self-loop pushes to the node itself.
      const value = (personalization[i] + y[i]) / (1 - damping * selfProbability(graph, i));
      push(graph, i, damping * value, y);
      y[i] = value;
      continue;
    }
    // A large component is taken in node order, which reads its rows in sequence.
    const members = end - first <= DIRECT_LIMIT ? nodes.subarray(first, end) : nodes.subarray(first, end).sort();
    for (let m = 0; m < members.length; m++) local[members[m]] = m;
    let values: Float64Array;
    if (members.length <= DIRECT_LIMIT) {
      values = solveDirect(graph, members, local, personalization, damping, y, dense, solution);
    } else {
      const solved = solveBySweeps(graph, members, local, personalization, y, stop);
      values = solved.values;
      if (solved.sweeps > iterations) iterations = solved.sweeps;
      if (!solved.converged) converged = false;
    }
    // Pushed before they are stored, as the pushes reach members too.
    for (let m = 0; m < members.length; m++) {
      local[members[m]] = -1;
      push(graph, members[m], damping * values[m], y);
    }
    for (let m = 0; m < members.length; m++) y[members[m]] = values[m];
  }
  if (!converged) iterations = maxIterations;
  let total = 0;
  for (let i = 0; i < n; i++) total += y[i];
  for (let i = 0; i < n; i++) y[i] /= total;
  return {scores: y, iterations, converged};
}

/**
 * Adds `amount`, node i's value times the damping, times each out-edge's probability, to the inflow gathered at
 * the edge's target (the node itself too, for a self-loop).
 */
function push({offsets, targets, weights, outWeight}: Csr, i: number, amount: number, inflow: Float64Array): void {
  const total = outWeight[i];
  if (!(total > 0)) return;
  for (let k = offsets[i]; k < offsets[i + 1]; k++) inflow[targets[k]] += (weights[k] / total) * amount;
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
 * Solves the rows of a small component exactly: row `a` of the dense system (members in `members` order) is
 * `(1 − d·P[a][a])·y[a] − d·Σ_b P[b][a]·y[b] = p[a] + (inflow gathered in y[a])`, eliminated column by column.
 */
function solveDirect(
  graph: Csr,
  members: Int32Array,
  local: Int32Array,
  personalization: Float64Array,
  damping: number,
  y: Float64Array,
  dense: Float64Array,
  solution: Float64Array
): Float64Array {
  const {offsets, targets, weights, outWeight} = graph;
  const size = members.length;
  const width = size + 1;
  dense.fill(0, 0, size * width);
  for (let b = 0; b < size; b++) {
    const j = members[b];
    dense[b * width + size] = personalization[j] + y[j];
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
    for (let b = a + 1; b < size; b++) value -= dense[a * width + b] * solution[b];
    solution[a] = value / dense[a * width + a];
  }
  return solution;
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
 * Gauss–Seidel sweeps over a large component, written by columns on a compact copy of its internal edges:
 * visiting member a sets its value so that its row holds given the inflow pushed to it so far
 * (`x[a] = inflow[a] / (1 − d·P[a][a])`, the inflow counting p and what comes from outside), then
 * pushes the change along its edges to the other members. The copy keeps each member's edges to members, in
 * order, with their probabilities times d: built in one pass over the rows, it is read in sequence by every sweep.
 * Between sweeps, the values are scaled to the component's mass balance (below), which takes out the slowest
 * mode of a sweep started from zero. Returns the members' values in `members` order.
 */
function solveBySweeps(
  graph: Csr,
  members: Int32Array,
  local: Int32Array,
  personalization: Float64Array,
  y: Float64Array,
  {damping, budget, nodeShare, maxIterations}: SweepStop
): {values: Float64Array; sweeps: number; converged: boolean} {
  const {offsets, targets, weights, outWeight} = graph;
  const size = members.length;
  let room = 0;
  for (let a = 0; a < size; a++) room += offsets[members[a] + 1] - offsets[members[a]];
  const rowStart = new Int32Array(size + 1);
  const to = new Int32Array(room);
  const share = new Float64Array(room);
  const divisor = new Float64Array(size);
  // What each member receives from outside the component, personalization included, and the total.
  const given = new Float64Array(size);
  let givenTotal = 0;
  let write = 0;
  for (let a = 0; a < size; a++) {
    const j = members[a];
    given[a] = personalization[j] + y[j];
    givenTotal += given[a];
    divisor[a] = 1;
    const total = outWeight[j];
    // A node whose edges all weigh 0 joins a cycle without carrying anything along it.
    if (total > 0) {
      for (let k = offsets[j]; k < offsets[j + 1]; k++) {
        const b = local[targets[k]];
        if (b === -1) continue;
        const probability = damping * (weights[k] / total);
        if (b === a) {
          divisor[a] = 1 - probability;
        } else {
          to[write] = b;
          share[write++] = probability;
        }
      }
    }
    rowStart[a + 1] = write;
  }
  const inflow = given.slice();
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
      const step = inflow[a] / divisor[a] - x[a];
      x[a] += step;
      delta[a] = step;
      change += Math.abs(step);
      mass += x[a];
      for (let k = rowStart[a]; k < rowStart[a + 1]; k++) inflow[to[k]] += share[k] * step;
    }
    if (damping * change <= budget * mass + allowance) break;
    if (sweeps >= maxIterations) return {values: x, sweeps, converged: false};
    const ratio = change / previousChange;
    if (ratio > EXTRAPOLATE && ratio < 1 && Math.abs(ratio - previousRatio) < STEADY * ratio) {
      // Aitken's jump along the slowly decaying mode, pushed like a sweep (and counted as one).
      const jump = ratio / (1 - ratio);
      for (let a = 0; a < size; a++) {
        const shift = Math.max(-x[a], jump * delta[a]);
        x[a] += shift;
        for (let k = rowStart[a]; k < rowStart[a + 1]; k++) inflow[to[k]] += share[k] * shift;
      }
      sweeps++;
      previousChange = Infinity;
      previousRatio = 0;
    } else {
      previousChange = change;
      previousRatio = ratio;
    }
    // Mass balance of the solution: summing its rows, Σ_a x[a] − (what the members give each other) = Σ given.
    // What they give each other scales with x, so scaling x by `given / (mass − exchanged)` meets the balance.
    let exchanged = 0;
    mass = 0;
    for (let a = 0; a < size; a++) {
      exchanged += inflow[a] - given[a] + (1 - divisor[a]) * x[a];
      mass += x[a];
    }
    const scale = givenTotal / (mass - exchanged);
    if (scale > 0 && Number.isFinite(scale)) {
      for (let a = 0; a < size; a++) {
        x[a] *= scale;
        inflow[a] = given[a] + scale * (inflow[a] - given[a]);
      }
    }
  }
  return {values: x, sweeps, converged: true};
}
