/**
 * Influence and passivity (the IP algorithm) by alternating normalised updates.
 *
 * Reference: Romero, D. M., Galuba, W., Asur, S. and Huberman, B. A. (2011). "Influence and passivity in social
 * media." ECML-PKDD 2011 / WWW 2011 companion; arXiv:1008.1253. INFLUENCE-METHODS.md §5.4 gives the equations as
 * recalled [R], which we follow; in the paper's notation an edge (i, j) means j was exposed to i's content and
 *
 *     w_ij = S_ij / Q_i                          (share of i's Q_i posts that j forwarded; in [0, 1])
 *     u_ij = w_ij / Σ_{k:(k,j)∈E} w_kj           (acceptance: j's acceptance of i over all that j accepted)
 *     v_ji = (1 − w_ji) / Σ_{k:(j,k)∈E} (1 − w_jk)  (rejection: i's rejection of j over all rejections j received)
 *     P_i ← Σ_{j:(j,i)∈E} v_ji · I_j,   then   I_i ← Σ_{j:(i,j)∈E} u_ij · P_j   (using the new P)
 *
 * both vectors scaled to sum 1 after every step, from I = P = all ones. That passivity is updated first, from the
 * previous influence, and influence second, from the new passivity, is the paper's Algorithm 1 as we recall it [R].
 *
 * Mapping onto Sway's graphs [I]. Reaction graphs hold edges actor → target weighted by how often the actor
 * reacted to (forwarded, replied to, liked, …) the target's posts, i.e. the paper's edge (i, j) reversed:
 * our `j → i` with count c is the paper's (i, j) with S_ij = c. Hence:
 * - influence flows against our edges: the reacted-to gain influence, the reactors collect passivity;
 * - Q_i comes from the optional `posts[i]` (posts by i in the same window). The paper's w_ij lies in [0, 1]
 *   because each post is forwarded at most once; our counts may add several reactions to one post, so we clamp:
 *   w = min(1, c / Q_i), with w = 0 when c = 0 (even if Q_i = 0) and w = 1 when c > 0 and Q_i = 0;
 * - without `posts`, Q_i = max_j c(j → i), the fewest posts consistent with the data if each reactor reacts at most
 *   once per post: the most engaged reactor of i gets w = 1 and the others c / max. A target with a single
 *   reactor then has no rejections at all, which the paper's formulas do not expect; supply `posts` when known;
 * - the paper's E contains exposures (j follows i) that may carry no forwarding (w = 0, a full rejection). A
 *   reaction graph only has pairs that reacted at least once, so followers who ignored everything are missing.
 *   Callers that know exposures can add them as edges of weight 0 (`buildCsr` keeps zero-weight edges);
 * - self-loops (reacting to oneself) are ignored.
 * Degenerate sums: a node that accepted nothing (all its w = 0) passes no influence (its u are 0), a node that
 * nobody rejected (all w = 1) receives no passivity contributions (its v are 0), and a vector whose entries are all
 * 0 stays 0 instead of being scaled.
 */
import type {Csr} from "./csr.js";
import {stoppingRule} from "./iteration-options.js";
import {runInSlices, runSteps} from "../slices.js";

export const INFLUENCE_PASSIVITY_DEFAULTS: Readonly<{tolerance: number; maxIterations: number}> = Object.freeze({
  tolerance: 1e-10,
  maxIterations: 1000
});

export interface InfluencePassivityOptions {
  /**
   * Stop when the L1 change of influence plus that of passivity (each vector summing to 1) is below this.
   * Default 1e-10.
   */
  tolerance?: number;
  /** Upper bound on iterations (the paper's M), a positive integer. Default 1000. */
  maxIterations?: number;
  /**
   * Posts per node in the window the reactions were counted in (the paper's Q_i), finite and non-negative. When
   * omitted, Q_i = the largest reaction count on an edge into i (see the module comment).
   */
  posts?: ArrayLike<number>;
}

