/**
 * Reading a graph file (GEXF or GraphML) into the model, shared by the `gexf` and `graphml` importers.
 *
 * graphology-gexf's or graphology-graphml's parser reads the document into a `ParsedGraph` (`graph.ts`, which
 * stands in for graphology's `Graph` so that this runs in the browser too): attribute declarations and their
 * types, defaults, labels, weights, directed and undirected edges. Before it does, the document's `<node>` and
 * `<edge>` elements are checked one by one, because the parser would throw for the whole file on the first
 * duplicate node or dangling edge: such elements are reported and removed, so the parser sees only good ones
 * and its nodes and edges match the remaining elements in document order.
 *
 * Records are the `<node>` elements in document order, then the `<edge>` elements (and GraphML's
 * `<hyperedge>` elements); "line" in the report is that 1-based record index, and a rejected record is shown
 * as its element's start tag. Mapping:
 *
 * - node → account. Network: the node's `network` attribute, else the `--network` parameter, else `graph`.
 *   `account_id` = `<network>:<node id>`, or the node id itself when it already starts with `<network>:` (as
 *   `sway export` writes them). handle = the label (else the node id without network), and the attributes
 *   named like model columns: `display_name`, `person_id`, `followers`, `following`, `listed`, `created_at`,
 *   `verified`. Other attributes (positions, colours, sizes, computed metrics) are not part of the model and
 *   are not kept.
 * - edge → interaction from its source to its target (an undirected edge is read in the order written).
 *   kind = the edge's `kind` attribute when it is an interaction kind, else the `--kind` parameter, else
 *   `mention`; weight = `weight`; ts = the attribute `ts`, `timestamp` or `start`, else the element's XML
 *   attribute `start` or `timestamp` (GEXF dynamic graphs), as an ISO 8601 date or unix seconds; an edge
 *   without any time gets the epoch (1970-01-01T00:00:00Z), since the model requires one. Spells
 *   (`<spells>`) are not read. network = the source node's.
 *
 * Skipped: a second node with an id already seen ("duplicate node id"), a second edge with an edge id
 * already seen ("duplicate edge id"), hyperedges. Rejected: nodes without id or whose `network` is not a name,
 * edges without source or target, with an endpoint that is not a node of the file or has no valid network,
 * invalid attribute values (naming the column), times that are not dates. XML is read whole (a DOM, about 25
 * times the file's size in memory), so files over 64 MiB are refused with a message that suggests an edge list
 * instead.
 */
import {InputError, isFolder, readText, type Input, type InputFile} from "../../input.js";
import type {SourceRecorder, Sink} from "../../report.js";
import {INTERACTION_KINDS, type InteractionKind, type RowOf, type TableRow} from "../../schema.js";
import type {ImportOptions} from "../importer.js";
import {ParsedGraph} from "./graph.js";
import {bool, count, date, real, text} from "./values.js";
import {describeElement, elements, parseXml, remove, type XmlDocument} from "./xml.js";

/** A graph class the parsers accept: graphology's, or `ParsedGraph`. */
export type GraphClass<G> = new (options: {type: string}) => G;

type Parse = <G>(Graph: GraphClass<G>, source: Document, options?: Record<string, boolean>) => G;

/** What differs between GEXF and GraphML. */
export interface GraphFormat {
  /** The importer's name. */
  readonly name: string;
  /** The format's name in messages. */
  readonly title: string;
  /** The document element's local name. */
  readonly root: string;
  /** The package's `createParserFunction(DOMParser, Document)`. */
  readonly parser: (domParser: unknown, document: unknown) => Parse;
  readonly parserOptions: Record<string, boolean>;
  /** Fixes up the document for the parser before it runs. */
  readonly prepare?: (document: Document) => void;
  /** Elements that are records the model has no place for, skipped with the reason. */
  readonly unsupported?: {readonly tag: string; readonly reason: string};
}

const DEFAULT_NETWORK = "graph";
const NETWORK = /^[^:\s]+$/;
const KINDS = new Set<string>(INTERACTION_KINDS);
const EPOCH = new Date(0);

/**
 * The largest document read. The DOM takes about 25 times the file's size (xmldom: some 5 KB per node or
 * edge of a Gephi file), so 64 MiB of XML (some 150,000 nodes and edges) already needs about 2 GB.
 */
const MAX_TEXT = 64 * 2 ** 20;

function tooLarge(name: string, size: number): never {
  const mib = Math.ceil(size / 2 ** 20);
  throw new InputError(
    `${name}: ${mib} MiB of XML is more than the 64 MiB read here (the whole document is held in memory); ` +
      "write the graph as an edge list and import that (sway import edgelist)"
  );
}

