import {describe, it, expect} from "vitest";
import fc from "fast-check";
import {buildCsr, type Csr} from "../../../scoring/graph/csr.js";
import {
  influencePassivity,
  influencePassivityInSlices,
  INFLUENCE_PASSIVITY_DEFAULTS,
  type InfluencePassivityOptions
} from "../../../scoring/graph/influence-passivity.js";
import {mulberry32} from "../../../scoring/random.js";
import {expectSameBits} from "./same-bits.js";

/** A reaction graph: edge e = actors[e] reacted reactions[e] times to targets[e]'s posts. */
interface Reactions {
  n: number;
  actors: number[];
  targets: number[];
  reactions: number[];
}

function run(graph: Reactions, options?: InfluencePassivityOptions) {
  return influencePassivity(buildCsr(graph.n, graph.actors, graph.targets, graph.reactions), options);
}

/**
 * Independent reference, written in the paper's notation (Romero et al. 2011, as in INFLUENCE-METHODS.md §5.4)
 * over dense matrices: the paper's edge (i, j) means j was exposed to i, so our reaction j → i with count c is
 * E[i][j] = true with S[i][j] = c. Then w_ij = S_ij / Q_i clamped to [0, 1] (0 when S_ij = 0, 1 when Q_i = 0 <
 * S_ij), with Q_i = posts[i] or, without posts, max_j S_ij; u_ij = w_ij / Σ_{k:(k,j)∈E} w_kj and
 * v_ji = (1 − w_ji) / Σ_{k:(j,k)∈E} (1 − w_jk), 0 over a zero sum. From I = P = (1, …, 1), each step sets
 * P_i = Σ_{j:(j,i)∈E} v_ji I_j, then I_i = Σ_{j:(i,j)∈E} u_ij P_j, then scales both to sum 1 (a zero vector stays
 * zero). Runs exactly `steps` steps, or until the L1 change of both is below 1e-15 when `steps` is undefined.
 */
function denseIP(graph: Reactions, posts?: number[], steps?: number): {influence: number[]; passivity: number[]} {
  const {n} = graph;
  const exposed: boolean[][] = Array.from({length: n}, () => new Array<boolean>(n).fill(false));
  const S: number[][] = Array.from({length: n}, () => new Array<number>(n).fill(0));
  for (let e = 0; e < graph.actors.length; e++) {
    const j = graph.actors[e];
    const i = graph.targets[e];
    if (i === j) continue;
    exposed[i][j] = true;
    S[i][j] += graph.reactions[e];
  }
  const Q = Array.from({length: n}, (_, i) => (posts ? posts[i] : Math.max(0, ...S[i])));
  const w = S.map((row, i) => row.map((s) => (s === 0 ? 0 : Q[i] <= s ? 1 : s / Q[i])));
  const u = w.map((row, i) =>
    row.map((wij, j) => {
      if (!exposed[i][j]) return 0;
      let total = 0;
      for (let k = 0; k < n; k++) if (exposed[k][j]) total += w[k][j];
      return total > 0 ? wij / total : 0;
    })
  );
  const v = w.map((row, j) =>
    row.map((wji, i) => {
      if (!exposed[j][i]) return 0;
      let total = 0;
      for (let k = 0; k < n; k++) if (exposed[j][k]) total += 1 - w[j][k];
      return total > 0 ? (1 - wji) / total : 0;
    })
  );
  const scale = (x: number[]) => {
    const total = x.reduce((a, b) => a + b, 0);
    return total > 0 ? x.map((value) => value / total) : x;
  };
  let I = new Array<number>(n).fill(1);
  let P = new Array<number>(n).fill(1);
  for (let m = 0; steps === undefined ? m < 100000 : m < steps; m++) {
    const nextP = scale(Array.from({length: n}, (_, i) => I.reduce((acc, Ij, j) => acc + v[j][i] * Ij, 0)));
    const nextI = scale(Array.from({length: n}, (_, i) => nextP.reduce((acc, Pj, j) => acc + u[i][j] * Pj, 0)));
    const change =
      nextI.reduce((acc, x, i) => acc + Math.abs(x - I[i]), 0) +
      nextP.reduce((acc, x, i) => acc + Math.abs(x - P[i]), 0);
    I = nextI;
    P = nextP;
    if (steps === undefined && m > 0 && change < 1e-15) break;
  }
  return {influence: I, passivity: P};
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, epsilon: number, label = "score"): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!(Math.abs(actual[i] - expected[i]) <= epsilon)) {
      throw new Error(`${label} ${i}: expected ${expected[i]} ± ${epsilon}, got ${actual[i]}`);
    }
  }
}

