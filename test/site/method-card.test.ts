// @vitest-environment jsdom
import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {
  cardBlocks,
  headerComment,
  methodFacts,
  publishedAndOurs,
  renderCard
} from "../../src/components/method-card.js";
import {getMethod} from "../../scoring/index.js";

const SOURCE = `/**
 * A score (Someone 2010).
 *
 * Value:
 *
 *     s = Σ_f w_f · ln(1 + x_f)
 *
 * - \`a\`: the first, which goes on
 *   over two lines;
 * - \`b\`: <img src=x onerror=alert(1)>.
 *
 * Published: the counts. Our choice: the fallback.
 * Ours [I]:
 * - one;
 * - two.
 */
import {x} from "./x.js";
`;

describe("headerComment", () => {
  it("headerComment(source) is the opening comment without its asterisks", () => {
    expect(headerComment(SOURCE).split("\n").slice(0, 5)).toEqual([
      "A score (Someone 2010).",
      "",
      "Value:",
      "",
      "    s = Σ_f w_f · ln(1 + x_f)"
    ]);
    expect(headerComment("import x from 'y';\n/** late */")).toBe("");
  });
});

describe("cardBlocks", () => {
  it("cardBlocks(text) reads paragraphs, indented formulas and lists with continued items", () => {
    expect(cardBlocks(headerComment(SOURCE))).toEqual([
      {kind: "paragraph", text: "A score (Someone 2010)."},
      {kind: "paragraph", text: "Value:"},
      {kind: "code", text: "s = Σ_f w_f · ln(1 + x_f)"},
      {kind: "list", items: ["`a`: the first, which goes on over two lines;", "`b`: <img src=x onerror=alert(1)>."]},
      {kind: "paragraph", text: "Published: the counts. Our choice: the fallback. Ours [I]:"},
      {kind: "list", items: ["one;", "two."]}
    ]);
  });
});

describe("renderCard", () => {
  it("renderCard(text) builds paragraphs, lists, formulas and code spans from text only", () => {
    const card = renderCard(headerComment(SOURCE));
    expect(card.dataset.testid).toBe("method-card");
    expect(Array.from(card.children, (child) => child.tagName)).toEqual(["P", "P", "PRE", "UL", "P", "UL"]);
    expect(Array.from(card.querySelectorAll("code"), (code) => code.textContent)).toEqual(["a", "b"]);
    expect(card.querySelector("img")).toBeNull();
    expect(card.querySelectorAll("li")[1]!.textContent).toBe("b: <img src=x onerror=alert(1)>.");
  });
});

describe("publishedAndOurs", () => {
  it("publishedAndOurs(text) splits the passages on what was published from those on our choices", () => {
    expect(publishedAndOurs(headerComment(SOURCE))).toEqual({
      published: ["Published: the counts."],
      ours: ["Our choice: the fallback.", "Ours [I]: • one; • two."]
    });
  });

  it("publishedAndOurs(card) finds both in the Klout-style card", () => {
    const card = headerComment(readFileSync("scoring/methods/klout.ts", "utf8"));
    const {published, ours} = publishedAndOurs(card);
    expect(published[0]).toMatch(/^What Klout published/);
    expect(ours[0]).toMatch(/^Ours/);
  });
});

describe("methodFacts", () => {
  it("methodFacts(method) lists id, scale, window and every default weight", () => {
    const klout = getMethod("klout");
    const facts = methodFacts(klout);
    expect(facts.slice(0, 3)).toEqual([
      {name: "id", value: "klout"},
      {name: "display score", value: "1–100"},
      {name: "window", value: "90 days"}
    ]);
    expect(facts.slice(3).map((fact) => fact.name)).toEqual(Object.keys(klout.weights!).map((key) => `weight: ${key}`));
    expect(methodFacts(getMethod("pagerank-follows")).find((fact) => fact.name === "window")?.value).toBe("all time");
  });
});
