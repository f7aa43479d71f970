// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {
  RADIUS_RANGE,
  communityColour,
  kindColour,
  networkFigure,
  nodeRadius,
  swatches
} from "../../src/components/network-figure.js";
import {egoNetwork, type PairKindRow} from "../../src/components/network.js";

const IMG = "<img src=x onerror=alert(1)>";
const rows: PairKindRow[] = [
  {actor_id: "x:2", target_id: "x:1", kind: "like", interactions: 2},
  {actor_id: "x:1", target_id: "x:2", kind: "reply", interactions: 1},
  {actor_id: "x:3", target_id: "x:1", kind: "repost", interactions: 1}
];
const NAMES: Record<string, {handle: string; network: string}> = {
  "x:1": {handle: IMG, network: "x"},
  "x:2": {handle: "<script>alert(2)</script>", network: "x"},
  "x:3": {handle: "carol", network: "x"}
};

function figure(onCentre: (id: string) => void = () => {}) {
  const network = egoNetwork(rows, "x:1");
  return networkFigure(network, {
    positions: new Map([
      ["x:1", {x: 0, y: 0}],
      ["x:2", {x: 50, y: 0}],
      ["x:3", {x: 0, y: 50}]
    ]),
    communities: new Map([
      ["x:1", 0],
      ["x:2", 0],
      ["x:3", 1]
    ]),
    names: (id) => NAMES[id]!,
    score: (id) => (id === "x:3" ? undefined : 40),
    radius: () => 6,
    onCentre
  });
}

describe("nodeRadius", () => {
  it("nodeRadius makes a circle's area grow linearly with the score across the method's range", () => {
    const [small, large] = RADIUS_RANGE;
    expect(nodeRadius(0, {min: 0, max: 100})).toBe(small);
    expect(nodeRadius(100, {min: 0, max: 100})).toBe(large);
    // Halfway: the area halfway between the smallest and the largest (hand-computed: (3² + 12²) / 2 = 76.5).
    expect([small, large]).toEqual([3, 12]);
    expect(nodeRadius(50, {min: 0, max: 100})).toBeCloseTo(Math.sqrt(76.5), 12);
    expect(nodeRadius(-5, {min: -10, max: 0})).toBeCloseTo(Math.sqrt(76.5), 12);
  });

  it("nodeRadius gives the smallest circle to an unscored account and when every score is equal", () => {
    expect(nodeRadius(undefined, {min: 0, max: 1})).toBe(RADIUS_RANGE[0]);
    expect(nodeRadius(3, {min: 3, max: 3})).toBe(RADIUS_RANGE[0]);
  });
});

describe("colours", () => {
  it("kindColour gives each reaction kind its own colour and other kinds a shared grey; communities past ten are grey", () => {
    const kinds = ["repost", "reply", "mention", "quote", "like", "comment", "share"].map(kindColour);
    expect(new Set(kinds).size).toBe(7);
    expect(kindColour("follow")).toBe(kindColour("rating"));
    expect(kinds).not.toContain(kindColour("follow"));
    expect(new Set(Array.from({length: 10}, (_, i) => communityColour(i))).size).toBe(10);
    expect(communityColour(10)).toBe(communityColour(11));
  });
});

describe("networkFigure", () => {
  it("networkFigure draws one focusable, named button per account and one line per pair and kind", () => {
    const svg = figure();
    const nodes = svg.querySelectorAll("g[data-account]");
    // Labelled accounts (the centre and the scored ones) come last, above the others.
    expect(Array.from(nodes, (node) => node.getAttribute("data-account"))).toEqual(["x:3", "x:1", "x:2"]);
    expect(svg.querySelector('g[data-account="x:3"] text')).toBeNull();
    for (const node of nodes) {
      expect(node.getAttribute("tabindex")).toBe("0");
      expect(node.getAttribute("role")).toBe("button");
    }
    expect(nodes[0]!.getAttribute("aria-label")).toBe("carol (x), not scored, community 2, 1 hop from the centre");
    expect(Array.from(svg.querySelectorAll("path[data-kind]"), (path) => path.getAttribute("data-kind"))).toEqual([
      "like",
      "reply",
      "repost"
    ]);
    expect(svg.querySelector('path[data-kind="like"] title')!.textContent).toBe(
      `like, <script>alert(2)</script> → ${IMG}: 2`
    );
  });

  it("networkFigure writes markup in handles as text: no element comes from a handle", () => {
    const svg = figure();
    expect(svg.querySelectorAll("img, script").length).toBe(0);
    expect(svg.querySelector('g[data-account="x:1"] text')!.textContent).toBe(IMG);
    expect(svg.querySelector('g[data-account="x:1"] title')!.textContent).toBe(
      `${IMG} (x), score 40, community 1, the centre`
    );
  });

  it("networkFigure re-centres on a click, on Enter and on Space, and not on other keys", () => {
    const centred: string[] = [];
    const svg = figure((id) => centred.push(id));
    const carol = svg.querySelector('g[data-account="x:3"]')!;
    carol.dispatchEvent(new MouseEvent("click", {bubbles: true}));
    for (const key of ["Enter", " ", "a", "Tab"])
      carol.dispatchEvent(new KeyboardEvent("keydown", {key, bubbles: true}));
    expect(centred).toEqual(["x:3", "x:3", "x:3"]);
  });
});

describe("swatches", () => {
  it("swatches writes its labels as text", () => {
    const legend = swatches([{label: IMG, colour: "red"}], {testid: "legend"});
    expect(legend.textContent).toBe(IMG);
    expect(legend.querySelectorAll("img").length).toBe(0);
    expect(legend.dataset.testid).toBe("legend");
  });
});