function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total;
}

const TIGHT = {tolerance: 1e-15, maxIterations: 100000};

/** The 3-node example with an interior fixed point (derivation in the test that uses it). */
const TRIANGLE: Reactions = {n: 3, actors: [0, 1, 2, 2, 0], targets: [1, 0, 0, 1, 2], reactions: [1, 1, 1, 1, 1]};
const TRIANGLE_POSTS = [2, 3, 4];

describe("influencePassivity: hand-computed graphs", () => {
  it("exports the documented defaults", () => {
    expect(INFLUENCE_PASSIVITY_DEFAULTS).toEqual({tolerance: 1e-10, maxIterations: 1000});
  });

  it("makes the reacted-to account influential and the reactor passive", () => {
    // 0 reacted twice to 1, who posted 4 times: the paper's edge (1, 0), w_10 = 2/4. 0 accepted only from 1, so
    // u_10 = 1; 1 was rejected only by 0, so v_10 = 1. P_0 = v_10·I_1 and I_1 = u_10·P_0; P_1 = I_0 = 0 (no
    // edges): after scaling, influence (0, 1) and passivity (1, 0), a fixed point from the second step on.
    const result = run({n: 2, actors: [0], targets: [1], reactions: [2]}, {posts: [1, 4]});
    expect(result.converged).toBe(true);
    expectClose(result.influence, [0, 1], 1e-15);
    expectClose(result.passivity, [1, 0], 1e-15);
  });

  it("shares passivity by rejection (the documented example)", () => {
    // 0 and 1 reacted to 2 (4 posts) once and three times: w = 1/4 and 3/4. Each accepted only from 2: u = 1.
    // 2's rejections: 3/4 from 0 and 1/4 from 1, summing to 1: v = 3/4 and 1/4. P = (3/4·I_2, 1/4·I_2, 0) scales
    // to (3/4, 1/4, 0); I_2 = P_0 + P_1 while I_0 = I_1 = 0: influence (0, 0, 1).
    const result = run({n: 3, actors: [0, 1], targets: [2, 2], reactions: [1, 3]}, {posts: [0, 0, 4]});
    expectClose(result.influence, [0, 0, 1], 1e-15);
    expectClose(result.passivity, [0.75, 0.25, 0], 1e-15);
  });

  it("reaches the interior fixed point of a 3-node example", () => {
    // Reactions (actor → target, count): 0→1, 1→0, 2→0, 2→1, 0→2, once each; posts Q = (2, 3, 4).
    // w(target, actor) = 1/Q_target: w_10 = 1/3, w_01 = 1/2, w_02 = 1/2, w_12 = 1/3, w_20 = 1/4.
    // Acceptance, over what each actor accepted:
    //   actor 0 accepted 1/3 (from 1) + 1/4 (from 2) = 7/12: u_10 = 4/7, u_20 = 3/7;
    //   actor 1 accepted 1/2 (from 0): u_01 = 1;  actor 2 accepted 1/2 + 1/3 = 5/6: u_02 = 3/5, u_12 = 2/5.
    // Rejection, over what each target had rejected:
    //   target 0: by 1 (1/2) and 2 (1/2), total 1: v_01 = v_02 = 1/2;
    //   target 1: by 0 (2/3) and 2 (2/3): v_10 = v_12 = 1/2;  target 2: by 0 only: v_20 = 1.
    // Updates: P_0 = I_1/2 + I_2, P_1 = I_0/2, P_2 = I_0/2 + I_1/2;
    //          I_0 = P_1 + 3/5·P_2, I_1 = 4/7·P_0 + 2/5·P_2, I_2 = 3/7·P_0.
    // The map I → I has eigenvalue 1 with eigenvector (12, 8, 3) (the others have modulus ≈ 0.65, so the uniform
    // start converges to it). Check: I = (12, 8, 3)/23 gives P = (4 + 3, 6, 6 + 4)/23 = (7, 6, 10)/23 (sum 1), and
    // then I = (6 + 6, 4 + 4, 3)/23 = (12, 8, 3)/23.
    const result = run(TRIANGLE, {...TIGHT, posts: TRIANGLE_POSTS});
    expect(result.converged).toBe(true);
    expectClose(result.influence, [12 / 23, 8 / 23, 3 / 23], 1e-13);
    expectClose(result.passivity, [7 / 23, 6 / 23, 10 / 23], 1e-13);
  });

  it("falls back to Q_i = the largest reaction count into i when posts are not given", () => {
    // 0 and 1 reacted to 2 once and three times: Q_2 = 3, w = 1/3 and 1. Rejections of 2: 2/3 (by 0) + 0 (by 1),
    // so v = 1 and 0: P = (1, 0, 0). Each actor accepted only from 2: u = 1, I_2 = P_0 + P_1: influence (0, 0, 1).
    const graph = {n: 3, actors: [0, 1], targets: [2, 2], reactions: [1, 3]};
    const fallback = run(graph);
    expectClose(fallback.influence, [0, 0, 1], 1e-15);
    expectClose(fallback.passivity, [1, 0, 0], 1e-15);
    // The same as saying so explicitly.
    expect(run(graph, {posts: [0, 0, 3]})).toEqual(fallback);
  });

  it("clamps the acceptance at 1 when reactions outnumber posts", () => {
    // 0 reacted 5 times to 2, who posted 2 times: w = min(1, 5/2) = 1, the same as w = 2/2. So posts 2 and 5 agree.
    const graph = {n: 3, actors: [0, 1], targets: [2, 2], reactions: [5, 1]};
    // w_20 = 1, w_21 = 1/2: rejections of 2 are 0 + 1/2, so v_21 = 1, v_20 = 0: P = (0, 1, 0); I = (0, 0, 1).
    const clamped = run(graph, {posts: [0, 0, 2]});
    expectClose(clamped.passivity, [0, 1, 0], 1e-15);
    expectClose(clamped.influence, [0, 0, 1], 1e-15);
    // With 5 posts w_21 = 1/5; 1 is still the only rejector, so the scores are the same.
    expect(run(graph, {posts: [0, 0, 5]})).toEqual(clamped);
    // Reactions to an account with 0 posts count as full acceptance: both w = 1, no rejections, passivity all 0.
    expect(run(graph, {posts: [0, 0, 0]}).passivity).toEqual(Float64Array.of(0, 0, 0));
  });

  it("counts zero-weight exposure edges as full rejections", () => {
    // 0 follows 2 but never reacted (weight 0), 1 reacted once; 2 posted twice: w_20 = 0, w_21 = 1/2.
    // Rejections of 2: 1 + 1/2 = 3/2: v_20 = 2/3, v_21 = 1/3: P = (2/3, 1/3, 0).
    // 0 accepted nothing, so u_20 = 0; u_21 = 1: I_2 = P_1 > 0: influence (0, 0, 1).
    const result = run({n: 3, actors: [0, 1], targets: [2, 2], reactions: [0, 1]}, {posts: [0, 0, 2]});
    expectClose(result.passivity, [2 / 3, 1 / 3, 0], 1e-15);
    expectClose(result.influence, [0, 0, 1], 1e-15);
  });

  it("ignores self-loops", () => {
    const withLoops = {
      n: 3,
      actors: [...TRIANGLE.actors, 2, 0],
      targets: [...TRIANGLE.targets, 2, 0],
      reactions: [...TRIANGLE.reactions, 7, 1]
    };
    expect(run(withLoops, {posts: TRIANGLE_POSTS})).toEqual(run(TRIANGLE, {posts: TRIANGLE_POSTS}));
  });

  it("returns zeros when nobody rejected anything, and handles empty and edgeless graphs", () => {
    // A single reactor with w = 1: no rejections, so no passivity, so no influence (the paper's formulas).
    const accepted = run({n: 2, actors: [0], targets: [1], reactions: [3]});
    expect(accepted.converged).toBe(true);
    expect(Array.from(accepted.influence)).toEqual([0, 0]);
    expect(Array.from(accepted.passivity)).toEqual([0, 0]);
    expect(influencePassivity(buildCsr(0, [], []))).toEqual({
      influence: new Float64Array(0),
      passivity: new Float64Array(0),
      iterations: 0,
      converged: true
    });
    const edgeless = influencePassivity(buildCsr(3, [], []));
    expect(edgeless.converged).toBe(true);
    expect(Array.from(edgeless.influence)).toEqual([0, 0, 0]);
  });

  it("reports non-convergence instead of throwing, with vectors still summing to 1", () => {
    const result = run(TRIANGLE, {posts: TRIANGLE_POSTS, maxIterations: 1});
    expect(result.converged).toBe(false);
    expect(result.iterations).toBe(1);
    expect(sum(result.influence)).toBeCloseTo(1, 14);
    expect(sum(result.passivity)).toBeCloseTo(1, 14);
  });
});

