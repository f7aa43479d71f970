import {describe, it, expect} from "vitest";
import fc from "fast-check";
import {buildCsr} from "../../../scoring/graph/csr.js";
import {pagerank} from "../../../scoring/graph/pagerank.js";
import {
  aggregateTwitterrank,
  twitterrank,
  TWITTERRANK_DEFAULTS,
  type TwitterrankOptions
} from "../../../scoring/graph/twitterrank.js";
import {mulberry32} from "../../../scoring/random.js";

/** A follower graph (edge i → j: i follows j) with DT by topic and post counts. */
interface Input {
  n: number;
  followers: number[];
  friends: number[];
  topicShares: number[][];
  posts: number[];
}

function run(input: Input, options: Partial<TwitterrankOptions> = {}) {
  return twitterrank(buildCsr(input.n, input.followers, input.friends), {
    topicShares: input.topicShares,
    posts: input.posts,
    ...options
  });
}

/**
 * Independent reference, the published equations solved literally over dense matrices: DT′ = DT row-normalised
 * (a zero row stays zero), E_t = column t of DT normalised to sum 1, P_t[i][j] = |T_j| / Σ_{a: i follows a} |T_a| ·
 * (1 − |DT′_it − DT′_jt|) for each distinct pair i follows j, i ≠ j (0 when the sum is 0), then
 * y ← γ·P_tᵀ·y + (1 − γ)·E_t from y = 0 without any renormalisation (a contraction: P_t is sub-stochastic and
 * γ < 1) until the L1 change is below 1e-17, and finally y / Σy. This checks the module's claim that sending the
 * leaked mass along E_t gives the normalised solution of the published equation.
 */
