/**
 * The network explorer's picture: an SVG of the ego network drawn with d3 at the positions `egoLayout` gives.
 * Each account is a circle sized by its score and coloured by its community, a focusable button whose
 * accessible name and tooltip carry its handle (as text: `.text()` and attributes, never markup); a click or
 * Enter re-centres the network on it, and dragging moves it. Each tie is a line per interaction kind, coloured
 * by kind and bent apart when a pair has several kinds.
 */
import {drag, scaleOrdinal, schemeDark2, schemeTableau10, select} from "d3";
import {REACTION_KINDS} from "../scoring/features/activity.js";
import {formatNumber} from "./overview.js";
import type {EgoEdge, EgoNetwork, EgoNode} from "./network.js";

/** What the figure needs to name an account. */
export interface AccountName {
  handle: string;
  network: string;
}

/** Reaction kinds in seven colours of Dark2; any other kind (follow, rating) in its grey. */
const KIND_COLOURS = scaleOrdinal<string, string>()
  .domain(REACTION_KINDS)
  .range(schemeDark2.slice(0, REACTION_KINDS.length))
  .unknown(schemeDark2[7]!);

/** The colour of an interaction kind's lines. */
export function kindColour(kind: string): string {
  return KIND_COLOURS(kind);
}

/** The colour of community `index` (0 = the largest): ten colours, then grey for every smaller community. */
export function communityColour(index: number): string {
  return schemeTableau10[index] ?? "#bab0ac";
}

export const RADIUS_RANGE = [3, 12] as const;

/**
 * A circle's radius for `score` when the method's scores span [min, max]: its area grows linearly with the
 * score, from the smallest radius at `min` to the largest at `max`; no score (the method did not score the
 * account) or a flat range gives the smallest.
 */
export function nodeRadius(score: number | undefined, {min, max}: {min: number; max: number}): number {
  const [smallest, largest] = RADIUS_RANGE;
  if (score === undefined || !(max > min)) return smallest;
  const share = Math.min(1, Math.max(0, (score - min) / (max - min)));
  return Math.sqrt(smallest ** 2 + share * (largest ** 2 - smallest ** 2));
}

export interface FigureOptions {
  positions: ReadonlyMap<string, {x: number; y: number}>;
  communities: ReadonlyMap<string, number>;
  names: (accountId: string) => AccountName;
  score: (accountId: string) => number | undefined;
  radius: (accountId: string) => number;
  /** Called with the account a reader clicks or presses Enter on. */
  onCentre: (accountId: string) => void;
  /** How many accounts, the highest scores first, carry a visible label besides the centre. */
  labels?: number;
  width?: number;
  document?: Document;
}

const BEND = 10;

