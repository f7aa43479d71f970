import {describe, expect, it} from "vitest";
import {decodeState, pageLink, withState} from "../../src/components/url-state.js";

describe("decodeState", () => {
  it("decodeState(search) reads every known field, decoding lists and integers", () => {
    expect(
      decodeState(
        "?dataset=higgs&account=twitter%3A1001&methods=klout,reactions&k=20&x=a&y=b&coefficient=kendall&method=kred"
      )
    ).toEqual({
      dataset: "higgs",
      account: "twitter:1001",
      methods: ["klout", "reactions"],
      k: 20,
      x: "a",
      y: "b",
      coefficient: "kendall",
      method: "kred"
    });
  });

  it("decodeState(search) ignores unknown, empty and malformed parameters", () => {
    expect(decodeState("?k=0&methods=,&account=&other=1")).toEqual({});
    expect(decodeState("?k=-3")).toEqual({});
    expect(decodeState("?k=2.5")).toEqual({});
    expect(decodeState("")).toEqual({});
  });
});

describe("withState", () => {
  it("withState(href, patch) sets fields, removes undefined ones and keeps the rest of the URL", () => {
    const href = "http://127.0.0.1:3000/compare.html?dataset=higgs&keep=1#matrix";
    expect(withState(href, {methods: ["klout", "pagerank"], k: 5, dataset: undefined})).toBe(
      "http://127.0.0.1:3000/compare.html?keep=1&methods=klout%2Cpagerank&k=5#matrix"
    );
  });

  it("decodeState(withState(href, state)) gives the state back, whatever characters its values hold", () => {
    const state = {account: "mastodon:@a&b=c?#/é", methods: ["x y", "z"], k: 7};
    expect(decodeState(new URL(withState("http://h/p.html", state)).search)).toEqual(state);
  });
});

describe("pageLink", () => {
  it("pageLink(path, state) is a relative link carrying the state", () => {
    expect(pageLink("profile.html", {account: "twitter:1001", dataset: undefined})).toBe(
      "profile.html?account=twitter%3A1001"
    );
    expect(pageLink("methods/klout.html", {})).toBe("methods/klout.html");
  });
});

describe("decodeState for the pages' own fields", () => {
  it("reads the topic, the offset in hours and the hops, and ignores malformed ones", () => {
    expect(decodeState("?topic=climate").topic).toBe("climate");
    expect(decodeState("?dataset=higgs&topic=%23ai%20%26%20ml").topic).toBe("#ai & ml");
    expect(decodeState("?topic=").topic).toBeUndefined();
    expect(decodeState("").topic).toBeUndefined();
    expect(decodeState("?offset=5.5").offset).toBe(5.5);
    expect(decodeState("?offset=-3").offset).toBe(-3);
    expect(decodeState("?offset=5.5h").offset).toBeUndefined();
    expect(decodeState("?hops=2").hops).toBe(2);
    expect(decodeState("?hops=3").hops).toBeUndefined();
  });

  it("writes them back: withState(href, {topic, offset, hops})", () => {
    const href = withState("http://site.test/timing.html?account=x", {topic: "a & b", offset: -5.5, hops: 2});
    expect(decodeState(new URL(href).search)).toEqual({account: "x", topic: "a & b", offset: -5.5, hops: 2});
  });
});