function denseTwitterrank(input: Input, damping: number): number[][] {
  const {n} = input;
  const follows: boolean[][] = Array.from({length: n}, () => new Array<boolean>(n).fill(false));
  for (let e = 0; e < input.followers.length; e++) {
    if (input.followers[e] !== input.friends[e]) follows[input.followers[e]][input.friends[e]] = true;
  }
  const userTotals = Array.from({length: n}, (_, i) => input.topicShares.reduce((acc, column) => acc + column[i], 0));
  return input.topicShares.map((column) => {
    const profile = column.map((value, i) => (userTotals[i] > 0 ? value / userTotals[i] : 0));
    const columnTotal = column.reduce((a, b) => a + b, 0);
    const E = column.map((value) => value / columnTotal);
    const P: number[][] = follows.map((row, i) => {
      const friendPosts = row.reduce((acc, f, a) => acc + (f ? input.posts[a] : 0), 0);
      return row.map((f, j) =>
        f && friendPosts > 0 ? (input.posts[j] / friendPosts) * (1 - Math.abs(profile[i] - profile[j])) : 0
      );
    });
    let y = new Array<number>(n).fill(0);
    for (let step = 0; step < 100000; step++) {
      const next = Array.from(
        {length: n},
        (_, j) => damping * P.reduce((acc, row, i) => acc + row[j] * y[i], 0) + (1 - damping) * E[j]
      );
      const change = next.reduce((acc, v, j) => acc + Math.abs(v - y[j]), 0);
      y = next;
      if (change < 1e-17) break;
    }
    const total = y.reduce((a, b) => a + b, 0);
    return y.map((v) => v / total);
  });
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

const TIGHT = {tolerance: 1e-15};

describe("twitterrank: hand-computed graphs (γ = 0.85 = 17/20)", () => {
  it("exports the documented defaults", () => {
    expect(TWITTERRANK_DEFAULTS).toEqual({damping: 0.85, tolerance: 1e-10, maxIterations: 1000});
  });

  it("solves the two-node mutual-follow case (the documented example)", () => {
    // 0 ⇄ 1, DT: user 0 = (3, 1), user 1 = (1, 1). Each has one friend, so P_t(i → j) = sim_t.
    // DT′: user 0 = (3/4, 1/4), user 1 = (1/2, 1/2): sim_0 = 1 − 1/4 = 3/4 and sim_1 = 3/4.
    // Teleports: E_0 = (3, 1)/4, E_1 = (1, 1)/2. The published equation y0 = γs·y1 + (1 − γ)e0,
    // y1 = γs·y0 + (1 − γ)e1 gives y ∝ (e0 + γs·e1, e1 + γs·e0), which sums to 1 + γs. With γs = 51/80:
    //   topic 0: (3/4 + 51/320, 1/4 + 153/320)/(131/80) = (291/320, 233/320)·(80/131) = (291/524, 233/524);
    //   topic 1: symmetric, (1/2, 1/2).
    const result = run(
      {
        n: 2,
        followers: [0, 1],
        friends: [1, 0],
        topicShares: [
          [3, 1],
          [1, 1]
        ],
        posts: [10, 10]
      },
      TIGHT
    );
    expect(result.converged).toBe(true);
    expect(result.scores.length).toBe(2);
    expectClose(result.scores[0], [291 / 524, 233 / 524], 1e-14);
    expectClose(result.scores[1], [0.5, 0.5], 1e-15);
  });

  it("sends the mass a follower-less node leaks, and the similarity leak, along the teleport vector", () => {
    // Only 0 follows 1 (1 follows nobody). DT as above, topic 0: e = (3/4, 1/4), s = 3/4.
    // Published equation: y0 = (1 − γ)e0, y1 = γs·y0 + (1 − γ)e1, so y ∝ (e0, e1 + γs·e0) = (3/4, 1/4 + 153/320) =
    //   (240, 233)/320: x = (240/473, 233/473).
    // Check against the Markov chain with leaks (1 − s from 0, all of 1's mass) sent along E_0: teleport mass
    //   T = 3/20 + 17/20·(x0/4 + x1) = 3/20 + (17/20)(293/473) = 320/473; x0 = T·3/4 = 240/473 and
    //   x1 = γs·x0 + T/4 = 153/473 + 80/473 = 233/473.
    const result = run(
      {
        n: 2,
        followers: [0],
        friends: [1],
        topicShares: [
          [3, 1],
          [1, 1]
        ],
        posts: [1, 1]
      },
      TIGHT
    );
    expectClose(result.scores[0], [240 / 473, 233 / 473], 1e-14);
  });

  it("splits a follower's step by the friends' post counts", () => {
    // One topic with equal weights: DT′ = 1 for everyone, sim = 1, E uniform: PageRank with edge i → j weighted
    // by posts[j]. 0 follows 1 (3 posts) and 2 (1 post), both follow 0: P(0→1) = 3/4, P(0→2) = 1/4, P(1→0) =
    // P(2→0) = 1. x0 = γ(x1 + x2) + (1 − γ)/3 = γ(1 − x0) + (1 − γ)/3, so x0 = (1 + 2γ)/(3(1 + γ)) = 18/37;
    // x1 = (3/4)γ·x0 + 1/20 = 533/1480, x2 = (1/4)γ·x0 + 1/20 = 227/1480 (sum (720 + 533 + 227)/1480 = 1).
    const input = {n: 3, followers: [0, 0, 1, 2], friends: [1, 2, 0, 0], topicShares: [[1, 1, 1]], posts: [5, 3, 1]};
    expectClose(run(input, TIGHT).scores[0], [18 / 37, 533 / 1480, 227 / 1480], 1e-14);
  });

  it("follows topically similar friends and teleports by topic share", () => {
    // 0 follows 1 and 2 (1 post each); 1 and 2 follow nobody. DT: user 0 = (1, 0), 1 = (1, 0), 2 = (0, 1), so
    // DT′ = DT. Topic 0: sim(0, 1) = 1, sim(0, 2) = 0, so P(0→1) = 1/2, P(0→2) = 0; E_0 = (1/2, 1/2, 0).
    //   y0 = (1 − γ)/2, y1 = γ·y0/2 + (1 − γ)/2, y2 = 0: y ∝ (1, 1 + γ/2, 0) = (40, 57, 0)/40: x = (40/97, 57/97, 0).
    // Topic 1: E_1 = (0, 0, 1); sim_1(0, 2) = 1 − |0 − 1| = 0, so nothing reaches 2 but its teleport: (0, 0, 1).
    const input = {
      n: 3,
      followers: [0, 0],
      friends: [1, 2],
      topicShares: [
        [1, 1, 0],
        [0, 0, 1]
      ],
      posts: [1, 1, 1]
    };
    const {scores} = run(input, TIGHT);
    expectClose(scores[0], [40 / 97, 57 / 97, 0], 1e-14);
    expectClose(scores[1], [0, 0, 1], 1e-15);
  });

  it("uses DT″ for the teleport: counts and proportions differ when users post different amounts", () => {
    // Two isolated users (no follows), so TR_t = E_t. DT as counts: user 0 = (6, 2), user 1 = (1, 1).
    // DT″ (column-normalised counts): topic 0 = (6, 1)/7, topic 1 = (2, 1)/3.
    // Given as proportions instead (DT′ = (3/4, 1/4) and (1/2, 1/2)), topic 0 = (3/4, 1/2)/(5/4) = (3/5, 2/5).
    const counts = run({
      n: 2,
      followers: [],
      friends: [],
      topicShares: [
        [6, 1],
        [2, 1]
      ],
      posts: [1, 1]
    });
    expectClose(counts.scores[0], [6 / 7, 1 / 7], 1e-15);
    expectClose(counts.scores[1], [2 / 3, 1 / 3], 1e-15);
    const proportions = run({
      n: 2,
      followers: [],
      friends: [],
      topicShares: [
        [0.75, 0.5],
        [0.25, 0.5]
      ],
      posts: [1, 1]
    });
    expectClose(proportions.scores[0], [3 / 5, 2 / 5], 1e-15);
  });

  it("ignores self-loops and edge weights", () => {
    const base = {
      n: 3,
      followers: [0, 0, 1, 2],
      friends: [1, 2, 0, 0],
      topicShares: [
        [2, 1, 1],
        [1, 0, 3]
      ],
      posts: [5, 3, 1]
    };
    const expected = run(base);
    const withLoops = {...base, followers: [...base.followers, 0, 1], friends: [...base.friends, 0, 1]};
    expect(run(withLoops)).toEqual(expected);
    const weighted = twitterrank(buildCsr(3, base.followers, base.friends, [0, 7, 2.5, 1]), {
      topicShares: base.topicShares,
      posts: base.posts
    });
    expect(weighted).toEqual(expected);
  });

  it("treats a user without topic weight as DT′ = 0 and friends without posts as unreachable", () => {
    // 0 follows 1 and 2; 2 has no posts, so P(0→2) = 0 and P(0→1) = sim. User 0 has DT row (0, 0): DT′ = 0, so
    // sim_0(0, 1) = 1 − |0 − 1| = 0 for user 1 = (1, 0): the whole step leaks. Topic 0: E_0 = (0, 1, 0) and x = E_0.
    const input = {
      n: 3,
      followers: [0, 0],
      friends: [1, 2],
      topicShares: [
        [0, 1, 0],
        [0, 0, 1]
      ],
      posts: [1, 1, 0]
    };
    const {scores} = run(input, TIGHT);
    expectClose(scores[0], [0, 1, 0], 1e-15);
    expectClose(scores[1], [0, 0, 1], 1e-15);
  });

  it("handles the empty graph and reports non-convergence", () => {
    expect(twitterrank(buildCsr(0, [], []), {topicShares: [[], []], posts: []})).toEqual({
      scores: [new Float64Array(0), new Float64Array(0)],
      iterations: [0, 0],
      converged: true
    });
    const random = mulberry32(5);
    const n = 40;
    const followers = Array.from({length: 200}, () => Math.floor(random() * n));
    const friends = Array.from({length: 200}, () => Math.floor(random() * n));
    const topicShares = [Array.from({length: n}, () => random()), Array.from({length: n}, () => random())];
    const posts = Array.from({length: n}, () => Math.floor(random() * 20));
    const result = run({n, followers, friends, topicShares, posts}, {maxIterations: 2});
    expect(result.converged).toBe(false);
    expect(result.iterations).toEqual([2, 2]);
    for (const scores of result.scores) expect(sum(scores)).toBeCloseTo(1, 14);
  });
});

describe("aggregateTwitterrank", () => {
  it("weights the topic vectors by the normalised topic weights", () => {
    // r = (3, 1)/4: 0.75·(0.6, 0.4) + 0.25·(0.2, 0.8) = (0.45 + 0.05, 0.3 + 0.2) = (0.5, 0.5).
    expectClose(
      aggregateTwitterrank([Float64Array.of(0.6, 0.4), Float64Array.of(0.2, 0.8)], [3, 1]),
      [0.5, 0.5],
      1e-15
    );
    // A zero weight drops a topic.
    expectClose(
      aggregateTwitterrank(
        [
          [0.6, 0.4],
          [0.2, 0.8]
        ],
        [0, 2]
      ),
      [0.2, 0.8],
      1e-15
    );
  });

  it("rejects bad input", () => {
    expect(() => aggregateTwitterrank([], [])).toThrow(
      "scoring/graph/twitterrank: topicScores must be a non-empty array of score vectors"
    );
    expect(() => aggregateTwitterrank([[1, 0]], [1, 1])).toThrow(
      "scoring/graph/twitterrank: topicWeights has length 2, expected one weight per topic (1)"
    );
    expect(() => aggregateTwitterrank([[1, 0], [1]], [1, 1])).toThrow(
      "scoring/graph/twitterrank: topicScores[1] has length 1, expected 2"
    );
    expect(() => aggregateTwitterrank([[1, 0]], [-1])).toThrow(
      "scoring/graph/twitterrank: topicWeights[0] must be finite and non-negative, got -1"
    );
    expect(() => aggregateTwitterrank([[1, 0]], [0])).toThrow(
      "scoring/graph/twitterrank: topicWeights must have a positive sum, got 0"
    );
  });
});

/** Seeded random input: n users, m follow edges (self-loops and duplicates included), T topics, some zero rows. */
function randomInput(seed: number, n: number, m: number, topics: number): Input {
  const random = mulberry32(seed);
  const followers = Array.from({length: m}, () => Math.floor(random() * n));
  const friends = Array.from({length: m}, () => Math.floor(random() * n));
  const topicShares = Array.from({length: topics}, () =>
    Array.from({length: n}, () => (random() < 0.3 ? 0 : Math.floor(random() * 50)))
  );
  for (const column of topicShares) column[0] += 1; // every topic has a positive sum
  const posts = Array.from({length: n}, () => (random() < 0.1 ? 0 : Math.floor(random() * 100)));
  return {n, followers, friends, topicShares, posts};
}

describe("twitterrank: agreement with independent implementations", () => {
  it("matches the dense published-equation solution on seeded random graphs", () => {
    for (const seed of [1, 2, 3, 4]) {
      const input = randomInput(seed, 30 + seed * 10, 200, 3);
      const damping = [0.85, 0.5, 0.95, 0][seed - 1];
      const result = run(input, {damping, tolerance: 1e-14});
      expect(result.converged).toBe(true);
      const expected = denseTwitterrank(input, damping);
      for (let t = 0; t < 3; t++) expectClose(result.scores[t], expected[t], 1e-11, `topic ${t}, node`);
    }
  });

  it("reduces to weighted personalised PageRank for a single topic", () => {
    // With one topic DT′ is 1 for every user with weight (0 otherwise), so sim = 1 between users with weight and
    // the walk is scoring/graph/pagerank with edge weight posts[friend] (self-loops dropped) and personalization E.
    for (const seed of [21, 22, 23]) {
      const input = randomInput(seed, 80, 400, 1);
      const shares = input.topicShares[0].map((v) => v + 1); // every user has weight: sim = 1 everywhere
      // Each follow relation once (the kernel's CSR merges duplicates; PageRank would add their weights).
      const pairs = new Set(input.followers.map((f, e) => f * input.n + input.friends[e]));
      const edges = [...pairs].map((key) => [Math.floor(key / input.n), key % input.n]).filter(([f, j]) => f !== j);
      const weighted = buildCsr(
        input.n,
        edges.map((e) => e[0]),
        edges.map((e) => e[1]),
        edges.map((e) => input.posts[e[1]])
      );
      const expected = pagerank(weighted, {personalization: shares, tolerance: 1e-14}).scores;
      expectClose(run({...input, topicShares: [shares]}, {tolerance: 1e-14}).scores[0], expected, 1e-12);
    }
  });
});

/** fast-check arbitrary: up to 15 users, up to 50 follow edges, 1 to 3 topics with integer DT, posts in [0, 9]. */
const inputs = fc
  .record({n: fc.integer({min: 1, max: 15}), topics: fc.integer({min: 1, max: 3})})
  .chain(({n, topics}) =>
    fc.record({
      n: fc.constant(n),
      edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), {maxLength: 50}),
      topicShares: fc.array(
        fc
          .array(fc.integer({min: 0, max: 9}), {minLength: n, maxLength: n})
          .filter((column) => column.some((v) => v > 0)),
        {minLength: topics, maxLength: topics}
      ),
      posts: fc.array(fc.integer({min: 0, max: 9}), {minLength: n, maxLength: n})
    })
  );