/** The ego network as an SVG element, `data-testid="network"`, one `g[data-account]` per account. */
export function networkFigure(network: EgoNetwork, options: FigureOptions): SVGSVGElement {
  const {positions, communities, names, score, radius, onCentre, labels = 12, width = 640} = options;
  const document = options.document ?? globalThis.document;
  // Dragging moves an account (the layout is not run again), so positions are the figure's own from here on.
  const placed = new Map(positions);
  const position = (id: string) => placed.get(id)!;

  const xs = network.nodes.flatMap((node) => [
    position(node.account_id).x - radius(node.account_id),
    position(node.account_id).x + radius(node.account_id)
  ]);
  const ys = network.nodes.flatMap((node) => [
    position(node.account_id).y - radius(node.account_id),
    position(node.account_id).y + radius(node.account_id)
  ]);
  // Room around the drawing for labels, which run to the right of their circle.
  const pad = 24;
  const [left, right] = [Math.min(...xs) - pad, Math.max(...xs) + 5 * pad];
  const [top, bottom] = [Math.min(...ys) - pad, Math.max(...ys) + pad];

  const svg = select(document.createElementNS("http://www.w3.org/2000/svg", "svg"))
    .attr("data-testid", "network")
    .attr("viewBox", [left, top, right - left, bottom - top].join(" "))
    .attr("width", width)
    .attr("height", Math.min(width, 720))
    .attr("role", "group")
    .attr("aria-label", `Interaction network around ${names(network.centre).handle}`)
    .style("max-width", "100%")
    .style("height", "auto")
    .style("font", "11px var(--sans-serif)");

  // One line per pair and kind; a pair's kinds bend apart symmetrically, so none hides another.
  const kindsOfPair = new Map<string, string[]>();
  for (const edge of network.edges) {
    const key = JSON.stringify([edge.source, edge.target]);
    kindsOfPair.set(key, [...(kindsOfPair.get(key) ?? []), edge.kind]);
  }
  const bend = (edge: EgoEdge) => {
    const kinds = kindsOfPair.get(JSON.stringify([edge.source, edge.target]))!;
    return (kinds.indexOf(edge.kind) - (kinds.length - 1) / 2) * BEND;
  };
  const edgePath = (edge: EgoEdge) => {
    const a = position(edge.source);
    const b = position(edge.target);
    const length = Math.hypot(b.x - a.x, b.y - a.y) || 1;
    const offset = 2 * bend(edge);
    const cx = (a.x + b.x) / 2 - ((b.y - a.y) / length) * offset;
    const cy = (a.y + b.y) / 2 + ((b.x - a.x) / length) * offset;
    return `M${a.x},${a.y}Q${cx},${cy} ${b.x},${b.y}`;
  };
  const edgeTitle = (edge: EgoEdge) => {
    const [source, target] = [names(edge.source).handle, names(edge.target).handle];
    const parts = [];
    if (edge.forward > 0) parts.push(`${source} → ${target}: ${formatNumber(edge.forward)}`);
    if (edge.backward > 0) parts.push(`${target} → ${source}: ${formatNumber(edge.backward)}`);
    return `${edge.kind}, ${parts.join("; ")}`;
  };
  const edges = svg
    .append("g")
    .attr("fill", "none")
    .attr("stroke-opacity", 0.65)
    .selectAll<SVGPathElement, EgoEdge>("path")
    .data(network.edges)
    .join("path")
    .attr("data-kind", (edge) => edge.kind)
    .attr("stroke", (edge) => kindColour(edge.kind))
    .attr("stroke-width", (edge) => Math.min(5, 0.75 + Math.sqrt(edge.forward + edge.backward) / 2))
    .attr("d", edgePath);
  edges.append("title").text(edgeTitle);

  const labelled = new Set([
    network.centre,
    ...network.nodes
      .filter((node) => node.account_id !== network.centre && score(node.account_id) !== undefined)
      .sort((a, b) => score(b.account_id)! - score(a.account_id)!)
      .slice(0, labels)
      .map((node) => node.account_id)
  ]);
  const describe = (id: string, hop: number) => {
    const {handle, network: site} = names(id);
    const value = score(id);
    return [
      `${handle} (${site})`,
      value === undefined ? "not scored" : `score ${formatNumber(value)}`,
      `community ${communities.get(id)! + 1}`,
      hop === 0 ? "the centre" : `${hop} ${hop === 1 ? "hop" : "hops"} from the centre`
    ].join(", ");
  };
  const nodes = svg
    .append("g")
    .selectAll<SVGGElement, EgoNode>("g")
    .data(network.nodes)
    .join("g")
    .attr("data-account", (node) => node.account_id)
    .attr("transform", (node) => `translate(${position(node.account_id).x},${position(node.account_id).y})`)
    .attr("tabindex", 0)
    .attr("role", "button")
    .attr("aria-label", (node) => describe(node.account_id, node.hop))
    .style("cursor", "pointer")
    .on("click", (_event, node) => onCentre(node.account_id))
    .on("keydown", (event: KeyboardEvent, node) => {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      onCentre(node.account_id);
    });
  nodes
    .append("circle")
    .attr("r", (node) => radius(node.account_id))
    .attr("fill", (node) => communityColour(communities.get(node.account_id)!))
    .attr("stroke", "var(--theme-background, white)")
    .attr("stroke-width", (node) => (node.hop === 0 ? 3 : 1.5));
  nodes.append("title").text((node) => describe(node.account_id, node.hop));
  nodes
    .filter((node) => labelled.has(node.account_id))
    .append("text")
    .attr("x", (node) => radius(node.account_id) + 3)
    .attr("dy", "0.35em")
    .attr("fill", "currentColor")
    .attr("stroke", "var(--theme-background, white)")
    .attr("stroke-width", 3)
    .attr("paint-order", "stroke")
    .style("font-weight", (node) => (node.hop === 0 ? "bold" : null))
    .text((node) => names(node.account_id).handle);
  // Labelled accounts are drawn last, so that no circle hides their labels.
  nodes.filter((node) => labelled.has(node.account_id)).raise();

  // A drag moves the account and its lines; d3-drag keeps a drag from also counting as a click.
  nodes.call(
    drag<SVGGElement, EgoNode>().on("drag", function (event, node) {
      placed.set(node.account_id, {x: event.x, y: event.y});
      select(this).attr("transform", `translate(${event.x},${event.y})`);
      edges.filter((edge) => edge.source === node.account_id || edge.target === node.account_id).attr("d", edgePath);
    })
  );
  return svg.node()!;
}

/** A legend of swatches and labels (`data-testid`), the labels as text. */
export function swatches(
  items: readonly {label: string; colour: string}[],
  {testid, line = false, document = globalThis.document}: {testid: string; line?: boolean; document?: Document}
): HTMLElement {
  const legend = document.createElement("div");
  legend.dataset.testid = testid;
  legend.className = "sway-swatches";
  for (const {label, colour} of items) {
    const item = legend.appendChild(document.createElement("span"));
    const swatch = item.appendChild(document.createElement("span"));
    swatch.className = line ? "sway-swatch sway-swatch-line" : "sway-swatch";
    swatch.style.background = colour;
    item.append(document.createTextNode(label));
  }
  return legend;
}
