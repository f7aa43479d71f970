/**
 * Edge lists: one edge per line, `src dst [weight] [ts]`, the form most public network datasets come in.
 *
 * - SNAP (https://snap.stanford.edu/data/): whitespace- or tab-separated, maybe under `#` comment lines
 *   (wiki-Vote; email-Eu-core, CollegeMsg have none), or CSV without header (soc-sign-bitcoin-otc).
 * - KONECT (http://konect.cc/, file format: http://konect.cc/files/): `out.<name>` files, `%` comment lines,
 *   then `from to [weight [ts]]` separated by whitespace. A folder or archive holding a KONECT release is read
 *   through its `out.*` file(s).
 * - CSV/TSV from spreadsheets, pandas or R: maybe a header line, maybe quoted fields.
 *
 * Lines end in LF or CRLF (stray extra CRs are tolerated), the last one may lack its end; whitespace around a
 * line is ignored. Comment lines (first character `#` or `%`) and blank lines are skipped, each counted under its reason; so is one header
 * line before the first edge (see `header.ts`). Line numbers in the report are 1-based physical lines.
 *
 * Settings (`options.params`, from the command line):
 * - `columns`: what each column holds, comma-separated: `src` and `dst` (required, node ids), `weight`,
 *   `rating` (a weight whose default kind is `rating`, e.g. Bitcoin OTC's −10…+10 trust), `ts`, and `_` for a
 *   column to ignore. Default, from the field count of the first data line: 2 → `src,dst`; 3 → `src,dst,ts`
 *   if the third field looks like a time (unix seconds of 9+ digits, i.e. from 1973 on, or ISO 8601), else
 *   `src,dst,weight`; 4 → `src,dst,weight,ts` (KONECT's `from to weight ts`); more → `--columns` is required.
 * - `kind`: the interaction kind of every edge (one of `INTERACTION_KINDS`); default `mention`, or `rating`
 *   when a column is `rating`. With `follow`, each edge also becomes a `follows` row (since = its time, if any).
 * - `network`: the network of every account (default `edgelist`).
 * - `delimiter`: `tab`, `comma`, `space` (runs of spaces and tabs), `semicolon`, `pipe` or one punctuation
 *   character; default, per file, from its first line that is not a comment: a tab if it has one, else a
 *   comma if it has one, else runs of whitespace.
 *
 * Mapping: every node becomes an account `<network>:<id>` with the id as handle (node ids are any non-empty
 * text without whitespace: numbers in SNAP and KONECT, names elsewhere); every edge becomes one interaction
 * `src → dst` of the kind, with `weight` from the weight/rating column (none otherwise). Repeated edges are
 * repeated interactions (CollegeMsg's repeated messages) and self-loops are kept (KONECT's Digg replies have
 * 1,424): whether they count is scoring's decision, not the importer's.
 *
 * Time: `ts` is unix seconds (integer or decimal) or ISO 8601 (without a zone: UTC). A static graph (no `ts`
 * column: wiki-Vote, email-Eu-core) has no time, yet `interactions.ts` is required; its edges get the unix
 * epoch, 1970-01-01T00:00:00Z, as "time unknown". Every edge of such a file then sits at the same instant, so
 * unwindowed scores see the whole graph, and a dated window (anything after 1970) sees none of it rather than an
 * arbitrary part. (`follows.since` stays empty instead: a follow graph without times says nothing of since.)
 *
 * Rejected, with the line: a wrong number of fields (`expected 3 fields, found 2`), an empty node id or one
 * with whitespace (`src is empty`), a weight that is not a number (`weight is not a number`), a time that is
 * neither form (`ts is not unix seconds or ISO 8601`) or names no real date (`timestamp is not a valid date`:
 * 30 February, a year after 9999 such as milliseconds read as seconds).
 */
import {InputError, isFolder, readLineBatches, type Input, type InputFile} from "../../input.js";
import type {Edge, Sink, SourceRecorder} from "../../report.js";
import type {ImportOptions, Importer} from "../importer.js";
import {detectEdgeList} from "./detect.js";
import {detectDelimiter, nodeIdProblem, parseNumber, parseTimestamp, splitFields, type Delimiter} from "./fields.js";
import {isHeader} from "./header.js";
import {defaultLayout, kindOf, settingsOf, type Layout, type Role, type Settings} from "./settings.js";

