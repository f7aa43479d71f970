/**
 * `ParsedGraph` stands in for graphology's `Graph` when graphology-gexf's and graphology-graphml's parsers read a
 * file: for every GEXF and GraphML fixture, and for documents that take the parsers down their other paths
 * (edges without ids, parallel edges, loops, graph attributes, upgrades to a mixed graph), the parsers must build
 * the same graph with it as with graphology's `MultiGraph`, the class the importers used before.
 */
import {readdirSync} from "node:fs";
import {extname, join} from "node:path";
import {MultiGraph} from "graphology";
import {describe, expect, it} from "vitest";
import {BrowserWriter} from "../../../../loaders/browser-writer.js";
import {GEXF} from "../../../../loaders/importers/gexf.js";
import {ParsedGraph, type Attributes, type EdgeVisitor} from "../../../../loaders/importers/graph-file/graph.js";
import {
  checkGraphDocument,
  parseGraph,
  readGraphDocument,
  type GraphClass,
  type GraphFormat
} from "../../../../loaders/importers/graph-file/read.js";
import {GRAPHML} from "../../../../loaders/importers/graphml.js";
import {bytesInput, type InputFile} from "../../../../loaders/input.js";
import {fileInput} from "../../../../loaders/node-input.js";

const FIXTURES = join(import.meta.dirname, "..", "..", "..", "fixtures");
const FORMATS: Record<string, GraphFormat> = {".gexf": GEXF, ".graphml": GRAPHML};

/** What the importers read of a graph, common to graphology's and ours. */
interface ReadGraph {
  readonly type: string;
  readonly order: number;
  readonly size: number;
  getAttributes(): Attributes;
  forEachNode(callback: (node: string, attributes: Attributes) => void): void;
  forEachEdge(callback: EdgeVisitor): void;
}

/** Keys the graph made up for edges without an id: graphology's and ours differ, and nothing reads them. */
const generated = (key: string) => key.startsWith("geid_") || key.startsWith("\u0000");

function contents(graph: ReadGraph) {
  const nodes: [string, Attributes][] = [];
  graph.forEachNode((key, attributes) => nodes.push([key, attributes]));
  const edges: unknown[] = [];
  graph.forEachEdge((key, attributes, source, target, sourceAttributes, targetAttributes, undirected) =>
    edges.push({
      key: generated(key) ? null : key,
      attributes,
      source,
      target,
      sourceAttributes,
      targetAttributes,
      undirected
    })
  );
  return {type: graph.type, order: graph.order, size: graph.size, attributes: graph.getAttributes(), nodes, edges};
}

/** `input` read, checked and parsed as the importers do, into a graph of the class `Graph`. */
async function parsed(format: GraphFormat, input: InputFile, Graph: GraphClass<ReadGraph>): Promise<ReadGraph> {
  const xml = await readGraphDocument(format, input);
  checkGraphDocument(format, xml.document, new BrowserWriter().source(format.name, input.name));
  return parseGraph(format, input.name, xml, Graph);
}

// graphology's constructor declares its `type` option as the union of graph types; the parsers pass a string.
const Graphology = MultiGraph as unknown as GraphClass<ReadGraph>;

async function expectSameGraph(format: GraphFormat, input: () => InputFile) {
  const ours = await parsed(format, input(), ParsedGraph);
  const theirs = await parsed(format, input(), Graphology);
  expect(ours.order + ours.size).toBeGreaterThan(0);
  expect(contents(ours)).toEqual(contents(theirs));
}

const fixtures = readdirSync(FIXTURES, {recursive: true, encoding: "utf8"})
  .filter((path) => extname(path) in FORMATS)
  .sort();

