/**
 * GraphML (http://graphml.graphdrawing.org/) for NetworkX, igraph, Gephi and yEd. graphology-graphml only
 * parses, so the file is written here: one `<key>` per attribute with its GraphML type, a directed graph,
 * nodes and edges with their `<data>`. Texts are escaped, so handles and names can hold any character.
 */
import type {EdgeAttributes, NodeAttributes, WarehouseGraph} from "./graph.js";
import {xmlText} from "./xml-text.js";

type GraphmlType = "string" | "long" | "double" | "boolean";

const NODE_KEYS: [keyof NodeAttributes, GraphmlType][] = [
  ["label", "string"],
  ["network", "string"],
  ["display_name", "string"],
  ["person_id", "string"],
  ["followers", "long"],
  ["following", "long"],
  ["listed", "long"],
  ["created_at", "string"],
  ["verified", "boolean"]
];
const EDGE_KEYS: [keyof EdgeAttributes, GraphmlType][] = [
  ["kind", "string"],
  ["weight", "double"],
  ["ts", "string"]
];

export function toGraphml(graph: WarehouseGraph): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"' +
      ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' +
      ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">'
  ];
  // Key ids are the attribute names prefixed by their domain, so node and edge keys never collide.
  for (const [name, type] of NODE_KEYS)
    out.push(`  <key id="n_${name}" for="node" attr.name="${name}" attr.type="${type}"/>`);
  for (const [name, type] of EDGE_KEYS)
    out.push(`  <key id="e_${name}" for="edge" attr.name="${name}" attr.type="${type}"/>`);
  out.push('  <graph id="sway" edgedefault="directed">');
  graph.forEachNode((key, attributes) => {
    let element = `    <node id="${escape(key)}">\n`;
    for (const [name] of NODE_KEYS) element += data(`n_${name}`, attributes[name]);
    out.push(`${element}    </node>`);
  });
  graph.forEachEdge((key, attributes, source, target) => {
    let element = `    <edge id="${escape(key)}" source="${escape(source)}" target="${escape(target)}">\n`;
    for (const [name] of EDGE_KEYS) element += data(`e_${name}`, attributes[name]);
    out.push(`${element}    </edge>`);
  });
  out.push("  </graph>", "</graphml>", "");
  return out.join("\n");
}

function data(key: string, value: string | number | boolean | undefined): string {
  return value === undefined ? "" : `      <data key="${key}">${escape(String(value))}</data>\n`;
}

// Anything but printable ASCII without markup characters takes the slow path below.
const NEEDS_ESCAPE = /[^\u0020-\u007E]|[&<>"]/;

/** Escapes text for XML content and attribute values (line ends too, which attributes would lose). */
function escape(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return xmlText(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/\r/g, "&#13;")
    .replace(/\n/g, "&#10;")
    .replace(/\t/g, "&#9;");
}
