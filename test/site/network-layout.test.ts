import {describe, expect, it} from "vitest";
import {egoLayout} from "../../src/components/network-layout.js";
import {egoNetwork, type PairKindRow} from "../../src/components/network.js";

const tie = (actor_id: string, target_id: string, interactions = 1): PairKindRow => ({
  actor_id,
  target_id,
  kind: "reply",
  interactions
});

const ROWS = [
  tie("c", "a", 3),
  tie("b", "c"),
  tie("d", "c", 2),
  tie("a", "b"),
  tie("e", "a", 4),
  tie("f", "d"),
  tie("g", "d"),
  tie("g", "f", 2)
];

describe("egoLayout", () => {
  it("egoLayout(network) gives the same coordinates for the same network, rows in any order", () => {
    const first = egoLayout(egoNetwork(ROWS, "c", {hops: 2}));
    const again = egoLayout(egoNetwork([...ROWS].reverse(), "c", {hops: 2}));
    expect([...again]).toEqual([...first]);
    expect([...first.keys()].sort()).toEqual(["a", "b", "c", "d", "e", "f", "g"]);
  });

  it("egoLayout pins the centre at the origin, keeps every position finite, and circles do not overlap", () => {
    const radius = (id: string) => (id === "a" ? 20 : 6);
    const positions = egoLayout(egoNetwork(ROWS, "c", {hops: 2}), {radius});
    expect(positions.get("c")).toEqual({x: 0, y: 0});
    const entries = [...positions];
    for (const [, {x, y}] of entries) expect(Number.isFinite(x) && Number.isFinite(y)).toBe(true);
    for (const [i, [a, p]] of entries.entries()) {
      for (const [b, q] of entries.slice(i + 1)) {
        expect(Math.hypot(p.x - q.x, p.y - q.y), `${a} and ${b}`).toBeGreaterThan(radius(a) + radius(b));
      }
    }
  });

  it("egoLayout draws hop-2 accounts farther out than hop-1 accounts on average", () => {
    const positions = egoLayout(egoNetwork(ROWS, "c", {hops: 2}));
    const distance = (id: string) => Math.hypot(positions.get(id)!.x, positions.get(id)!.y);
    const mean = (ids: string[]) => ids.reduce((sum, id) => sum + distance(id), 0) / ids.length;
    expect(mean(["e", "f", "g"])).toBeGreaterThan(mean(["a", "b", "d"]));
  });

  it("egoLayout with another seed or tick count still places everyone, and a lone centre sits at the origin", () => {
    expect(egoLayout(egoNetwork(ROWS, "c"), {seed: 7, ticks: 10}).size).toBe(4);
    expect([...egoLayout(egoNetwork([], "alone"))]).toEqual([["alone", {x: 0, y: 0}]]);
  });
});
