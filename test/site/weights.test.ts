// @vitest-environment jsdom
/**
 * The weights playground's pure functions: partial top-k ranking against a full sort, rank-change arrows, the
 * weights in the URL, slider ranges and presets; and, printed rather than asserted, the time to re-rank 100,000
 * synthetic accounts (the budget is one animation frame, 16 ms).
 */
import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {
  decodeWeightsState,
  encodeWeightsState,
  presetsFor,
  type Preset,
  rankChange,
  rerank,
  setSliders,
  sliderKeys,
  sliderRange,
  topK,
  topRanks,
  weightedMethods,
  weightsLeaderboard
} from "../../src/components/weights.js";
import {syntheticKloutFeatures} from "../../bench/synthetic-features.js";
import {METHODS, getMethod} from "../../scoring/methods/index.js";
import {rankDescending} from "../../scoring/score.js";

describe("topK(values, k)", () => {
  it("gives the indices of the k largest values, largest first, ties in index order", () => {
    expect(Array.from(topK(Float64Array.of(1, 5, 3, 5, 0), 3))).toEqual([1, 3, 2]);
    expect(Array.from(topK([2, 1], 5))).toEqual([0, 1]);
    expect(Array.from(topK([], 3))).toEqual([]);
  });

  it("agrees with a full sort on random values with ties", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({min: 0, max: 9}), {maxLength: 200}),
        fc.integer({min: 1, max: 30}),
        (values, k) => {
          const sorted = values.map((_, i) => i).sort((a, b) => values[b]! - values[a]! || a - b);
          expect(Array.from(topK(values, k))).toEqual(sorted.slice(0, k));
        }
      ),
      {seed: 7, numRuns: 200}
    );
  });
});

describe("topRanks(values, top)", () => {
  it("gives competition ranks: ties share the best rank, the next rank skips", () => {
    const values = [3, 9, 9, 5, 1];
    // Sorted: 9, 9, 5, 3, 1 → ranks 1, 1, 3, 4, 5.
    expect(Array.from(topRanks(values, topK(values, 5)))).toEqual([1, 1, 3, 4, 5]);
  });

  it("agrees with the full ranking on the top entries", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({min: 0, max: 5}), {minLength: 1, maxLength: 100}), (values) => {
        const top = topK(values, 10);
        const full = rankDescending(values);
        expect(Array.from(topRanks(values, top))).toEqual(Array.from(top, (i) => full[i]));
      }),
      {seed: 11, numRuns: 200}
    );
  });
});

describe("rankChange(defaultRank, rank)", () => {
  it("points up for a better rank, down for a worse one, and says = otherwise", () => {
    expect(rankChange(7, 3)).toEqual({arrow: "▲", label: "▲ 4"});
    expect(rankChange(2, 5)).toEqual({arrow: "▼", label: "▼ 3"});
    expect(rankChange(4, 4)).toEqual({arrow: "", label: "="});
  });
});

describe("weights in the URL", () => {
  const methods = weightedMethods(METHODS);

  it("encodes the method and only the weights that differ from its defaults, keeping other parameters", () => {
    const klout = getMethod("klout");
    const href = encodeWeightsState("http://site.test/weights.html?dataset=higgs&w.old=1#top", klout, {
      ...klout.weights,
      followers: 0.5
    });
    expect(href).toBe("http://site.test/weights.html?dataset=higgs&method=klout&w.followers=0.5#top");
  });

  it("decodes the method and its valid weights, ignoring anything else", () => {
    expect(decodeWeightsState("?method=klout&w.followers=0.5&w.p=2", methods)).toEqual({
      method: "klout",
      weights: {followers: 0.5, p: 2}
    });
    // Unknown keys, negative or non-numeric values, and keys the features step owns are ignored.
    expect(
      decodeWeightsState(
        "?method=kred&w.nope=1&w.repost=-1&w.reply=x&w.mention=&w.big_actor_followers=5&w.quote=2",
        methods
      )
    ).toEqual({method: "kred", weights: {quote: 2}});
    expect(decodeWeightsState("?method=pagerank&w.repost=2", methods)).toEqual({weights: {}});
    // A learned model's weights are signed: a negative one is kept.
    expect(decodeWeightsState("?method=pairs-logistic&w.following_count=-0.5", methods)).toEqual({
      method: "pairs-logistic",
      weights: {following_count: -0.5}
    });
  });

  it("round-trips: decoding an encoded state gives the changed weights back", () => {
    const kred = getMethod("kred");
    const href = encodeWeightsState("http://site.test/weights.html", kred, {...kred.weights, gamma: 0.75, like: 3});
    expect(decodeWeightsState(new URL(href).search, methods)).toEqual({
      method: "kred",
      weights: {like: 3, gamma: 0.75}
    });
  });
});

