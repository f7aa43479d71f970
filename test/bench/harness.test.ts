import {describe, it, expect} from "vitest";
import {TimeLimit, median, summarize} from "../../bench/harness.js";

describe("summarize(runsMs, warmup)", () => {
  it("leaves out the warm-up runs and gives median, min and max of the rest", () => {
    // Timed runs 30, 10, 50, 20, 40: sorted 10 20 30 40 50, median 30.
    expect(summarize([900, 30, 10, 50, 20, 40], 1)).toEqual({medianMs: 30, minMs: 10, maxMs: 50});
  });

  it("takes the mean of the two middle runs for an even count", () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("refuses a report with no timed run", () => {
    expect(() => summarize([12], 1)).toThrow("bench/harness: no timed runs among 1 (warm-up 1)");
  });
});

describe("TimeLimit", () => {
  it("skips a tool whose time at the previous size, scaled by size, exceeds the limit", () => {
    const limit = new TimeLimit(60_000);
    expect(limit.reasonToSkip("networkx", 1_000_000)).toBeUndefined();
    limit.record("networkx", "1M", 1_000_000, 40_000);
    // 40 s at 1M edges → 200 s at 5M edges: over 60 s. 40 s · 1.2 = 48 s at 1.2M: under.
    expect(limit.reasonToSkip("networkx", 5_000_000)).toBe(
      "estimated 200 s (40.0 s at 1M, scaled by size), over the 60 s limit"
    );
    expect(limit.reasonToSkip("networkx", 1_200_000)).toBeUndefined();
    expect(limit.reasonToSkip("igraph", 5_000_000)).toBeUndefined();
  });
});
