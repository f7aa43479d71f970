/**
 * The plain form of the lines of an edge file (`EdgeFile` in `report.ts`), checked on the file's bytes in one
 * pass: a store lets DuckDB read a file, with typed columns and no check of its own, only when every line from
 * `firstLine` on has it. Each form below is one that the importers read to the value DuckDB's cast gives:
 *
 * - a node id (`src`, `dst`): a number below 2^24 in canonical decimal, `0|[1-9][0-9]{0,7}` (`numericHandle`),
 *   staged as its number;
 * - a `weight`: an integer of up to 15 digits, `0|-?[1-9][0-9]{0,14}`, exact in a double (`parseNumber`);
 * - a time (`ts`): unix seconds of 1 to 11 digits, `[0-9]{1,11}`, always in range (`parseTimestamp`);
 * - a `kind`: one of the names of `EdgeFile.kind`.
 *
 * Fields are separated by one delimiter each and a line ends in LF, with nothing else on it: no CR, no blank
 * line, no quote, no space around a field. The lines are counted as `readLineBatches` counts them.
 */
import type {EdgeFile} from "./report.js";
import {DENSE_LIMIT} from "./staging.js";

/** What a plain edge file holds, beyond its edges. */
export interface PlainLines {
  /** Its lines, those before `firstLine` included. */
  readonly lines: number;
  /** The node ids of its first edge: source, then target. */
  readonly first: readonly number[];
  /** Every node id of its edges, each once, in ascending order. */
  readonly ids: readonly number[];
}

const LF = 10;
const MINUS = 45;
const ZERO = 48;
const NINE = 57;

const enum Form {
  Id,
  Weight,
  Time,
  Kind
}

const FORMS: Record<EdgeFile["columns"][number], Form> = {
  src: Form.Id,
  dst: Form.Id,
  weight: Form.Weight,
  ts: Form.Time,
  kind: Form.Kind
};

/** A name of a kind column, up to 6 ASCII characters, as one number (its character codes in base 256). */
function nameKey(name: string): number {
  if (!/^[\x21-\x7e]{1,6}$/.test(name)) throw new TypeError(`loaders/plain-lines: kind name ${name} is not plain`);
  let key = 0;
  for (let i = 0; i < name.length; i++) key = key * 256 + name.charCodeAt(i);
  return key;
}

/**
 * Reads the bytes of an edge file (decompressed, in `chunks`) and returns what it holds if every line from
 * `edges.firstLine` on is plain; undefined as soon as one is not.
 */
export async function plainLines(
  chunks: AsyncIterable<Uint8Array>,
  edges: Pick<EdgeFile, "firstLine" | "delimiter" | "columns" | "kind">
): Promise<PlainLines | undefined> {
  const reader = new PlainLineReader(edges);
  for await (const chunk of endedLines(chunks)) {
    if (!reader.read(chunk)) return undefined;
  }
  return reader.result();
}

/** The check of `plainLines`, a chunk at a time. */
class PlainLineReader {
  readonly #forms: Uint8Array;
  readonly #delimiter: number;
  readonly #names: ReadonlySet<number>;
  readonly #firstLine: number;
  readonly #src: number;
  readonly #dst: number;
  /** The node ids seen, by number: 1 once seen. */
  #seen: Uint8Array = new Uint8Array(1 << 16);
  #first: number[] | undefined;
  /** The node ids of the line being read, by column. */
  readonly #lineIds: Float64Array;
  #lines = 0;
  // The field being read: its index on the line, and what it held so far.
  #column = 0;
  #length = 0;
  #value = 0;
  #negative = false;
  #leadingZero = false;

  constructor(edges: Pick<EdgeFile, "firstLine" | "delimiter" | "columns" | "kind">) {
    this.#forms = Uint8Array.from(edges.columns, (column) => FORMS[column]);
    this.#delimiter = edges.delimiter.charCodeAt(0);
    this.#names = new Set(typeof edges.kind === "string" ? [] : Object.keys(edges.kind).map(nameKey));
    this.#firstLine = edges.firstLine;
    this.#src = edges.columns.indexOf("src");
    this.#dst = edges.columns.indexOf("dst");
    this.#lineIds = new Float64Array(edges.columns.length);
  }

  /** Reads the next chunk of bytes; false if a line is not plain. */
  read(chunk: Uint8Array): boolean {
    // The state in locals while the loop sees every byte of the chunk, then back in the fields.
    const forms = this.#forms;
    const last = forms.length - 1;
    const delimiter = this.#delimiter;
    const lineIds = this.#lineIds;
    let seen = this.#seen;
    let lines = this.#lines;
    let column = this.#column;
    let form = forms[column]!;
    let length = this.#length;
    let value = this.#value;
    let negative = this.#negative;
    let leadingZero = this.#leadingZero;
    let i = 0;
    // The lines before `firstLine` are the importer's: only counted.
    for (; lines < this.#firstLine - 1 && i < chunk.length; i++) if (chunk[i] === LF) lines++;
    for (; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (byte === LF || byte === delimiter) {
        // The field ends: is it in its form?
        if (form === Form.Id) {
          if (length === 0 || length > 8 || (leadingZero && length > 1) || value >= DENSE_LIMIT) return false;
          if (value >= seen.length) seen = this.#seen = grown(seen, value);
          seen[value] = 1;
          lineIds[column] = value;
        } else if (form === Form.Weight) {
          if (length === 0 || length > 15 || (leadingZero && (length > 1 || negative))) return false;
        } else if (form === Form.Time) {
          if (length === 0 || length > 11) return false;
        } else if (length === 0 || !this.#names.has(value)) return false;
        if (byte === LF) {
          if (column !== last) return false;
          this.#first ??= [lineIds[this.#src]!, lineIds[this.#dst]!];
          lines++;
          column = 0;
        } else if (column++ === last) return false;
        form = forms[column]!;
        length = 0;
        value = 0;
        negative = false;
      } else if (form === Form.Kind) {
        if (++length > 6) return false;
        value = value * 256 + byte;
      } else if (byte >= ZERO && byte <= NINE) {
        if (length++ === 0) leadingZero = byte === ZERO;
        value = value * 10 + byte - ZERO;
      } else if (byte === MINUS && form === Form.Weight && length === 0 && !negative) negative = true;
      else return false;
    }
    this.#lines = lines;
    this.#column = column;
    this.#length = length;
    this.#value = value;
    this.#negative = negative;
    this.#leadingZero = leadingZero;
    return true;
  }

  /** What the file held, once every chunk was read. */
  result(): PlainLines {
    const seen = this.#seen;
    const ids: number[] = [];
    for (let id = 0; id < seen.length; id++) if (seen[id] === 1) ids.push(id);
    return {lines: this.#lines, first: this.#first ?? [], ids};
  }
}

/** The chunks, then an LF if the last one does not end in one: an unended last line is a line too. */
async function* endedLines(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let lastByte = LF;
  for await (const chunk of chunks) {
    if (chunk.length > 0) lastByte = chunk[chunk.length - 1]!;
    yield chunk;
  }
  if (lastByte !== LF) yield Uint8Array.of(LF);
}

/** `seen` grown to hold `value`. */
function grown(seen: Uint8Array, value: number): Uint8Array {
  const larger = new Uint8Array(Math.min(DENSE_LIMIT, Math.max(value + 1, seen.length * 2)));
  larger.set(seen);
  return larger;
}