function toInput(arbitrary: {n: number; edges: [number, number][]; topicShares: number[][]; posts: number[]}): Input {
  return {
    n: arbitrary.n,
    followers: arbitrary.edges.map((e) => e[0]),
    friends: arbitrary.edges.map((e) => e[1]),
    topicShares: arbitrary.topicShares,
    posts: arbitrary.posts
  };
}

describe("twitterrank: properties (fast-check, seeded)", () => {
  it("gives non-negative vectors summing to 1 for every topic", () => {
    fc.assert(
      fc.property(inputs, (arbitrary) => {
        const result = run(toInput(arbitrary));
        expect(result.converged).toBe(true);
        for (const scores of result.scores) {
          for (const v of scores) expect(v).toBeGreaterThanOrEqual(0);
          expect(Math.abs(sum(scores) - 1)).toBeLessThanOrEqual(1e-12);
        }
      }),
      {seed: 2010, numRuns: 300}
    );
  });

  it("agrees with the dense reference on arbitrary small inputs", () => {
    fc.assert(
      fc.property(inputs, fc.double({min: 0, max: 0.9, noNaN: true}), (arbitrary, damping) => {
        const input = toInput(arbitrary);
        const result = run(input, {damping, tolerance: 1e-14});
        const expected = denseTwitterrank(input, damping);
        result.scores.forEach((scores, t) => expectClose(scores, expected[t], 1e-11, `topic ${t}, node`));
      }),
      {seed: 261, numRuns: 200}
    );
  });

  it("permutes the scores when the users are relabelled", () => {
    const withPermutation = inputs.chain((arbitrary) =>
      fc.record({
        arbitrary: fc.constant(arbitrary),
        permutation: fc.shuffledSubarray(
          Array.from({length: arbitrary.n}, (_, i) => i),
          {minLength: arbitrary.n, maxLength: arbitrary.n}
        )
      })
    );
    fc.assert(
      fc.property(withPermutation, ({arbitrary, permutation}) => {
        const input = toInput(arbitrary);
        const moveValues = (values: number[]) => {
          const moved = new Array<number>(values.length);
          values.forEach((v, i) => (moved[permutation[i]] = v));
          return moved;
        };
        const relabelled: Input = {
          n: input.n,
          followers: input.followers.map((f) => permutation[f]),
          friends: input.friends.map((j) => permutation[j]),
          topicShares: input.topicShares.map(moveValues),
          posts: moveValues(input.posts)
        };
        const result = run(input, {tolerance: 1e-14});
        const moved = run(relabelled, {tolerance: 1e-14});
        result.scores.forEach((scores, t) =>
          expectClose(
            Array.from(scores, (_, i) => moved.scores[t][permutation[i]]),
            scores,
            1e-11
          )
        );
      }),
      {seed: 270, numRuns: 200}
    );
  });

  it("does not change when all post counts, or all topic weights, are scaled by the same factor", () => {
    fc.assert(
      fc.property(inputs, fc.constantFrom(2, 0.5, 1024), (arbitrary, factor) => {
        const input = toInput(arbitrary);
        const expected = run(input);
        // Powers of two: every ratio the kernel forms is unchanged exactly.
        expect(run({...input, posts: input.posts.map((q) => q * factor)})).toEqual(expected);
        expect(run({...input, topicShares: input.topicShares.map((c) => c.map((v) => v * factor))})).toEqual(expected);
      }),
      {seed: 262, numRuns: 150}
    );
  });
});