const NAME = "edgelist";
/** The time of every edge of a file without a `ts` column: "unknown", see the module header. */
const TIME_UNKNOWN = 0;
const KONECT_DATA_FILE = /(^|\/)out\.[^/]+$/;

export const edgelist: Importer = {
  name: NAME,
  description: "edge lists (SNAP, KONECT, CSV/TSV): `src dst [weight] [ts]`; --columns, --kind, --network, --delimiter",
  detect: detectEdgeList,
  async read(input, sink, {params, onProgress}) {
    const settings = settingsOf(params);
    for (const file of filesOf(input)) await readFile(file, sink, settings, onProgress);
  }
};

/** The file itself, or the `out.*` data files of a KONECT release given as a folder or archive. */
function filesOf(input: Input): InputFile[] {
  if (!isFolder(input)) return [input];
  const files = input.paths.filter((path) => KONECT_DATA_FILE.test(path)).map((path) => input.file(path)!);
  if (files.length === 0) {
    throw new InputError(`${input.name}: no out.* file (edgelist reads one file, or a KONECT folder or archive)`);
  }
  return files;
}

async function readFile(
  file: InputFile,
  sink: Sink,
  settings: Settings,
  onProgress: ImportOptions["onProgress"]
): Promise<void> {
  const source = sink.source(NAME, file.name);
  const progress = onProgress && ((fraction: number) => onProgress(file.name, fraction));
  let delimiter = settings.delimiter;
  let edges: EdgeWriter | undefined;
  // The first line that is not a comment waits for the next one to tell whether it is a header.
  let first: {number: number; text: string; fields: string[]} | undefined;
  let lastLine = 0;
  // A reader error (a truncated gzip stream) already names the file and the line reached (loaders/input.ts).
  for await (const {first: firstInBatch, lines} of readLineBatches(file, {onProgress: progress})) {
    lastLine = firstInBatch + lines.length - 1;
    for (let i = 0; i < lines.length; i++) {
      const number = firstInBatch + i;
      const raw = lines[i]!;
      // Most lines begin and end in a printable ASCII character, so there is nothing to trim (and copy).
      const text =
        printableAscii(raw.charCodeAt(0)) && printableAscii(raw.charCodeAt(raw.length - 1)) ? raw : raw.trim();
      if (text.length === 0) source.skip("blank line");
      else if (text[0] === "#" || text[0] === "%") source.skip("comment line");
      else if (edges) edges.write(number, text);
      else {
        if (text.includes("\0")) throw new InputError(`${file.name}: line ${number}: looks binary, not text`);
        delimiter ??= detectDelimiter(text);
        const fields = splitFields(text, delimiter);
        if (!first) first = {number, text, fields};
        else if (isHeader(first.fields, fields, settings.layout)) {
          source.skip("header line");
          edges = new EdgeWriter(file.name, source, settings, delimiter, number, fields);
          if (await edges.writeFile(file, number)) return progress?.(1);
          edges.write(number, text);
        } else {
          edges = new EdgeWriter(file.name, source, settings, delimiter, first.number, first.fields);
          if (await edges.writeFile(file, first.number)) return progress?.(1);
          edges.write(first.number, first.text);
          edges.write(number, text);
        }
      }
    }
  }
  if (lastLine === 0) throw new InputError(`${file.name}: empty file`);
  if (!edges && first) {
    // A single line that is not a comment: an edge, unless its names say header.
    if (isHeader(first.fields, undefined, settings.layout)) source.skip("header line");
    else {
      edges = new EdgeWriter(file.name, source, settings, delimiter!, first.number, first.fields);
      edges.write(first.number, first.text);
    }
  }
  if (!edges) throw new InputError(`${file.name}: no edges, only comments, blank lines or a header`);
}