export interface InfluencePassivityResult {
  /** Influence per node, non-negative, summing to 1 (or all 0, see the module comment). */
  influence: Float64Array;
  /** Passivity per node, non-negative, summing to 1 (or all 0, see the module comment). */
  passivity: Float64Array;
  /** Iterations performed (one iteration = one passivity and one influence update). */
  iterations: number;
  /** Whether the tolerance was reached within `maxIterations`. */
  converged: boolean;
}

const MODULE = "scoring/graph/influence-passivity";

/** What the kernel reads of a graph (a `Csr`, or its arrays sent to another thread). */
export type KernelGraph = Pick<Csr, "nodeCount" | "offsets" | "targets" | "weights">;

/**
 * Influence and passivity of every node of the reaction graph `graph` (edges actor → target, weight = reactions
 * of the actor to the target's posts; see the module comment for how this maps onto the paper). Starting from
 * uniform vectors (the paper's all-ones, rescaled: the updates are linear, so the scaled iterates are the same),
 * each iteration computes, over our edges `a → t` with acceptance w(a → t),
 *
 *     P'[a] = Σ_{a → t} v(a → t) · I[t],   I'[t] = Σ_{a → t} u(a → t) · P'[a],
 *     u(a → t) = w(a → t) / Σ_{a → k} w(a → k),   v(a → t) = (1 − w(a → t)) / Σ_{k → t} (1 − w(k → t)),
 *
 * scales both to sum 1, and stops when `Σ|I' − I| + Σ|P' − P| < tolerance` or after `maxIterations` (returning the
 * last iterate with `converged: false`; the iteration is a power method on a non-negative matrix that need not be
 * primitive, so it can cycle). An empty graph returns empty arrays, converged, after 0 iterations.
 *
 * @example
 * // Accounts 0 and 1 both reacted to account 2, which posted 4 times: 0 reacted once, 1 three times.
 * const {influence, passivity} = influencePassivity(buildCsr(3, [0, 1], [2, 2], [1, 3]), {posts: [0, 0, 4]});
 * // influence = [0, 0, 1]; passivity = [0.75, 0.25, 0]: 0 rejected 3 of 2's posts, 1 rejected 1.
 *
 * @throws Error prefixed `scoring/graph/influence-passivity: ` for a tolerance that is not a positive finite
 *   number, a maxIterations that is not a positive integer, or a `posts` of the wrong length or with a negative
 *   or non-finite entry.
 */
export function influencePassivity(
  graph: KernelGraph,
  options: InfluencePassivityOptions = {}
): InfluencePassivityResult {
  return runSteps(influencePassivitySteps(graph, options));
}

/**
 * `influencePassivity` with the event loop given a turn every few milliseconds (`runInSlices`), for callers that
 * wait on other work meanwhile; the same values.
 */
export function influencePassivityInSlices(
  graph: KernelGraph,
  options: InfluencePassivityOptions = {}
): Promise<InfluencePassivityResult> {
  return runInSlices(influencePassivitySteps(graph, options));
}

