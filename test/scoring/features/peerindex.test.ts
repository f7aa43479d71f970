import {describe, expect, it} from "vitest";
import {audienceSums} from "../../../scoring/features/peerindex.js";

describe("audienceSums(n, rows)", () => {
  // Reactors: −1 (not an account) worth 0.1, account 0 worth 0.2, account 2 worth 0.3. Account 1 is reacted to by
  // all three, account 2 by account 0 alone, account 0 by nobody.
  const reactors = {target: [null, null, null], actor: [2, -1, 0], weight: [0.3, 0.1, 0.2]};

  it("adds each account's reactor worths in reactor order, whatever the order of the rows", () => {
    // Pairs listed against reactor order: 2, 0, −1.
    const rows = {
      target: [1, ...reactors.target, 1, 2, 1],
      actor: [2, ...reactors.actor, 0, 0, -1],
      weight: [null, ...reactors.weight, null, null, null]
    };
    const audience = audienceSums(3, rows);
    // In reactor order ((0.1 + 0.2) + 0.3) rounds to 0.6000000000000001; (0.3 + 0.2) + 0.1 would give 0.6.
    expect(Array.from(audience)).toEqual([0, 0.6000000000000001, 0.2]);
    expect(audience).toBeInstanceOf(Float64Array);
  });

  it("gives 0 to every account when nobody reacted", () => {
    expect(Array.from(audienceSums(3, reactors))).toEqual([0, 0, 0]);
    expect(Array.from(audienceSums(2, {target: [], actor: [], weight: []}))).toEqual([0, 0]);
  });
});