/** Seeded random reaction graph with integer counts (some 0) and post counts, some below the counts. */
function randomReactions(seed: number, n: number, m: number): {graph: Reactions; posts: number[]} {
  const random = mulberry32(seed);
  const graph: Reactions = {n, actors: [], targets: [], reactions: []};
  for (let e = 0; e < m; e++) {
    graph.actors.push(Math.floor(random() * n));
    graph.targets.push(Math.floor(random() * n));
    graph.reactions.push(Math.floor(random() * 4));
  }
  const posts = Array.from({length: n}, () => Math.floor(random() * 12));
  return {graph, posts};
}

describe("influencePassivity: agreement with the dense paper-notation reference", () => {
  it("matches step for step on seeded random graphs, with and without posts", () => {
    for (const seed of [1, 2, 3, 4]) {
      const {graph, posts} = randomReactions(seed, 40, 160);
      for (const steps of [1, 2, 7]) {
        const result = run(graph, {posts, maxIterations: steps, tolerance: 1e-300});
        expect(result.iterations).toBe(steps);
        const expected = denseIP(graph, posts, steps);
        expectClose(result.influence, expected.influence, 1e-13, "influence");
        expectClose(result.passivity, expected.passivity, 1e-13, "passivity");
        const fallback = run(graph, {maxIterations: steps, tolerance: 1e-300});
        const expectedFallback = denseIP(graph, undefined, steps);
        expectClose(fallback.influence, expectedFallback.influence, 1e-13, "influence");
        expectClose(fallback.passivity, expectedFallback.passivity, 1e-13, "passivity");
      }
    }
  });

  it("stops at the same step as the reference, counting the change of accounts without reactions", () => {
    // Accounts 20…39 take part in no reaction: their 1/n of each vector drops to 0 in the first step, a change
    // the stopping rule must count like any other.
    for (const seed of [21, 22]) {
      const {graph, posts} = randomReactions(seed, 20, 60);
      const padded = {...graph, n: 40};
      const paddedPosts = [...posts, ...new Array<number>(20).fill(0)];
      for (const tolerance of [1.5, 1e-2, 1e-4]) {
        const result = run(padded, {posts: paddedPosts, tolerance});
        let previous = {influence: new Array<number>(40).fill(1 / 40), passivity: new Array<number>(40).fill(1 / 40)};
        let steps = 0;
        for (let change = Infinity; change >= tolerance && steps < 200; steps++) {
          const next = denseIP(padded, paddedPosts, steps + 1);
          change = 0;
          for (let i = 0; i < 40; i++) {
            change += Math.abs(next.influence[i] - previous.influence[i]);
            change += Math.abs(next.passivity[i] - previous.passivity[i]);
          }
          previous = next;
        }
        expect(steps).toBeLessThan(200);
        expect(result.iterations).toBe(steps);
        expectClose(result.influence, previous.influence, 1e-13, "influence");
      }
    }
  });

  it("matches the converged reference on seeded random graphs", () => {
    for (const seed of [11, 12, 13]) {
      const {graph, posts} = randomReactions(seed, 50, 250);
      const result = run(graph, {...TIGHT, posts});
      expect(result.converged).toBe(true);
      const expected = denseIP(graph, posts);
      expectClose(result.influence, expected.influence, 1e-10, "influence");
      expectClose(result.passivity, expected.passivity, 1e-10, "passivity");
    }
  });
});

