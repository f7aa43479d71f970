/**
 * GEXF 1.2 (https://gexf.net/) for Gephi, written by graphology-gexf's writer. Node labels, edge kinds and
 * weights become GEXF's own attributes (`label`, `kind`, `weight`); every other attribute is declared in
 * `<attributes>` with the type graphology infers from the values. Texts lose the characters XML cannot
 * hold (the writer escapes markup but would pass control characters through).
 */
import {write} from "graphology-gexf";
import type {EdgeAttributes, NodeAttributes, WarehouseGraph} from "./graph.js";
import {xmlText} from "./xml-text.js";

export function toGexf(graph: WarehouseGraph): string {
  return write(graph, {
    version: "1.2",
    pretty: true,
    formatNode: (_key, {label, ...attributes}: NodeAttributes) => ({
      label: xmlText(label),
      attributes: clean(attributes)
    }),
    formatEdge: (_key, {kind, weight, ...attributes}: EdgeAttributes) => ({kind, weight, attributes: clean(attributes)})
  });
}

function clean<T extends object>(attributes: T): T {
  const out = {...attributes} as Record<string, unknown>;
  for (const [name, value] of Object.entries(out)) if (typeof value === "string") out[name] = xmlText(value);
  return out as T;
}
