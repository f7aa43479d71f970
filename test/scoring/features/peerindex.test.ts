import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {audienceSums, byTopic} from "../../../scoring/features/peerindex.js";

describe("audienceSums(n, reactors, pairs)", () => {
  // Reactors: −1 (not an account) worth 0.1, account 0 worth 0.2, account 2 worth 0.3. Account 1 is reacted to by
  // all three, account 2 by account 0 alone, account 0 by nobody.
  const reactors = {actor: [2, -1, 0], weight: [0.3, 0.1, 0.2]};

  it("adds each account's reactor worths in reactor order, whatever the order of the rows", () => {
    // Pairs listed against reactor order: 2, 0, −1.
    const pairs = {source: [2, 0, 0, -1], target: [1, 1, 2, 1]};
    const audience = audienceSums(3, reactors, pairs);
    // In reactor order ((0.1 + 0.2) + 0.3) rounds to 0.6000000000000001; (0.3 + 0.2) + 0.1 would give 0.6.
    expect(Array.from(audience)).toEqual([0, 0.6000000000000001, 0.2]);
    expect(audience).toBeInstanceOf(Float64Array);
  });

  it("gives 0 to every account when nobody reacted", () => {
    expect(Array.from(audienceSums(3, reactors, {source: [], target: []}))).toEqual([0, 0, 0]);
    expect(Array.from(audienceSums(2, {actor: [], weight: []}, {source: [], target: []}))).toEqual([0, 0]);
  });
});

describe("byTopic(rows, names)", () => {
  it("groups the rows by topic in name order, each topic's output before its edges, in the order they came", () => {
    // Topic 2 (sports) listed before topic 1 (art), rows shuffled; topic 3 (tv) has no rows; −2 is an end that is
    // not an account.
    const rows = {
      number: [2, 1, 1, 2, 1, 1],
      kind: [2, 2, 1, 1, 2, 1],
      source: [0, 3, 5, 1, -2, 3],
      target: [1, -2, -1, -1, 4, -1],
      count: [7, 2, 9, 3, 1, 4]
    };
    expect(byTopic(rows, ["art", "sports", "tv"])).toEqual({
      topics: ["art", "sports"],
      starts: Int32Array.of(0, 4, 6),
      source: Int32Array.of(5, 3, 3, -2, 1, 0),
      target: Int32Array.of(-1, -1, -2, 4, -1, 1),
      count: Int32Array.of(9, 4, 2, 1, 3, 7)
    });
  });

  it("sorts as a stable comparison sort by (number, kind) does", () => {
    const row = fc.tuple(
      fc.integer({min: 1, max: 4}),
      fc.integer({min: 1, max: 2}),
      fc.integer({min: -2, max: 30}),
      fc.integer({min: -2, max: 30})
    );
    fc.assert(
      fc.property(fc.array(row, {maxLength: 200}), (list) => {
        const rows = {
          number: list.map((r) => r[0]),
          kind: list.map((r) => r[1]),
          source: list.map((r) => r[2]),
          target: list.map((r) => r[3]),
          count: list.map((_, i) => i)
        };
        // Array.prototype.sort is stable.
        const sorted = [...list.keys()].sort((a, b) => list[a]![0] - list[b]![0] || list[a]![1] - list[b]![1]);
        const names = ["a", "b", "c", "d"];
        const present = names.filter((_, k) => rows.number.includes(k + 1));
        const grouped = byTopic(rows, names);
        expect(grouped.topics).toEqual(present);
        expect(Array.from(grouped.starts)).toEqual([
          ...present.map((name) => sorted.findIndex((i) => rows.number[i] === names.indexOf(name) + 1)),
          list.length
        ]);
        expect(grouped.source).toEqual(Int32Array.from(sorted, (i) => rows.source[i]!));
        expect(grouped.target).toEqual(Int32Array.from(sorted, (i) => rows.target[i]!));
        expect(grouped.count).toEqual(Int32Array.from(sorted));
      })
    );
  });

  it("refuses a topic number without a name", () => {
    const rows = {number: [1, 3], kind: [1, 1], source: [0, 1], target: [-1, -1], count: [1, 1]};
    expect(() => byTopic(rows, ["a", "b"])).toThrow("topic number 3 on row 1, not one of 2");
  });
});
