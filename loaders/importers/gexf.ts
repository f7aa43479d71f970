/**
 * GEXF, Gephi's graph file format (GEXF 1.1–1.3, https://gexf.net/ and the schema at
 * https://gexf.net/schema.html), read with graphology-gexf's parser: nodes become accounts and edges
 * interactions, as described in `graph-file/read.ts`. `sway export --format gexf` writes files this reads back.
 */
import createGexfParser from "graphology-gexf/common/parser.js";
import type {Importer} from "./importer.js";
import {detectRoot, readGraphFile, type GraphFormat} from "./graph-file/read.js";

export const GEXF: GraphFormat = {
  name: "gexf",
  title: "GEXF",
  root: "gexf",
  parser: createGexfParser,
  // Attribute values not declared in <attributes> are kept as strings rather than failing the file.
  parserOptions: {allowUndeclaredAttributes: true}
};

export const gexf: Importer = {
  name: "gexf",
  description: "GEXF graph files (Gephi): nodes as accounts, edges as interactions; --network, --kind",
  detect: ({text}) => detectRoot("gexf", "GEXF", text),
  read: (input, sink, options) => readGraphFile(GEXF, input, sink, options)
};