/** `detect` for a format: its root element near the start of the text. */
export function detectRoot(root: string, title: string, text: string): string | undefined {
  const start = text.replace(/^\uFEFF?\s*(?:<\?xml[^>]*\?>\s*)?(?:(?:<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)\s*)*/, "");
  return new RegExp(`^<(?:[\\w.-]+:)?${root}[\\s>/]`).test(start)
    ? `an XML document whose root element is <${root}> (${title})`
    : undefined;
}

export async function readGraphFile(
  format: GraphFormat,
  input: Input,
  sink: Sink,
  {onProgress, params = {}}: ImportOptions
): Promise<void> {
  if (isFolder(input)) throw new InputError(`${input.name}: ${format.name} reads one file, not a folder`);
  const defaultNetwork = params.network ?? DEFAULT_NETWORK;
  if (!NETWORK.test(defaultNetwork)) {
    throw new InputError(`--network "${defaultNetwork}" is not a network name (no spaces or colons)`);
  }
  if (params.kind !== undefined && !KINDS.has(params.kind)) {
    throw new InputError(`--kind "${params.kind}" is not an interaction kind (${INTERACTION_KINDS.join(", ")})`);
  }
  const defaultKind = (params.kind ?? "mention") as InteractionKind;
  const xml = await readGraphDocument(format, input, onProgress);
  const source = sink.source(format.name, input.name);
  const {nodes, edges} = checkGraphDocument(format, xml.document, source);
  const graph = parseGraph(format, input.name, xml, ParsedGraph);
  if (graph.order !== nodes.length || graph.size !== edges.length) {
    throw new Error(`${format.name}: ${input.name}: the parser read other nodes or edges than the checked ones`);
  }

  // Nodes: the graph keeps them in document order.
  const accounts = new Map<string, {id: string; network: string; handle: string; accepted: boolean}>();
  let n = 0;
  graph.forEachNode((key, attributes) => {
    const {index, element} = nodes[n++]!;
    const network = text(attributes.network) ?? defaultNetwork;
    const native = key.startsWith(`${network}:`) ? key.slice(network.length + 1) : key;
    const account_id = `${network}:${native}`;
    const handle = text(attributes.label) ?? native;
    const entry = {id: account_id, network, handle, accepted: false};
    accounts.set(key, entry);
    if (!NETWORK.test(network)) {
      source.reject(index, "network is not a network name (no spaces or colons)", describeElement(element));
      return;
    }
    const createdAt = attributes.created_at;
    const row = {
      account_id,
      network,
      handle,
      display_name: text(attributes.display_name),
      person_id: text(attributes.person_id),
      followers: count(attributes.followers),
      following: count(attributes.following),
      listed: count(attributes.listed),
      created_at: createdAt == null || createdAt === "" ? null : (date(createdAt) ?? createdAt),
      verified: bool(attributes.verified)
    } as RowOf<"accounts">;
    entry.accepted = source.accept(index, [{table: "accounts", row}], describeElement(element));
  });

  // Edges, in the same order as the checked elements.
  let e = 0;
  graph.forEachEdge((_key, attributes, sourceKey, targetKey) => {
    const {index, element} = edges[e++]!;
    const ends = [element.getAttribute("source"), element.getAttribute("target")];
    if (!ends.includes(sourceKey) || !ends.includes(targetKey)) {
      throw new Error(`${format.name}: ${input.name}: the parser's edge ${e} is not the checked element ${index}`);
    }
    const record = describeElement(element);
    const actor = accounts.get(sourceKey)!;
    const target = accounts.get(targetKey)!;
    if (!NETWORK.test(actor.network) || !NETWORK.test(target.network)) {
      source.reject(index, "edge endpoint has no valid network", record);
      return;
    }
    const time =
      firstPresent(attributes.ts, attributes.timestamp, attributes.start) ??
      firstPresent(element.getAttribute("start"), element.getAttribute("timestamp"));
    const ts = time === undefined ? EPOCH : date(time);
    if (!ts) {
      source.reject(index, "timestamp is not a valid date", record);
      return;
    }
    const kind = typeof attributes.kind === "string" && KINDS.has(attributes.kind) ? attributes.kind : defaultKind;
    const rows: TableRow[] = [];
    // An endpoint whose node was rejected still gets an account, so that the interaction does not dangle.
    for (const end of [actor, target]) {
      if (!end.accepted) {
        rows.push({table: "accounts", row: {account_id: end.id, network: end.network, handle: end.handle}});
      }
    }
    rows.push({
      table: "interactions",
      row: {
        ts,
        network: actor.network,
        actor_id: actor.id,
        target_id: target.id,
        kind: kind as InteractionKind,
        weight: real(attributes.weight)
      } as RowOf<"interactions">
    });
    source.accept(index, rows, record);
  });
}