/** fast-check arbitrary: up to 15 nodes, up to 50 reaction edges with counts in [0, 6], posts in [0, 8]. */
const reactionGraphs = fc.integer({min: 1, max: 15}).chain((n) =>
  fc.record({
    n: fc.constant(n),
    edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.integer({min: 0, max: 6})), {maxLength: 50}),
    posts: fc.array(fc.integer({min: 0, max: 8}), {minLength: n, maxLength: n})
  })
);

function toReactions({n, edges}: {n: number; edges: [number, number, number][]}): Reactions {
  return {n, actors: edges.map((e) => e[0]), targets: edges.map((e) => e[1]), reactions: edges.map((e) => e[2])};
}

describe("influencePassivity: properties (fast-check, seeded)", () => {
  it("gives non-negative vectors summing to 1 or to 0, and 0 to nodes outside the relevant edges", () => {
    fc.assert(
      fc.property(reactionGraphs, fc.boolean(), (input, withPosts) => {
        const graph = toReactions(input);
        const result = run(graph, withPosts ? {posts: input.posts} : {});
        for (const [vector, nodesWithEdge] of [
          [result.influence, new Set(input.edges.filter((e) => e[0] !== e[1]).map((e) => e[1]))],
          [result.passivity, new Set(input.edges.filter((e) => e[0] !== e[1]).map((e) => e[0]))]
        ] as const) {
          const total = sum(vector);
          expect(Math.abs(total - 1) <= 1e-12 || total === 0).toBe(true);
          for (let i = 0; i < graph.n; i++) {
            expect(vector[i]).toBeGreaterThanOrEqual(0);
            if (!nodesWithEdge.has(i)) expect(vector[i]).toBe(0);
          }
        }
      }),
      {seed: 2011, numRuns: 300}
    );
  });

  it("agrees step for step with the dense reference on arbitrary small graphs", () => {
    fc.assert(
      fc.property(reactionGraphs, fc.boolean(), fc.integer({min: 1, max: 12}), (input, withPosts, steps) => {
        const graph = toReactions(input);
        const posts = withPosts ? input.posts : undefined;
        const result = run(graph, {posts, maxIterations: steps, tolerance: 1e-300});
        const expected = denseIP(graph, posts, steps);
        expectClose(result.influence, expected.influence, 1e-12, "influence");
        expectClose(result.passivity, expected.passivity, 1e-12, "passivity");
      }),
      {seed: 1008, numRuns: 300}
    );
  });

  it("depends only on the ratios reactions / posts", () => {
    // Multiplying every count and every post count by the same factor leaves every w_ij, and so everything, alone
    // (exactly, for a power of two).
    fc.assert(
      fc.property(reactionGraphs, fc.constantFrom(2, 8, 0.25), (input, factor) => {
        const graph = toReactions(input);
        const scaled = {...graph, reactions: graph.reactions.map((c) => c * factor)};
        const options = {maxIterations: 50, tolerance: 1e-300};
        expect(run(scaled, {...options, posts: input.posts.map((q) => q * factor)})).toEqual(
          run(graph, {...options, posts: input.posts})
        );
        expect(run(scaled, options)).toEqual(run(graph, options));
      }),
      {seed: 1253, numRuns: 200}
    );
  });

  it("permutes the scores when the nodes are relabelled", () => {
    const withPermutation = reactionGraphs.chain((input) =>
      fc.record({
        input: fc.constant(input),
        permutation: fc.shuffledSubarray(
          Array.from({length: input.n}, (_, i) => i),
          {minLength: input.n, maxLength: input.n}
        )
      })
    );
    fc.assert(
      fc.property(withPermutation, ({input, permutation}) => {
        const graph = toReactions(input);
        const relabelled = {
          ...graph,
          actors: graph.actors.map((a) => permutation[a]),
          targets: graph.targets.map((t) => permutation[t])
        };
        const relabelledPosts = new Array<number>(graph.n);
        input.posts.forEach((q, i) => (relabelledPosts[permutation[i]] = q));
        const options = {maxIterations: 30, tolerance: 1e-300};
        const result = run(graph, {...options, posts: input.posts});
        const moved = run(relabelled, {...options, posts: relabelledPosts});
        expectClose(
          Array.from(result.influence, (_, i) => moved.influence[permutation[i]]),
          result.influence,
          1e-12,
          "influence"
        );
        expectClose(
          Array.from(result.passivity, (_, i) => moved.passivity[permutation[i]]),
          result.passivity,
          1e-12,
          "passivity"
        );
      }),
      {seed: 1254, numRuns: 200}
    );
  });
});