describe("ParsedGraph", () => {
  it("finds a GEXF and a GraphML fixture", () => {
    expect(fixtures).toEqual(expect.arrayContaining(["gexf/network.gexf", "graphml/network.graphml"]));
  });

  it.each(fixtures)("gives the parser's graph of fixtures/%s as graphology does", async (path) => {
    await expectSameGraph(FORMATS[extname(path)]!, () => fileInput(join(FIXTURES, path)));
  });

  const DOCUMENTS: [string, string, string][] = [
    [
      "GEXF: undirected by default, edges without ids, parallel edges, a loop, meta and viz data",
      ".gexf",
      `<gexf xmlns:viz="http://gexf.net/1.3/viz" version="1.3">
        <meta lastmodifieddate="2024-01-02"><creator>hand</creator><keywords>a, b</keywords></meta>
        <graph>
          <attributes class="edge"><attribute id="k" title="kind" type="string"><default>like</default></attribute></attributes>
          <nodes>
            <node id="a" label="ann"><viz:color r="1" g="2" b="3" a="0.5"/><viz:shape value="disc"/></node>
            <node id="b"><viz:position x="1" y="2" z="3"/></node>
          </nodes>
          <edges>
            <edge source="a" target="b" weight="2"/>
            <edge source="b" target="a"><viz:thickness value="4"/></edge>
            <edge source="a" target="a"/>
            <edge id="e" source="a" target="b" kind="reply"/>
          </edges>
        </graph>
      </gexf>`
    ],
    [
      "GEXF: a directed first edge, then undirected and mutual ones (a mixed graph)",
      ".gexf",
      `<gexf version="1.2"><graph defaultedgetype="mutual"><nodes><node id="1"/><node id="2"/><node id="3"/></nodes>
        <edges><edge id="0" source="1" target="2" type="directed"/><edge id="1" source="2" target="3"/>
        <edge source="3" target="1" type="directed"/><edge id="3" source="1" target="2" type="mutual"/></edges>
      </graph></gexf>`
    ],
    [
      "GraphML: graph data, directed edges in an undirected graph, parallel edges, a loop, colours",
      ".graphml",
      `<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
        <key id="g" for="graph" attr.name="title" attr.type="string"/>
        <key id="r" for="node" attr.name="r" attr.type="int"/><key id="gr" for="node" attr.name="g" attr.type="int"/>
        <key id="b" for="node" attr.name="b" attr.type="int"/>
        <key id="w" for="edge" attr.name="weight" attr.type="float"><default>1.5</default></key>
        <graph id="G" edgedefault="undirected">
          <data key="g">a title</data>
          <node id="x"><data key="r">255</data><data key="gr">16</data><data key="b">0</data></node>
          <node id="y"><data key="unknown">kept as text</data></node>
          <edge source="x" target="y"/>
          <edge source="y" target="x" directed="true"><data key="w">2</data></edge>
          <edge id="p" source="x" target="y" directed="true"/>
          <edge source="y" target="y"/>
          <edge source="x" target="y"/>
        </graph>
      </graphml>`
    ]
  ];

  it.each(DOCUMENTS)("gives the parser's graph as graphology does for %s", async (_, extension, document) => {
    await expectSameGraph(FORMATS[extension]!, () => bytesInput(`graph${extension}`, document));
  });

  it("refuses a graph type graphology refuses, with graphology's message", async () => {
    const document = `<gexf><graph defaultedgetype="sideways"><nodes><node id="1"/></nodes><edges><edge source="1" target="1"/></edges></graph></gexf>`;
    const message = (Graph: GraphClass<ReadGraph>) =>
      parsed(GEXF, bytesInput("odd.gexf", document), Graph).then(
        () => "",
        (error: Error) => error.message
      );
    const expected = await message(Graphology);
    expect(expected).toMatch(/^odd\.gexf: GEXF not readable \(Graph\.constructor: invalid 'type' option/);
    expect(await message(ParsedGraph)).toBe(expected);
  });

  it("moves its data to a copy, after which the graph copied cannot be used", () => {
    const graph = new ParsedGraph({type: "directed"});
    graph.addNode("a", {label: "ann"});
    graph.mergeDirectedEdgeWithKey("e", "a", "b", {weight: 1});
    const copy = graph.copy({type: "mixed"});
    expect(contents(copy)).toMatchObject({type: "mixed", order: 2, size: 1});
    expect(() => graph.order).toThrow("graph-file: this graph was copied; its data is in the copy");
    expect(() => graph.addNode("c")).toThrow("graph-file: this graph was copied");
  });

  it("merges an edge whose key exists and refuses one whose ends differ, as graphology does", () => {
    for (const Graph of [ParsedGraph, MultiGraph]) {
      const graph = new Graph({type: "mixed"});
      graph.addNode("a");
      expect(graph.mergeUndirectedEdgeWithKey("e", "a", "b", {weight: 1})).toEqual(["e", true, false, true]);
      expect(graph.mergeUndirectedEdgeWithKey("e", "b", "a", {kind: "like"})).toEqual(["e", false, false, false]);
      expect(graph.mergeDirectedEdge("c", "c")).toEqual([expect.any(String), true, true, true]);
      expect(() => graph.mergeUndirectedEdgeWithKey("e", "a", "c")).toThrow(
        'Graph.mergeUndirectedEdgeWithKey: inconsistency detected when attempting to merge the "e" edge'
      );
      expect(() => graph.addNode("a")).toThrow('Graph.addNode: the "a" node already exist in the graph.');
      const attributes: Attributes[] = [];
      graph.forEachEdge((_key, edgeAttributes) => attributes.push(edgeAttributes));
      expect(attributes).toEqual([{weight: 1, kind: "like"}, {}]);
    }
  });
});
