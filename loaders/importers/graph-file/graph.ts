/**
 * The graph that graphology-gexf's and graphology-graphml's parsers build, in place of graphology's `Graph`.
 *
 * graphology imports Node's `events` module, which the site's bundler (Framework 1.13) leaves as a bare import
 * that browsers cannot resolve, so the importers could not run in the page. The parsers take their graph class as
 * an argument, recognise it by duck typing and call only a few of its methods: `ParsedGraph` is those methods,
 * with graphology's behaviour for a multi graph (the parsers then never test for parallel edges): nodes and edges
 * kept in insertion order, edges merged by key, the same errors for the same misuse. The tests check that it
 * gives the same nodes, edges and attributes as graphology's `MultiGraph` for every fixture.
 *
 * One difference: `copy()` moves the data to the copy instead of duplicating it, and the graph copied can no
 * longer be used. The parsers copy to upgrade a graph to the mixed type and only use the copy afterwards;
 * graphology-graphml copies once per edge after the first edge of another type, which duplicating would make
 * quadratic.
 */

export type Attributes = Record<string, unknown>;
export type GraphType = "directed" | "undirected" | "mixed";

const TYPES = new Set<string>(["directed", "undirected", "mixed"]);

interface Edge {
  readonly key: string;
  readonly source: string;
  readonly target: string;
  readonly undirected: boolean;
  readonly attributes: Attributes;
}

interface Store {
  attributes: Attributes;
  readonly nodes: Map<string, Attributes>;
  readonly edges: Map<string, Edge>;
  generatedKeys: number;
}

/** `[key, edge added, source added, target added]`, as graphology's merge methods return. */
/** The callback of `forEachEdge`, with graphology's arguments. */
export type EdgeVisitor = (
  edge: string,
  attributes: Attributes,
  source: string,
  target: string,
  sourceAttributes: Attributes,
  targetAttributes: Attributes,
  undirected: boolean
) => void;

export type MergeResult = [string, boolean, boolean, boolean];

export class ParsedGraph {
  readonly type: GraphType;
  readonly multi = true;
  #store: Store | undefined = {attributes: {}, nodes: new Map(), edges: new Map(), generatedKeys: 0};

  constructor({type = "mixed"}: {type?: string} = {}) {
    if (!TYPES.has(type)) {
      throw new Error(
        `Graph.constructor: invalid 'type' option. Should be one of "mixed", "directed" or "undirected" but got "${type}".`
      );
    }
    this.type = type as GraphType;
  }

  get #data(): Store {
    if (!this.#store) throw new Error("graph-file: this graph was copied; its data is in the copy");
    return this.#store;
  }

  get order(): number {
    return this.#data.nodes.size;
  }

  get size(): number {
    return this.#data.edges.size;
  }

  getAttributes(): Attributes {
    return this.#data.attributes;
  }

  replaceAttributes(attributes: Attributes): void {
    this.#data.attributes = attributes;
  }

  setAttribute(name: string, value: unknown): void {
    this.#data.attributes[name] = value;
  }

