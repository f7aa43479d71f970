/**
 * Exact IC spread of a small graph, for checking the Monte Carlo kernels: every one of the 2^m live-edge graphs
 * (Kempe, Kleinberg, Tardos 2003, Claim 2.3) is enumerated with its probability, and the seeds' reachable set is
 * found by a plain depth-first search over adjacency lists. Independent of the kernels under test: no CSR, no
 * sampling.
 */

/** An edge `[from, to, probability]`. */
export type Edge = readonly [number, number, number];

/** E[X] and Var[X] of X, the number of nodes the seeds reach. */
export function exactIcSpread(nodeCount: number, edges: readonly Edge[], seeds: readonly number[]) {
  let mean = 0;
  let secondMoment = 0;
  for (let mask = 0; mask < 2 ** edges.length; mask++) {
    let probability = 1;
    const adjacency: number[][] = Array.from({length: nodeCount}, () => []);
    edges.forEach(([from, to, p], e) => {
      const live = (mask >> e) & 1;
      probability *= live ? p : 1 - p;
      if (live) adjacency[from].push(to);
    });
    const reached = new Set<number>(seeds);
    const stack = [...seeds];
    while (stack.length) {
      for (const next of adjacency[stack.pop()!]) {
        if (!reached.has(next)) {
          reached.add(next);
          stack.push(next);
        }
      }
    }
    mean += probability * reached.size;
    secondMoment += probability * reached.size ** 2;
  }
  return {mean, variance: Math.max(0, secondMoment - mean ** 2)}; // rounding can leave −1e-16 for a certain spread
}