/** Whether a character code is printable ASCII (not whitespace, which `trim` would remove). */
function printableAscii(code: number): boolean {
  return code > 32 && code < 127;
}

/** Turns the data lines of one file into rows, with the layout fixed by its first data line. */
class EdgeWriter {
  readonly #source: SourceRecorder;
  readonly #delimiter: Delimiter;
  readonly #layout: Layout;
  readonly #weightName: string;
  /** Whether a field can be an empty or spaced id: not when runs of whitespace separate the fields. */
  readonly #checkIds: boolean;
  /** The edge of every line, refilled each time: the recorder copies what it keeps (`RowStore.writeEdge`). */
  readonly #edge: Edge;

  constructor(
    fileName: string,
    source: SourceRecorder,
    settings: Settings,
    delimiter: Delimiter,
    number: number,
    fields: readonly string[]
  ) {
    const layout = settings.layout ?? defaultLayout(fields);
    if (!layout) {
      const where = `${fileName}: line ${number}: ${fields.length} field${fields.length === 1 ? "" : "s"} separated by ${delimiter.name}`;
      throw new InputError(
        fields.length < 2
          ? `${where}; an edge list needs at least two (src and dst)`
          : `${where}; name what each holds with --columns, e.g. --columns src,dst,weight,ts${",_".repeat(fields.length - 4)}`
      );
    }
    this.#source = source;
    this.#delimiter = delimiter;
    this.#layout = layout;
    this.#weightName = layout.roles[layout.weight] ?? "weight";
    this.#checkIds = delimiter.kind === "char";
    const kind = kindOf(settings, layout);
    // Without a weight or ts column these keep their first values: no weight, and time unknown (no since).
    this.#edge = {
      network: settings.network,
      actor: "",
      target: "",
      ts: TIME_UNKNOWN,
      kind,
      weight: null,
      follow: kind === "follow",
      since: null
    };
  }

  /**
   * Writes every line of `file` from `firstLine` on at once when the sink reads the file itself
   * (`SourceRecorder.acceptEdgeFile`); returns false, nothing written, when it does not.
   */
  writeFile(file: InputFile, firstLine: number): Promise<boolean> {
    const roles = this.#layout.roles;
    const delimiter = this.#delimiter.kind === "whitespace" ? " " : this.#delimiter.char;
    if (roles.includes("_") || !(delimiter === " " || delimiter === "," || delimiter === "\t")) {
      return Promise.resolve(false);
    }
    const edge = this.#edge;
    return this.#source.acceptEdgeFile({
      file,
      firstLine,
      delimiter,
      columns: roles.map((role) => (role === "rating" ? "weight" : (role as Exclude<Role, "rating" | "_">))),
      network: edge.network,
      kind: edge.kind,
      follow: edge.follow
    });
  }

  write(number: number, text: string): void {
    const layout = this.#layout;
    const fields = splitFields(text, this.#delimiter);
    if (fields.length !== layout.roles.length) {
      return this.#source.reject(number, `expected ${layout.roles.length} fields, found ${fields.length}`, text);
    }
    const src = fields[layout.src]!;
    const dst = fields[layout.dst]!;
    if (this.#checkIds) {
      const problem = nodeIdProblem(src) ?? nodeIdProblem(dst);
      if (problem) return this.#source.reject(number, `${nodeIdProblem(src) ? "src" : "dst"} ${problem}`, text);
    }
    const edge = this.#edge;
    if (layout.weight >= 0) {
      const weight = parseNumber(fields[layout.weight]!);
      if (weight === undefined) return this.#source.reject(number, `${this.#weightName} is not a number`, text);
      edge.weight = weight;
    }
    if (layout.ts >= 0) {
      const ts = parseTimestamp(fields[layout.ts]!);
      if (ts === "unparseable") return this.#source.reject(number, "ts is not unix seconds or ISO 8601", text);
      if (ts === "invalid") return this.#source.reject(number, "timestamp is not a valid date", text);
      edge.ts = ts;
      if (edge.follow) edge.since = ts;
    }
    edge.actor = src;
    edge.target = dst;
    this.#source.acceptEdge(number, edge, text);
  }
}
