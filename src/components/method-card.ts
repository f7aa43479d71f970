/**
 * Method cards. A method's card is the header comment of its file in `scoring/methods/`; the build extracts it
 * (`src/data/method-cards.json.ts`) and the card pages lay it out here. The comment's own light markup is read
 * as blocks (paragraphs, `- ` lists, indented formulas) and `code` spans, and written with `textContent` only:
 * the card never passes through an HTML parser.
 */

import type {Method} from "../scoring/methods/method.js";

/** A block of a card: a paragraph, a list of items, or a preformatted formula. */
export type CardBlock =
  {kind: "paragraph"; text: string} | {kind: "list"; items: string[]} | {kind: "code"; text: string};

/** The text of the `/** … *\/` comment that opens `source`, without its asterisks, or "" when there is none. */
export function headerComment(source: string): string {
  const match = /^\s*\/\*\*([\s\S]*?)\*\//.exec(source);
  if (!match) return "";
  const lines = match[1]!.split("\n").map((line) => line.replace(/^\s*\* ?/, "").replace(/\s+$/, ""));
  while (lines[0] === "") lines.shift();
  while (lines.at(-1) === "") lines.pop();
  return lines.join("\n");
}

/**
 * Splits a card into blocks: blank lines end a block, lines indented by four spaces are formulas, lines starting
 * with `- ` open list items (indented lines continue them), other lines join into paragraphs.
 */
export function cardBlocks(text: string): CardBlock[] {
  const blocks: CardBlock[] = [];
  let current: CardBlock | undefined;
  const close = () => {
    if (current) blocks.push(current);
    current = undefined;
  };
  for (const line of text.split("\n")) {
    if (line.trim() === "") {
      close();
    } else if (line.startsWith("    ") && current?.kind !== "list") {
      if (current?.kind !== "code") close();
      current ??= {kind: "code", text: ""};
      if (current.kind === "code") current.text += (current.text ? "\n" : "") + line.slice(4);
    } else if (line.startsWith("- ")) {
      if (current?.kind !== "list") close();
      current ??= {kind: "list", items: []};
      if (current.kind === "list") current.items.push(line.slice(2).trim());
    } else if (current?.kind === "list" && line.startsWith(" ")) {
      current.items[current.items.length - 1] += ` ${line.trim()}`;
    } else {
      if (current?.kind !== "paragraph") close();
      current ??= {kind: "paragraph", text: ""};
      if (current.kind === "paragraph") current.text += (current.text ? " " : "") + line.trim();
    }
  }
  close();
  return blocks;
}

/** Appends `text` to `parent`, with each `code` span as a `<code>` element; all of it as text nodes. */
export function appendInline(parent: Element, text: string): void {
  const document = parent.ownerDocument;
  text.split("`").forEach((part, i) => {
    if (part === "") return;
    if (i % 2 === 1) parent.appendChild(document.createElement("code")).textContent = part;
    else parent.append(document.createTextNode(part));
  });
}

/** The card as elements: `<p>`, `<ul>` and `<pre>`, inside a `<div data-testid="method-card">`. */
export function renderCard(text: string, document: Document = globalThis.document): HTMLElement {
  const card = document.createElement("div");
  card.dataset.testid = "method-card";
  for (const block of cardBlocks(text)) {
    if (block.kind === "code") {
      card.appendChild(document.createElement("pre")).textContent = block.text;
    } else if (block.kind === "list") {
      const list = card.appendChild(document.createElement("ul"));
      for (const item of block.items) appendInline(list.appendChild(document.createElement("li")), item);
    } else {
      appendInline(card.appendChild(document.createElement("p")), block.text);
    }
  }
  return card;
}

/** Where a statement of what was published starts, and where one of our choices starts. */
const PUBLISHED = /\b(?:What [\w-]+ published|Published(?: \[V\])?)(?=[\s:,])/;
const OURS = /\b(?:Ours(?: \[I\])?|Our choices?)(?=[\s:(,])/;

/**
 * The card's statements of what was published and of what is our choice: every passage that starts with
 * "Published" (or "What … published") or with "Ours" / "Our choice", up to the next such start or the end of its
 * block; list items following a passage that ends in a colon belong to it.
 */
export function publishedAndOurs(text: string): {published: string[]; ours: string[]} {
  const found = {published: [] as string[], ours: [] as string[]};
  const blocks = cardBlocks(text);
  blocks.forEach((block, index) => {
    if (block.kind !== "paragraph") return;
    const marker = new RegExp(`${PUBLISHED.source}|${OURS.source}`, "g");
    const starts = [...block.text.matchAll(marker)].map((match) => match.index!);
    starts.forEach((start, i) => {
      let passage = block.text.slice(start, starts[i + 1] ?? block.text.length).trim();
      const next = blocks[index + 1];
      if (passage.endsWith(":") && i === starts.length - 1 && next?.kind === "list") {
        passage += ` ${next.items.map((item) => `• ${item}`).join(" ")}`;
      }
      (passage.startsWith("Our") ? found.ours : found.published).push(passage);
    });
  });
  return found;
}

/** The method's identity and defaults as (name, value) rows: id, display scale, window and each default weight. */
export function methodFacts(method: Method): {name: string; value: string}[] {
  return [
    {name: "id", value: method.id},
    {name: "display score", value: method.scoreLabel},
    {name: "window", value: method.windowDays === undefined ? "all time" : `${method.windowDays} days`},
    ...Object.entries(method.weights ?? {}).map(([key, weight]) => ({name: `weight: ${key}`, value: String(weight)}))
  ];
}