describe("sliders and presets", () => {
  it("gives a slider to every weight but those the features step reads", () => {
    expect(sliderKeys(getMethod("klout"))).toEqual([
      "selective_reactions",
      "distinct_reactors",
      "amplification",
      "network",
      "followers",
      "listed",
      "p"
    ]);
    expect(sliderKeys(getMethod("kred"))).not.toContain("big_actor_followers");
    expect(weightedMethods(METHODS).map((m) => m.id)).toEqual(
      expect.arrayContaining(["klout", "kred", "kred-global", "kred-outreach", "twitalyzer-impact"])
    );
    expect(weightedMethods(METHODS).map((m) => m.id)).not.toContain("pagerank");
  });

  it("keeps each range inside what the formula allows", () => {
    expect(sliderRange("p", 3)).toEqual({min: 1, max: 8, step: 0.1});
    expect(sliderRange("gamma", 0.5).min).toBeGreaterThan(0);
    expect(sliderRange("followers", 0.25)).toEqual({min: 0, max: 1, step: 0.01});
    expect(sliderRange("repost", 10)).toEqual({min: 0, max: 40, step: 0.1});
    // A learned model's weight of -0.3: the slider spans ±4 × 0.3 so the default sits inside it.
    expect(sliderRange("following", -0.3, true)).toEqual({min: -1.2, max: 1.2, step: 0.01});
    expect(sliderRange("like", 0)).toEqual({min: 0, max: 1, step: 0.01});
  });

  it("offers the presets of the method, and Kred's to its global variant", () => {
    const presets: Preset[] = [
      {file: "kred.json", method: "kred", weights: {repost: 10, big_actor_followers: 10_000, gamma: 0.5}},
      {file: "klout.json", method: "klout", weights: {followers: 0.25}}
    ];
    expect(presetsFor(getMethod("kred-global"), presets)).toEqual([
      {file: "kred.json", method: "kred", weights: {repost: 10, gamma: 0.5}}
    ]);
    // kred-outreach has no gamma: the Influence preset does not fit it.
    expect(presetsFor(getMethod("kred-outreach"), presets)).toEqual([]);
  });

  it("setSliders moves each slider and announces the change", () => {
    const events: string[] = [];
    const slider = (name: string) => ({
      value: 0,
      dispatchEvent: (e: Event) => (events.push(`${name}:${e.type}`), true)
    });
    const sliders = {a: slider("a"), b: slider("b")};
    setSliders(sliders, {a: 2, c: 9});
    expect(sliders.a.value).toBe(2);
    expect(sliders.b.value).toBe(0);
    expect(events).toEqual(["a:input"]);
  });
});

/** A Klout feature table of `n` synthetic accounts (seeded), every fifth linked to the next as one person. */
describe("rerank(method, features, weights)", () => {
  it("ranks by the combine step, with arrows against the default ranks", () => {
    const klout = getMethod("klout");
    const features = syntheticKloutFeatures(40, 1);
    const defaultRanks = rankDescending(klout.decomposition!.combine(features, klout.weights!));
    const weights = {...klout.weights, followers: 0, network: 3};
    const rows = rerank(klout, features, weights, {
      defaultRanks,
      handles: new Map([["t:000000", "<b>zero</b>"]]),
      k: 40
    });
    const full = rankDescending(klout.decomposition!.combine(features, weights));
    for (const row of rows) {
      const index = features.accountIds.indexOf(row.account_id);
      expect(row.rank).toBe(full[index]);
      expect(row.change).toBe(rankChange(defaultRanks[index]!, full[index]!).label);
    }
    const table = weightsLeaderboard(rows);
    expect(table.dataset.testid).toBe("leaderboard");
    const handles = [...table.tBodies[0]!.rows].map((tr) => tr.cells[0]!.textContent);
    // The handle is text: its markup is shown, not parsed.
    expect(handles).toContain("<b>zero</b>");
    expect(table.querySelector("b")).toBeNull();
  });
});