  mergeAttributes(attributes: Attributes): void {
    Object.assign(this.#data.attributes, attributes);
  }

  addNode(node: unknown, attributes: Attributes = {}): string {
    const key = String(node);
    const {nodes} = this.#data;
    if (nodes.has(key)) throw new Error(`Graph.addNode: the "${key}" node already exist in the graph.`);
    nodes.set(key, attributes);
    return key;
  }

  /** A graph of `type` (the same, or mixed) holding this one's nodes and edges, which this one gives up. */
  copy({type = this.type, multi = true}: {type?: string; multi?: boolean} = {}): ParsedGraph {
    if (type !== this.type && type !== "mixed") {
      throw new Error(
        `Graph.copy: cannot create an incompatible copy from "${this.type}" type to "${type}" because this would mean losing information about the current graph.`
      );
    }
    if (!multi) {
      throw new Error(
        "Graph.copy: cannot create an incompatible copy by downgrading a multi graph to a simple one because this would mean losing information about the current graph."
      );
    }
    const copy = new ParsedGraph({type});
    copy.#store = this.#data;
    this.#store = undefined;
    return copy;
  }

  mergeDirectedEdge(source: unknown, target: unknown, attributes?: Attributes): MergeResult {
    return this.#merge("mergeDirectedEdge", false, undefined, source, target, attributes);
  }

  mergeDirectedEdgeWithKey(edge: unknown, source: unknown, target: unknown, attributes?: Attributes): MergeResult {
    return this.#merge("mergeDirectedEdgeWithKey", false, String(edge), source, target, attributes);
  }

  mergeUndirectedEdge(source: unknown, target: unknown, attributes?: Attributes): MergeResult {
    return this.#merge("mergeUndirectedEdge", true, undefined, source, target, attributes);
  }

  mergeUndirectedEdgeWithKey(edge: unknown, source: unknown, target: unknown, attributes?: Attributes): MergeResult {
    return this.#merge("mergeUndirectedEdgeWithKey", true, String(edge), source, target, attributes);
  }

  forEachNode(callback: (node: string, attributes: Attributes) => void): void {
    for (const [key, attributes] of this.#data.nodes) callback(key, attributes);
  }

  /** Visits the edges in insertion order; the callback's arguments are graphology's. */
  forEachEdge(callback: EdgeVisitor): void {
    const {nodes, edges} = this.#data;
    for (const {key, attributes, source, target, undirected} of edges.values()) {
      callback(key, attributes, source, target, nodes.get(source)!, nodes.get(target)!, undirected);
    }
  }

  // graphology-utils recognises a graph (class) by these two methods; the parsers never call them.
  addUndirectedEdgeWithKey(): never {
    throw new Error("graph-file: edges are added by merging");
  }

  dropNode(): never {
    throw new Error("graph-file: nodes are never dropped");
  }

  /**
   * graphology's `mergeEdge` for a multi graph: an edge whose key exists (with the same ends) takes the new
   * attributes; otherwise the edge is added, and its missing ends as nodes without attributes.
   */
  #merge(
    name: string,
    undirected: boolean,
    key: string | undefined,
    sourceNode: unknown,
    targetNode: unknown,
    attributes: Attributes = {}
  ): MergeResult {
    if (undirected ? this.type === "directed" : this.type === "undirected") {
      const [kind, other, adder] = undirected
        ? ["an undirected", "a directed", "addDirectedEdge"]
        : ["a directed", "an undirected", "addUndirectedEdge"];
      throw new Error(
        `Graph.${name}: you cannot merge/update ${kind} edge to ${other} graph. Use the #.mergeEdge/#.updateEdge or #.${adder} instead.`
      );
    }
    const source = String(sourceNode);
    const target = String(targetNode);
    const data = this.#data;
    const existing = key === undefined ? undefined : data.edges.get(key);
    if (existing) {
      const same = existing.source === source && existing.target === target;
      const flipped = undirected && existing.source === target && existing.target === source;
      if (!same && !flipped) {
        throw new Error(
          `Graph.${name}: inconsistency detected when attempting to merge the "${key}" edge with "${source}" source & "${target}" target vs. ("${existing.source}", "${existing.target}").`
        );
      }
      Object.assign(existing.attributes, attributes);
      return [existing.key, false, false, false];
    }
    const sourceAdded = !data.nodes.has(source);
    const targetAdded = !data.nodes.has(target);
    for (const end of [source, target]) if (!data.nodes.has(end)) data.nodes.set(end, {});
    // A NUL character cannot occur in an XML document, so a generated key never meets a key from the file.
    const edgeKey = key ?? `\u0000${data.generatedKeys++}`;
    data.edges.set(edgeKey, {key: edgeKey, source, target, undirected, attributes});
    return [edgeKey, true, sourceAdded, targetAdded];
  }
}
