/**
 * The graphs read from the canonical tables: edges and weights worked out by hand, the same CSR on both engines,
 * and the same CSR whatever the order of the stored rows, down to the last bit of every weight.
 */
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {NodeDb} from "../../loaders/node-db.js";
import type {Db} from "../../scoring/db.js";
import {followGraph, reactionGraph, stationaryDistribution, type AccountGraph} from "../../scoring/graphs.js";
import {spanningWindow} from "../../scoring/window.js";
import {memoizedDb, releaseDb} from "../../scoring/memo-db.js";
import {memoryWorld, openNative, openWasm, tempDir, writeWorld, type WorldRows} from "../helpers/world.js";

const day = (n: number) => new Date(Date.UTC(2026, 2, n));
const account = (id: string) => ({account_id: `twitter:${id}`, network: "twitter", handle: id});
const reaction = (actor: string, target: string, kind: string, n = 1) => ({
  ts: day(n),
  network: "twitter",
  actor_id: `twitter:${actor}`,
  target_id: `twitter:${target}`,
  kind
});
const follow = (follower: string, followee: string) => ({
  follower_id: `twitter:${follower}`,
  followee_id: `twitter:${followee}`,
  network: "twitter"
});

/**
 * b reacts to a with a repost, a reply and a like, whose weights 0.1 + 0.2 + 0.3 give 0.6000000000000001
 * summed in that order and 0.6 summed in the reverse one; c reposts a twice and mentions b; a replies to itself.
 */
const WORLD: WorldRows = {
  accounts: ["a", "b", "c"].map(account),
  interactions: [
    reaction("b", "a", "repost", 1),
    reaction("b", "a", "reply", 2),
    reaction("b", "a", "like", 3),
    reaction("c", "a", "repost", 1),
    reaction("c", "a", "repost", 4),
    reaction("c", "b", "mention", 2),
    reaction("a", "a", "reply", 2)
  ],
  follows: [follow("c", "a"), follow("c", "a"), follow("b", "a"), follow("a", "a"), follow("a", "c")]
};
const KIND_WEIGHTS = {repost: 0.1, reply: 0.2, like: 0.3, mention: 2};

/** The edges of a graph as [source, target, weight] in CSR order. */
function edgesOf({graph}: AccountGraph): [number, number, number][] {
  const edges: [number, number, number][] = [];
  for (let i = 0; i < graph.nodeCount; i++) {
    for (let e = graph.offsets[i]!; e < graph.offsets[i + 1]!; e++)
      edges.push([i, graph.targets[e]!, graph.weights[e]!]);
  }
  return edges;
}

function reversed(rows: WorldRows): WorldRows {
  return Object.fromEntries(Object.entries(rows).map(([table, list]) => [table, [...list].reverse()]));
}