/** The XML document of `input`, whose root element must be the format's and which must hold a `<graph>`. */
export async function readGraphDocument(
  format: GraphFormat,
  input: InputFile,
  onProgress?: ImportOptions["onProgress"]
): Promise<XmlDocument> {
  if (input.size !== undefined && input.size > MAX_TEXT) tooLarge(input.name, input.size);
  const content = await readText(input, {onProgress: onProgress && ((f) => onProgress(input.name, f))});
  if (content.length > MAX_TEXT) tooLarge(input.name, content.length);
  if (!content.trim()) throw new InputError(`${input.name}: empty file`);
  if (content.includes("\u0000")) throw new InputError(`${input.name}: looks binary, not text`);
  const xml = await parseXml(input.name, content);
  const root = xml.document.documentElement;
  const rootName = root?.localName ?? root?.nodeName;
  if (rootName !== format.root) {
    throw new InputError(`${input.name}: not a ${format.title} file (the root element is <${rootName}>)`);
  }
  if (elements(xml.document, "graph").length === 0) throw new InputError(`${input.name}: no <graph> element`);
  return xml;
}

/**
 * Reports to `source` and removes from `document` the elements the parser must not see (bad nodes and edges,
 * unsupported records), then lets the format fix up the rest; returns the node and edge elements kept.
 */
export function checkGraphDocument(
  format: GraphFormat,
  document: Document,
  source: SourceRecorder
): {nodes: Checked[]; edges: Checked[]} {
  const nodeElements = elements(document, "node");
  const nodes = checkNodes(nodeElements, source);
  const edges = checkEdges(elements(document, "edge"), source, nodeElements.length, new Set(nodes.map((n) => n.id)));
  if (format.unsupported) {
    for (const element of elements(document, format.unsupported.tag)) {
      source.skip(format.unsupported.reason);
      remove(element);
    }
  }
  format.prepare?.(document);
  return {nodes, edges};
}

/** The checked document read by the format's parser into a graph of the class `Graph`. */
export function parseGraph<G>(format: GraphFormat, name: string, xml: XmlDocument, Graph: GraphClass<G>): G {
  try {
    return format.parser(xml.parserClass, xml.documentClass)(Graph, xml.document, format.parserOptions);
  } catch (error) {
    const message = (error as Error).message.replace(/^graphology-\w+\/parser: /, "");
    throw new InputError(`${name}: ${format.title} not readable (${message})`);
  }
}

export interface Checked {
  readonly index: number;
  readonly element: Element;
  readonly id: string;
}

/** Reports and removes nodes without id and repeated node ids; returns the others. */
function checkNodes(nodes: Element[], source: SourceRecorder): Checked[] {
  const kept: Checked[] = [];
  const ids = new Set<string>();
  nodes.forEach((element, i) => {
    const id = element.getAttribute("id");
    if (!id) source.reject(i + 1, "node has no id", describeElement(element));
    else if (ids.has(id)) source.skip("duplicate node id");
    else {
      ids.add(id);
      kept.push({index: i + 1, element, id});
      return;
    }
    remove(element);
  });
  return kept;
}

/**
 * Reports and removes edges without both ends among the nodes, and repeated edge ids; returns the others.
 * Edge records are numbered after all `nodeCount` node elements, kept or not.
 */
function checkEdges(edges: Element[], source: SourceRecorder, nodeCount: number, nodes: Set<string>): Checked[] {
  const kept: Checked[] = [];
  const ids = new Set<string>();
  edges.forEach((element, i) => {
    const index = nodeCount + i + 1;
    const id = element.getAttribute("id") ?? "";
    const from = element.getAttribute("source");
    const to = element.getAttribute("target");
    if (!from || !to) source.reject(index, "edge has no source or target", describeElement(element));
    else if (!nodes.has(from) || !nodes.has(to))
      source.reject(index, "edge endpoint is not a node of the file", describeElement(element));
    else if (id && ids.has(id)) source.skip("duplicate edge id");
    else {
      if (id) ids.add(id);
      kept.push({index, element, id});
      return;
    }
    remove(element);
  });
  return kept;
}

function firstPresent(...values: unknown[]): unknown {
  return values.find((value) => value !== undefined && value !== null && value !== "");
}