/** The computation of `influencePassivity`, yielding after each iteration. */
function* influencePassivitySteps(
  graph: KernelGraph,
  options: InfluencePassivityOptions
): Generator<void, InfluencePassivityResult, void> {
  const {tolerance, maxIterations} = stoppingRule(MODULE, options, INFLUENCE_PASSIVITY_DEFAULTS);
  const n = graph.nodeCount;
  const {offsets, targets, weights} = graph;
  const m = targets.length;
  const posts = options.posts;
  if (posts !== undefined) {
    if (posts.length !== n) throw new Error(`${MODULE}: posts has length ${posts.length}, expected nodeCount ${n}`);
    for (let i = 0; i < n; i++) {
      const q = posts[i];
      if (typeof q !== "number" || !Number.isFinite(q) || q < 0) {
        throw new Error(`${MODULE}: posts[${i}] must be finite and non-negative, got ${q}`);
      }
    }
  }
  if (n === 0) return {influence: new Float64Array(0), passivity: new Float64Array(0), iterations: 0, converged: true};

  // Q_t per target: the given post counts, or the largest reaction count into t.
  const postCount = new Float64Array(n);
  if (posts !== undefined) {
    for (let t = 0; t < n; t++) postCount[t] = posts[t];
  } else {
    for (let a = 0; a < n; a++) {
      const end = offsets[a + 1];
      for (let k = offsets[a]; k < end; k++) {
        const t = targets[k];
        if (t !== a && weights[k] > postCount[t]) postCount[t] = weights[k];
      }
    }
  }

  // Per edge: accept = w, and the totals each side normalises by. Self-loops get w = 0 and count in neither.
  const accept = new Float64Array(m);
  const acceptedBy = new Float64Array(n); // Σ_{a → k} w(a → k), per actor a
  const rejectionsOf = new Float64Array(n); // Σ_{k → t} (1 − w(k → t)), per target t
  for (let a = 0; a < n; a++) {
    const end = offsets[a + 1];
    for (let k = offsets[a]; k < end; k++) {
      const t = targets[k];
      if (t === a) continue;
      const c = weights[k];
      const q = postCount[t];
      const w = c === 0 ? 0 : c >= q ? 1 : c / q;
      accept[k] = w;
      acceptedBy[a] += w;
      rejectionsOf[t] += 1 - w;
    }
  }
  // The iteration runs on two compact index spaces, each numbered in node order: actors with a positive rejection
  // rate (the only ones whose passivity can be positive), and targets with a positive rejection rate into them or
  // a positive acceptance rate from one of those actors (the only ones whose influence is read, or can be positive
  // after the first step). The rates u and
  // v are stored as sparse matrices of their positive entries only: v by actor (passivity pulls over an actor's
  // row) and u by target, with each target's actors in increasing order (influence pulls over its in-edges). A
  // zero entry or a node outside the spaces only ever adds 0, and pulling in node order adds the same terms in the
  // same order as pushing along the rows of the whole graph did, so the iterates are the same to the bit while
  // the vectors shrink to what the cache holds.
  const actorIndex = new Int32Array(n).fill(-1);
  const targetIndex = new Int32Array(n).fill(-1);
  const hasU = (a: number, k: number) => acceptedBy[a] > 0 && accept[k] > 0;
  const hasV = (t: number, k: number) => rejectionsOf[t] > 0 && accept[k] < 1;
  for (let a = 0; a < n; a++) {
    const end = offsets[a + 1];
    for (let k = offsets[a]; k < end; k++) {
      const t = targets[k];
      if (t !== a && hasV(t, k)) actorIndex[a] = targetIndex[t] = 0;
    }
  }
  for (let a = 0; a < n; a++) {
    if (actorIndex[a] < 0) continue;
    const end = offsets[a + 1];
    for (let k = offsets[a]; k < end; k++) if (targets[k] !== a && hasU(a, k)) targetIndex[targets[k]] = 0;
  }
  const actors = numberMarked(actorIndex);
  const influenced = numberMarked(targetIndex);
  const actorCount = actors.length;
  const targetCount = influenced.length;
  const vOffsets = new Int32Array(actorCount + 1);
  const uOffsets = new Int32Array(targetCount + 1);
  for (let a = 0; a < n; a++) {
    const end = offsets[a + 1];
    for (let k = offsets[a]; k < end; k++) {
      const t = targets[k];
      if (t === a) continue;
      if (hasV(t, k)) vOffsets[actorIndex[a] + 1]++;
      if (actorIndex[a] >= 0 && hasU(a, k)) uOffsets[targetIndex[t] + 1]++;
    }
  }
  for (let i = 0; i < actorCount; i++) vOffsets[i + 1] += vOffsets[i];
  for (let i = 0; i < targetCount; i++) uOffsets[i + 1] += uOffsets[i];
  const vTargets = new Int32Array(vOffsets[actorCount]);
  const vRates = new Float64Array(vTargets.length);
  const uActors = new Int32Array(uOffsets[targetCount]);
  const uRates = new Float64Array(uActors.length);
  const uNext = uOffsets.slice(0, targetCount);
  for (let a = 0, vNext = 0; a < n; a++) {
    const end = offsets[a + 1];
    for (let k = offsets[a]; k < end; k++) {
      const t = targets[k];
      if (t === a) continue;
      if (hasV(t, k)) {
        vTargets[vNext] = targetIndex[t];
        vRates[vNext++] = (1 - accept[k]) / rejectionsOf[t];
      }
      if (actorIndex[a] >= 0 && hasU(a, k)) {
        const p = uNext[targetIndex[t]]++;
        uActors[p] = actorIndex[a];
        uRates[p] = accept[k] / acceptedBy[a];
      }
    }
  }
  // Actors with equal rows of v (on Higgs 221,197 actors have 52,132 distinct rows: most rejected one post of one
  // account) get equal passivity, so the iteration keeps one passivity per distinct row: each row is pulled once,
  // influence reads u by the rows of its actors, and only the two sums over actors (the total that scales passivity,
  // and the change) visit every actor, in actor order, adding the same terms in the same order as a vector over
  // actors would. The vectors the iteration touches then fit in the cache.
  const rows = distinctRows(vOffsets, vTargets, vRates);
  const {rowOf} = rows;
  const uRows = new Int32Array(uActors.length);
  for (let k = 0; k < uActors.length; k++) uRows[k] = rowOf[uActors[k]];
  const rowChange = new Float64Array(rows.count);

  // Nodes outside the spaces hold 1/n before the first step and 0 after it.
  let influence = new Float64Array(targetCount).fill(1 / n);
  let rowPassivity = new Float64Array(rows.count).fill(1 / n);
  let nextInfluence = new Float64Array(targetCount);
  let nextRowPassivity = new Float64Array(rows.count);
  let iterations = 0;
  let converged = false;
  // Each turn of the loop pulls the rows of iteration i + 1 from the influence of iteration i, then visits the actors
  // once for two sums: i + 1's passivity total and i's change (its term over the targets, |I_i − I_{i−1}|, follows).
  // Both add the same terms in the same order as the iteration written step by step. Iteration i stops there if its
  // change is small enough, its vectors untouched; after the last iteration allowed, only its change is summed.
  for (;;) {
    const last = iterations === maxIterations;
    let passivityTotal = 0;
    let change = iterations === 1 ? (2 * n - actorCount - targetCount) / n : 0;
    // Passivity: each actor pulls the influence of the targets it rejected, over its row.
    if (!last) pull(rows.offsets, rows.targets, rows.rates, influence, nextRowPassivity);
    if (iterations === 0) {
      for (let a = 0; a < actorCount; a++) passivityTotal += nextRowPassivity[rowOf[a]];
    } else if (last) {
      for (let a = 0; a < actorCount; a++) change += rowChange[rowOf[a]];
    } else {
      for (let a = 0; a < actorCount; a++) {
        const row = rowOf[a];
        passivityTotal += nextRowPassivity[row];
        change += rowChange[row];
      }
    }
    if (iterations > 0) {
      for (let t = 0; t < targetCount; t++) change += Math.abs(influence[t] - nextInfluence[t]);
      if (change < tolerance) {
        converged = true;
        break;
      }
      if (last) break;
      yield;
    }
    for (let r = 0; r < rows.count; r++) {
      if (passivityTotal > 0) nextRowPassivity[r] /= passivityTotal;
      rowChange[r] = Math.abs(nextRowPassivity[r] - rowPassivity[r]);
    }
    // Influence: each target pulls the new passivity of the actors that accepted it.
    const influenceTotal = pull(uOffsets, uRows, uRates, nextRowPassivity, nextInfluence);
    if (influenceTotal > 0) for (let t = 0; t < targetCount; t++) nextInfluence[t] /= influenceTotal;
    iterations++;
    const previousInfluence = influence;
    influence = nextInfluence;
    nextInfluence = previousInfluence;
    const previousRowPassivity = rowPassivity;
    rowPassivity = nextRowPassivity;
    nextRowPassivity = previousRowPassivity;
  }
  const passivity = new Float64Array(actorCount);
  for (let a = 0; a < actorCount; a++) passivity[a] = rowPassivity[rowOf[a]];
  return {influence: spread(influence, influenced, n), passivity: spread(passivity, actors, n), iterations, converged};
}