describe("reactionGraph and followGraph", () => {
  let native: NodeDb;
  let wasm: Db;
  const temp = tempDir();
  beforeAll(async () => {
    await writeWorld(temp.dir, WORLD);
    native = await openNative(temp.dir);
    wasm = await openWasm(temp.dir);
  });
  afterAll(() => {
    native?.close();
    temp.remove();
  });

  it("weighs each pair by its reactions of each kind times the kind's weight, on both engines", async () => {
    for (const db of [native, wasm]) {
      const graph = await reactionGraph(db, {kindWeights: KIND_WEIGHTS});
      expect(graph.accountIds).toEqual(["twitter:a", "twitter:b", "twitter:c"]);
      const edges = edgesOf(graph);
      expect(edges.map(([s, t]) => [s, t])).toEqual([
        [1, 0],
        [2, 0],
        [2, 1]
      ]);
      expect(edges[0]![2]).toBeCloseTo(0.6, 15);
      expect(edges[1]![2]).toBeCloseTo(0.2, 15);
      expect(edges[2]![2]).toBe(2);
    }
    expect(edgesOf(await reactionGraph(wasm, {kindWeights: KIND_WEIGHTS}))).toEqual(
      edgesOf(await reactionGraph(native, {kindWeights: KIND_WEIGHTS}))
    );
  });

  it("counts only the reactions inside the window, each kind weighing 1 by default", async () => {
    for (const db of [native, wasm]) {
      expect(edgesOf(await reactionGraph(db, {window: {from: day(2).getTime(), to: day(4).getTime()}}))).toEqual([
        [1, 0, 2],
        [2, 1, 1]
      ]);
    }
  });

  it("takes a window that holds every event for the unbounded one, and no other", async () => {
    // The events (interactions only: no posts) run from 1 March 00:00 to 4 March 00:00; the SQL compares whole
    // milliseconds.
    const first = day(1).getTime();
    const last = day(4).getTime();
    for (const db of [native, wasm]) {
      expect(await spanningWindow(db, {from: first, to: last + 1})).toEqual({});
      expect(await spanningWindow(db, {from: first - 0.5, to: last + 1.5})).toEqual({});
      expect(await spanningWindow(db, {from: null, to: last + 1})).toEqual({});
      expect(await spanningWindow(db, {from: first + 1})).toEqual({from: first + 1, to: null});
      expect(await spanningWindow(db, {from: first + 0.5})).toEqual({from: first + 0.5, to: null});
      expect(await spanningWindow(db, {to: last})).toEqual({from: null, to: last});
      expect(await spanningWindow(db, {to: last + 0.5})).toEqual({from: null, to: last + 0.5});
    }
    // The windows left as they are select fewer reactions than all of them.
    const all = edgesOf(await reactionGraph(native));
    expect(edgesOf(await reactionGraph(native, {window: {from: first + 1}}))).not.toEqual(all);
    expect(edgesOf(await reactionGraph(native, {window: {to: last}}))).not.toEqual(all);
  });

  it("reads the pairs once for a window over all the data and the unbounded one, and shares the graph", async () => {
    const statements: string[] = [];
    const counting: Db = {
      query: (sql, params) => (statements.push(sql), native.query(sql, params)),
      queryColumns: (sql, params) => (statements.push(sql), native.queryColumns(sql, params)),
      queryIntegers: (sql, params) => (statements.push(sql), native.queryIntegers(sql, params))
    };
    const view = memoizedDb(counting);
    try {
      const whole = await reactionGraph(view, {window: {from: day(1).getTime(), to: day(5).getTime()}});
      expect(await reactionGraph(view)).toBe(whole);
      expect(statements.filter((sql) => sql.includes("list_position"))).toHaveLength(1);
      expect(edgesOf(whole)).toEqual(edgesOf(await reactionGraph(native)));
    } finally {
      await releaseDb(view);
    }
  });

  it("solves each graph's PageRank once, and hands every caller its own copy", async () => {
    // Unit weights: b → a 3, c → a 2, c → b 1; a is dangling, so its mass goes back uniformly with the
    // teleport m.
    // x_c = m, x_b = m·(1 + d/3), x_a = m·(1 + d·(1 + d/3) + 2d/3), and the three sum to 1.
    const d = 0.85;
    const shares = [1 + d * (1 + d / 3) + (2 * d) / 3, 1 + d / 3, 1];
    const total = shares.reduce((sum, share) => sum + share, 0);
    const {graph} = await reactionGraph(native);
    const first = stationaryDistribution(graph);
    shares.forEach((share, i) => expect(first[i]).toBeCloseTo(share / total, 12));
    first.fill(0);
    // The graph is never changed by its readers; changed here, it shows the second call did not solve it again.
    graph.weights.fill(1);
    shares.forEach((share, i) => expect(stationaryDistribution(graph)[i]).toBeCloseTo(share / total, 12));
  });

  it("reads each follow once, without following oneself, on both engines", async () => {
    for (const db of [native, wasm]) {
      const graph = await followGraph(db);
      expect(edgesOf(graph)).toEqual([
        [0, 2, 1],
        [1, 0, 1],
        [2, 0, 1]
      ]);
    }
  });

  it("gives bit-identical weights whatever the order of the stored reactions", async () => {
    const forward = await memoryWorld(WORLD);
    const backward = await memoryWorld(reversed(WORLD));
    try {
      const a = await reactionGraph(forward, {kindWeights: KIND_WEIGHTS});
      const b = await reactionGraph(backward, {kindWeights: KIND_WEIGHTS});
      expect(edgesOf(b)).toEqual(edgesOf(a));
      expect(Array.from(b.graph.outWeight)).toEqual(Array.from(a.graph.outWeight));
    } finally {
      forward.close();
      backward.close();
    }
  });
});
