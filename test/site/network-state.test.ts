import {describe, expect, it} from "vitest";
import {decodeNetworkState, encodeNetworkState, networkLink} from "../../src/components/network-state.js";

describe("the network explorer's URL", () => {
  it("decodeNetworkState reads the account, hops, method and dataset; hops is 1 unless it is 2", () => {
    expect(decodeNetworkState("?account=x%3A1&hops=2&method=pagerank&dataset=higgs")).toEqual({
      account: "x:1",
      hops: 2,
      method: "pagerank",
      dataset: "higgs"
    });
    expect(decodeNetworkState("")).toEqual({hops: 1});
    for (const odd of ["?hops=3", "?hops=", "?hops=two", "?hops=02"])
      expect(decodeNetworkState(odd)).toEqual({hops: 1});
  });

  it("encodeNetworkState writes what decodeNetworkState reads back, keeps other parameters, and leaves defaults out", () => {
    const state = {account: "x:<b>&1", hops: 2 as const, method: "klout", dataset: "mine"};
    const href = encodeNetworkState("http://127.0.0.1/network.html?other=1#figure", state);
    expect(decodeNetworkState(new URL(href).search)).toEqual(state);
    expect(new URL(href).searchParams.get("other")).toBe("1");
    expect(new URL(href).hash).toBe("#figure");
    const back = encodeNetworkState(href, {account: "x:2", hops: 1});
    expect(new URL(back).search).toBe("?other=1&account=x%3A2");
  });

  it("networkLink gives a relative link to the explorer", () => {
    expect(networkLink({account: "x:1", hops: 2})).toBe("network.html?account=x%3A1&hops=2");
    expect(networkLink({hops: 1})).toBe("network.html");
  });
});