/**
 * `out[i] = Σ_k rates[k] · x[columns[k]]` over row i of a sparse matrix (CSR `offsets`, `columns`, `rates`), the
 * terms added in row order; returns the sum of `out`, added in the same order.
 */
function pull(
  offsets: Int32Array,
  columns: Int32Array,
  rates: Float64Array,
  x: Float64Array,
  out: Float64Array
): number {
  let sum = 0;
  for (let i = 0, k = 0; i < out.length; i++) {
    let total = 0;
    const end = offsets[i + 1];
    for (; k < end; k++) total += rates[k] * x[columns[k]];
    out[i] = total;
    sum += total;
  }
  return sum;
}

/**
 * The distinct rows of a sparse matrix (CSR `offsets`, `targets`, `rates`; equal = the same entries in the same
 * order, rates to the bit), numbered in order of their first occurrence, and the distinct row of each row.
 */
function distinctRows(offsets: Int32Array, targets: Int32Array, rates: Float64Array) {
  const rowCount = offsets.length - 1;
  const rowOf = new Int32Array(rowCount);
  const distinctOffsets = [0];
  const distinctTargets: number[] = [];
  const distinctRates: number[] = [];
  const rateWords = new Int32Array(rates.buffer, rates.byteOffset, 2 * rates.length);
  // Candidates by a hash of the row; a row joins one only if their entries are equal.
  const byHash = new Map<number, number[]>();
  const equal = (r: number, start: number, end: number) => {
    const at = distinctOffsets[r];
    if (distinctOffsets[r + 1] - at !== end - start) return false;
    for (let k = start; k < end; k++) {
      if (distinctTargets[at + k - start] !== targets[k] || !Object.is(distinctRates[at + k - start], rates[k])) {
        return false;
      }
    }
    return true;
  };
  for (let row = 0; row < rowCount; row++) {
    const start = offsets[row];
    const end = offsets[row + 1];
    let hash = 0x811c9dc5;
    for (let k = start; k < end; k++) {
      hash = Math.imul(hash ^ targets[k], 0x01000193);
      hash = Math.imul(hash ^ rateWords[2 * k] ^ rateWords[2 * k + 1], 0x01000193);
    }
    const candidates = byHash.get(hash);
    const same = candidates?.find((r) => equal(r, start, end));
    if (same !== undefined) {
      rowOf[row] = same;
      continue;
    }
    const distinct = distinctOffsets.length - 1;
    if (candidates) candidates.push(distinct);
    else byHash.set(hash, [distinct]);
    rowOf[row] = distinct;
    for (let k = start; k < end; k++) {
      distinctTargets.push(targets[k]);
      distinctRates.push(rates[k]);
    }
    distinctOffsets.push(distinctTargets.length);
  }
  return {
    count: distinctOffsets.length - 1,
    rowOf,
    offsets: Int32Array.from(distinctOffsets),
    targets: Int32Array.from(distinctTargets),
    rates: Float64Array.from(distinctRates)
  };
}

/** Numbers the nodes marked 0 in `index` (the others are −1) 0, 1, … in node order; returns the numbered nodes. */
function numberMarked(index: Int32Array): Int32Array {
  let count = 0;
  for (let i = 0; i < index.length; i++) if (index[i] === 0) index[i] = count++;
  const nodes = new Int32Array(count);
  for (let i = 0; i < index.length; i++) if (index[i] >= 0) nodes[index[i]] = i;
  return nodes;
}

/** The values of the compact space `nodes` as a vector over all `n` nodes, 0 elsewhere. */
function spread(values: Float64Array, nodes: Int32Array, n: number): Float64Array {
  const full = new Float64Array(n);
  for (let i = 0; i < nodes.length; i++) full[nodes[i]] = values[i];
  return full;
}
