/**
 * GraphML (http://graphml.graphdrawing.org/, the primer at http://graphml.graphdrawing.org/primer/graphml-primer.html),
 * as Gephi, NetworkX, igraph and yEd write it, read with graphology-graphml's parser: nodes become accounts and
 * edges interactions, as described in `graph-file/read.ts`. A node's label is the data whose key is named
 * `label` (Gephi's and NetworkX's convention; yEd's graphics labels are not read). Hyperedges have no place in
 * the model and are skipped. `sway export --format graphml` writes files this reads back.
 */
import createGraphmlParser from "graphology-graphml/common/parser.js";
import {elements, remove} from "./graph-file/xml.js";
import {detectRoot, readGraphFile, type GraphFormat} from "./graph-file/read.js";
import type {Importer} from "./importer.js";

const TYPES = new Set(["boolean", "int", "long", "float", "double", "string"]);

export const GRAPHML: GraphFormat = {
  name: "graphml",
  title: "GraphML",
  root: "graphml",
  parser: createGraphmlParser,
  parserOptions: {},
  unsupported: {tag: "hyperedge", reason: "hyperedge: not part of the model"},
  prepare(document) {
    // graphology-graphml knows keys for graph, node and edge only, and crashes on others: a key for "all" (the
    // default when `for` is absent) is given to nodes and edges, keys for ports or the whole file are dropped.
    for (const key of elements(document, "key")) {
      const domain = key.getAttribute("for") || "all";
      if (!TYPES.has(key.getAttribute("attr.type") ?? "string")) key.setAttribute("attr.type", "string");
      if (domain === "all") {
        key.setAttribute("for", "node");
        const copy = key.cloneNode(true) as Element;
        copy.setAttribute("for", "edge");
        key.parentNode?.insertBefore(copy, key.nextSibling);
      } else if (domain !== "graph" && domain !== "node" && domain !== "edge") {
        remove(key);
      }
    }
  }
};

export const graphml: Importer = {
  name: "graphml",
  description:
    "GraphML graph files (Gephi, NetworkX, igraph): nodes as accounts, edges as interactions; --network, --kind",
  detect: ({text}) => detectRoot("graphml", "GraphML", text),
  read: (input, sink, options) => readGraphFile(GRAPHML, input, sink, options)
};
