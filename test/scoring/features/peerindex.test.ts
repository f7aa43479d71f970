import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {audienceSums, inTopicOrder} from "../../../scoring/features/peerindex.js";

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

describe("inTopicOrder(rows)", () => {
  it("orders a topic's rows: its name, its output by account, its edges by source then target", () => {
    // Topic 2 listed before topic 1, rows shuffled; −2 is an end that is not an account.
    const rows = {
      number: [2, 1, 1, 2, 1, 1, 1, 2],
      kind: [2, 2, 1, 0, 0, 2, 2, 1],
      topic: [null, null, null, "sports", "art", null, null, null],
      source: [0, 3, 5, -1, -1, -2, 3, 1],
      target: [1, -2, -1, -1, -1, 4, 0, -1],
      count: [7, 2, 9, 0, 0, 1, 4, 3]
    };
    expect(inTopicOrder(rows)).toEqual({
      topic: ["art", null, null, null, null, "sports", null, null],
      source: Int32Array.of(-1, 5, -2, 3, 3, -1, 1, 0),
      target: Int32Array.of(-1, -1, 4, -2, 0, -1, -1, 1),
      count: Int32Array.of(0, 9, 1, 2, 4, 0, 3, 7)
    });
  });

  it("sorts as a comparison sort by (number, kind, source, target) does", () => {
    const key = fc.tuple(
      fc.integer({min: 1, max: 4}),
      fc.integer({min: 0, max: 2}),
      fc.integer({min: -2, max: 30}),
      fc.integer({min: -2, max: 30})
    );
    fc.assert(
      fc.property(fc.uniqueArray(key, {selector: (k) => k.join(","), maxLength: 200}), (keys) => {
        const rows = {
          number: keys.map((k) => k[0]),
          kind: keys.map((k) => k[1]),
          topic: keys.map((k) => (k[1] === 0 ? `topic ${k[0]}` : null)),
          source: keys.map((k) => k[2]),
          target: keys.map((k) => k[3]),
          count: keys.map((_, i) => i)
        };
        const sorted = [...keys.keys()].sort(
          (a, b) =>
            keys[a]![0] - keys[b]![0] ||
            keys[a]![1] - keys[b]![1] ||
            keys[a]![2] - keys[b]![2] ||
            keys[a]![3] - keys[b]![3]
        );
        expect(inTopicOrder(rows)).toEqual({
          topic: sorted.map((i) => rows.topic[i]),
          source: Int32Array.from(sorted, (i) => rows.source[i]!),
          target: Int32Array.from(sorted, (i) => rows.target[i]!),
          count: Int32Array.from(sorted)
        });
      })
    );
  });
});