/**
 * Straightforward reference over all nodes, as documented on `influencePassivity`: the rates of every edge of the
 * CSR, then each step pushes along the rows of the whole graph (passivity of a = its row's v · I in target order;
 * influence of t gathers u · P' in actor order), scales by totals taken in node order, and stops on the L1 change
 * of both vectors over all nodes. It adds every term of the kernel, zeros included, in the same order, so the two
 * agree to the bit.
 */
function fullSpaceIP(graph: Csr, options: {posts?: number[]; maxIterations: number; tolerance: number}) {
  const {nodeCount: n, offsets, targets, weights} = graph;
  const postCount = new Float64Array(n);
  for (let a = 0; a < n; a++) {
    for (let k = offsets[a]; k < offsets[a + 1]; k++) {
      const t = targets[k];
      if (t !== a) postCount[t] = options.posts ? options.posts[t] : Math.max(postCount[t], weights[k]);
    }
  }
  const accept = new Float64Array(targets.length);
  const acceptedBy = new Float64Array(n);
  const rejectionsOf = new Float64Array(n);
  for (let a = 0; a < n; a++) {
    for (let k = offsets[a]; k < offsets[a + 1]; k++) {
      const t = targets[k];
      if (t === a) continue;
      const c = weights[k];
      accept[k] = c === 0 ? 0 : c >= postCount[t] ? 1 : c / postCount[t];
      acceptedBy[a] += accept[k];
      rejectionsOf[t] += 1 - accept[k];
    }
  }
  const scale = (values: Float64Array) => {
    let total = 0;
    for (const value of values) total += value;
    if (total > 0) for (let i = 0; i < n; i++) values[i] /= total;
  };
  let influence = new Float64Array(n).fill(1 / n);
  let passivity = new Float64Array(n).fill(1 / n);
  let iterations = 0;
  let converged = false;
  while (iterations < options.maxIterations) {
    const nextPassivity = new Float64Array(n);
    const nextInfluence = new Float64Array(n);
    for (let a = 0; a < n; a++) {
      for (let k = offsets[a]; k < offsets[a + 1]; k++) {
        const t = targets[k];
        if (t !== a && rejectionsOf[t] > 0) nextPassivity[a] += ((1 - accept[k]) / rejectionsOf[t]) * influence[t];
      }
    }
    scale(nextPassivity);
    for (let a = 0; a < n; a++) {
      for (let k = offsets[a]; k < offsets[a + 1]; k++) {
        const t = targets[k];
        if (t !== a && acceptedBy[a] > 0) nextInfluence[t] += (accept[k] / acceptedBy[a]) * nextPassivity[a];
      }
    }
    scale(nextInfluence);
    let change = 0;
    for (let i = 0; i < n; i++) change += Math.abs(nextPassivity[i] - passivity[i]);
    for (let i = 0; i < n; i++) change += Math.abs(nextInfluence[i] - influence[i]);
    influence = nextInfluence;
    passivity = nextPassivity;
    iterations++;
    if (change < options.tolerance) {
      converged = true;
      break;
    }
  }
  return {influence, passivity, iterations, converged};
}