describe("twitterrank: validation", () => {
  const graph = buildCsr(3, [0, 1], [1, 2]);
  const valid: TwitterrankOptions = {topicShares: [[1, 1, 1]], posts: [1, 1, 1]};

  it("rejects bad damping, tolerance and iteration cap", () => {
    expect(() => twitterrank(graph, {...valid, damping: 1})).toThrow(
      "scoring/graph/twitterrank: damping must be in [0, 1), got 1"
    );
    expect(() => twitterrank(graph, {...valid, damping: NaN})).toThrow("got NaN");
    expect(() => twitterrank(graph, {...valid, tolerance: 0})).toThrow(
      "scoring/graph/twitterrank: tolerance must be a positive finite number, got 0"
    );
    expect(() => twitterrank(graph, {...valid, maxIterations: 0.5})).toThrow(
      "scoring/graph/twitterrank: maxIterations must be a positive integer, got 0.5"
    );
  });

  it("requires the options", () => {
    expect(() => twitterrank(graph, undefined as unknown as TwitterrankOptions)).toThrow(
      "scoring/graph/twitterrank: options with topicShares and posts are required, got undefined"
    );
  });

  it("rejects bad topic shares", () => {
    expect(() => twitterrank(graph, {...valid, topicShares: []})).toThrow(
      "scoring/graph/twitterrank: topicShares must be a non-empty array with one array per topic"
    );
    expect(() =>
      twitterrank(graph, {
        ...valid,
        topicShares: [
          [1, 1, 1],
          [1, 1]
        ]
      })
    ).toThrow("scoring/graph/twitterrank: topicShares[1] has length 2, expected nodeCount 3");
    expect(() => twitterrank(graph, {...valid, topicShares: [[1, -1, 1]]})).toThrow(
      "scoring/graph/twitterrank: topicShares[0][1] must be finite and non-negative, got -1"
    );
    expect(() => twitterrank(graph, {...valid, topicShares: [[1, 1, Infinity]]})).toThrow("got Infinity");
    expect(() =>
      twitterrank(graph, {
        ...valid,
        topicShares: [
          [1, 1, 1],
          [0, 0, 0]
        ]
      })
    ).toThrow("scoring/graph/twitterrank: topicShares[1] must have a positive sum, got 0");
  });

  it("rejects bad post counts", () => {
    expect(() => twitterrank(graph, {...valid, posts: [1, 1]})).toThrow(
      "scoring/graph/twitterrank: posts has length 2, expected nodeCount 3"
    );
    expect(() => twitterrank(graph, {...valid, posts: [1, NaN, 1]})).toThrow(
      "scoring/graph/twitterrank: posts[1] must be finite and non-negative, got NaN"
    );
  });
});