/**
 * Small reaction graphs of every shape the compact iteration must handle: up to 12 nodes (some isolated), up to 40
 * edges with counts in [0, 6] (0: an exposure without reaction), self-loops, and, when `acyclic`, every edge from a
 * lower to a higher node (a DAG, whose values die out after a few steps).
 */
const shapedGraphs = fc.integer({min: 1, max: 12}).chain((n) =>
  fc.record({
    n: fc.constant(n),
    edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.integer({min: 0, max: 6})), {maxLength: 40}),
    posts: fc.array(fc.integer({min: 0, max: 8}), {minLength: n, maxLength: n}),
    acyclic: fc.boolean()
  })
);

describe("influencePassivity: the compact iteration is the iteration over all nodes", () => {
  it("gives the same values to the bit, the same iteration count and the same convergence", () => {
    fc.assert(
      fc.property(
        shapedGraphs,
        fc.boolean(),
        fc.integer({min: 1, max: 60}),
        fc.constantFrom(1e-2, 1e-6, 1e-10),
        (input, withPosts, maxIterations, tolerance) => {
          const edges = input.acyclic
            ? input.edges.map(([a, t, c]): [number, number, number] => [Math.min(a, t), Math.max(a, t), c])
            : input.edges;
          const graph = buildCsr(
            input.n,
            edges.map((e) => e[0]),
            edges.map((e) => e[1]),
            edges.map((e) => e[2])
          );
          const posts = withPosts ? input.posts : undefined;
          const result = influencePassivity(graph, {posts, maxIterations, tolerance});
          const expected = fullSpaceIP(graph, {posts, maxIterations, tolerance});
          expectSameBits(result.influence, expected.influence, "influence");
          expectSameBits(result.passivity, expected.passivity, "passivity");
          expect(result.iterations).toBe(expected.iterations);
          expect(result.converged).toBe(expected.converged);
        }
      ),
      {seed: 1000, numRuns: 500}
    );
  });
});

describe("influencePassivityInSlices", () => {
  it("gives the values, iterations and convergence of influencePassivity, to the bit", async () => {
    await fc.assert(
      fc.asyncProperty(shapedGraphs, fc.boolean(), fc.integer({min: 1, max: 60}), async (input, withPosts, steps) => {
        const graph = buildCsr(
          input.n,
          input.edges.map((e) => e[0]),
          input.edges.map((e) => e[1]),
          input.edges.map((e) => e[2])
        );
        const options = {posts: withPosts ? input.posts : undefined, maxIterations: steps};
        const sliced = await influencePassivityInSlices(graph, options);
        const whole = influencePassivity(graph, options);
        expectSameBits(sliced.influence, whole.influence, "influence");
        expectSameBits(sliced.passivity, whole.passivity, "passivity");
        expect([sliced.iterations, sliced.converged]).toEqual([whole.iterations, whole.converged]);
      }),
      {seed: 1001, numRuns: 200}
    );
  });

  it("rejects bad options as a rejected promise with the same message", async () => {
    await expect(influencePassivityInSlices(buildCsr(2, [0], [1]), {maxIterations: 0})).rejects.toThrow(
      "scoring/graph/influence-passivity: maxIterations must be a positive integer, got 0"
    );
  });
});

describe("influencePassivity: validation", () => {
  const graph = buildCsr(3, [0, 1], [1, 2]);

  it("rejects a non-positive tolerance and a bad iteration cap", () => {
    expect(() => influencePassivity(graph, {tolerance: 0})).toThrow(
      "scoring/graph/influence-passivity: tolerance must be a positive finite number, got 0"
    );
    expect(() => influencePassivity(graph, {tolerance: -1})).toThrow("got -1");
    expect(() => influencePassivity(graph, {maxIterations: 0})).toThrow(
      "scoring/graph/influence-passivity: maxIterations must be a positive integer, got 0"
    );
    expect(() => influencePassivity(graph, {maxIterations: NaN})).toThrow("got NaN");
  });

  it("rejects posts of the wrong length or with bad entries", () => {
    expect(() => influencePassivity(graph, {posts: [1, 2]})).toThrow(
      "scoring/graph/influence-passivity: posts has length 2, expected nodeCount 3"
    );
    expect(() => influencePassivity(graph, {posts: [1, -2, 3]})).toThrow(
      "scoring/graph/influence-passivity: posts[1] must be finite and non-negative, got -2"
    );
    expect(() => influencePassivity(graph, {posts: [1, 2, Infinity]})).toThrow("posts[2]");
    expect(() => influencePassivity(graph, {posts: [NaN, 2, 3]})).toThrow("got NaN");
  });
});
