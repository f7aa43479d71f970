/**
 * A JSON document read as a stream: the elements of a top-level array come one at a time, so memory stays flat
 * however long the array; a top-level object (one API response page) comes whole. The bytes are checked to be
 * UTF-8, and a document that breaks off or goes wrong is an `InputError` naming the byte (0-based offset in the
 * decompressed file) where it does.
 *
 * How: a byte scanner finds where each element of the top-level array ends (tracking nesting outside strings)
 * and `JSON.parse` reads the element. This is not @streamparser/json, whose `JSONParser` with `paths: ["$.*"]`
 * read 121 MB of v1.1 tweets at under 6 MB/s on the machine where this was written; see the importer's tests.
 */
import {InputError, concat, openBytes, type InputFile, type ReadOptions} from "../../input.js";

export interface JsonDocumentOptions extends ReadOptions {
  /** Bytes before the JSON starts, passed over (the `window.YTD.tweets.part0 = ` of an X archive file). */
  skipBytes?: number;
  /** Whether the document may be followed by `;` (a script's statement end). */
  allowSemicolon?: boolean;
  /** Require a top-level array (else an `InputError` saying so). */
  arrayOnly?: boolean;
}

/** Yields the elements of a top-level JSON array, or the top-level object itself. */
export async function* readJsonDocument(file: InputFile, options: JsonDocumentOptions = {}): AsyncGenerator<unknown> {
  const scanner = new Scanner(file.name, options);
  const reader = (await openBytes(file, options)).getReader();
  let read = 0;
  try {
    for (;;) {
      const {done, value} = await reader.read();
      if (done) break;
      const values = scanner.feed(value, read);
      read += value.byteLength;
      yield* values;
    }
    if (!scanner.complete) throw new InputError(`${file.name}: truncated JSON at byte ${read}`);
  } finally {
    await reader.cancel();
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const SEMICOLON = 0x3b;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** Finds the top-level elements (or the root object) in a byte stream fed chunk by chunk, and parses them. */
class Scanner {
  readonly #name: string;
  readonly #skip: number;
  readonly #options: JsonDocumentOptions;
  readonly #decoder = new TextDecoder("utf-8", {fatal: true});
  #root: "array" | "object" | undefined;
  /** Open containers, the root included. */
  #depth = 0;
  #inString = false;
  #escaped = false;
  complete = false;
  /** Bytes of the element (or root object) being read, and its file offset (-1: between elements). */
  #pieces: Uint8Array[] = [];
  #start = -1;
  /** In the root array: whether a value must come next (after `[` or `,`), and whether the last token was `,`. */
  #expectValue = true;
  #afterComma = false;
  /** The closing byte expected for each open container. */
  readonly #closers: number[] = [];

  constructor(name: string, options: JsonDocumentOptions) {
    this.#name = name;
    this.#skip = options.skipBytes ?? 0;
    this.#options = options;
  }

  /** Scans `chunk`, which starts at file offset `base`; returns the values completed in it. */
  feed(chunk: Uint8Array, base: number): unknown[] {
    const out: unknown[] = [];
    let i = Math.max(0, Math.min(chunk.byteLength, this.#skip - base));
    if (base === 0 && i === 0 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) i = 3;
    let from = this.#start >= 0 ? i : -1;
    const length = chunk.byteLength;
    // The hot loop works on locals, written back to the fields when it leaves.
    let inString = this.#inString;
    let escaped = this.#escaped;
    let depth = this.#depth;
    try {
      for (; i < length; i++) {
        const byte = chunk[i]!;
        if (inString) {
          if (escaped) escaped = false;
          else if (byte === BACKSLASH) escaped = true;
          else if (byte === QUOTE) inString = false;
          continue;
        }
        if (isSpace(byte)) continue;
        if (depth === 0) {
          // Before the root value, or after it.
          if (this.complete && this.#options.allowSemicolon && byte === SEMICOLON) continue;
          if (this.complete || !(byte === OPEN_BRACKET || (byte === OPEN_BRACE && !this.#options.arrayOnly))) {
            throw this.#unexpected(base + i);
          }
          this.#root = byte === OPEN_BRACKET ? "array" : "object";
          if (this.#root === "object") {
            this.#start = base + i;
            from = i;
          }
          this.#closers.push(byte === OPEN_BRACKET ? CLOSE_BRACKET : CLOSE_BRACE);
          depth = 1;
          continue;
        }
        const inArray = depth === 1 && this.#root === "array";
        if (inArray && (byte === COMMA || byte === CLOSE_BRACKET)) {
          // The end of a top-level element.
          from = this.#close(chunk, from, i, base, out);
          if (byte === COMMA) {
            this.#expectValue = true;
            this.#afterComma = true;
            continue;
          }
        } else if (inArray) {
          from = this.#open(from, i, base);
        }
        if (byte === QUOTE) inString = true;
        else if (byte === OPEN_BRACE) depth = this.#push(CLOSE_BRACE, depth);
        else if (byte === OPEN_BRACKET) depth = this.#push(CLOSE_BRACKET, depth);
        else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
          if (this.#closers.pop() !== byte) throw this.#invalid(base + i);
          if (--depth === 0) {
            if (this.#root === "object") {
              this.#pieces.push(chunk.subarray(from, i + 1));
              out.push(this.#parse());
              from = -1;
            }
            this.complete = true;
          }
        }
      }
    } finally {
      this.#inString = inString;
      this.#escaped = escaped;
      this.#depth = depth;
    }
    if (this.#start >= 0 && from >= 0 && length > from) this.#pieces.push(chunk.subarray(from, length));
    return out;
  }

  /** Opens a container closed by `closer`; returns the new depth. */
  #push(closer: number, depth: number): number {
    this.#closers.push(closer);
    return depth + 1;
  }

  /** A byte of an element of the root array at chunk index `i`: starts the element if none is open. */
  #open(from: number, i: number, base: number): number {
    if (this.#start >= 0) return from;
    if (!this.#expectValue) throw this.#invalid(base + i);
    this.#start = base + i;
    this.#afterComma = false;
    return i;
  }

  /** A `,` or `]` at depth 1 of the root array: ends the open element, if any. */
  #close(chunk: Uint8Array, from: number, i: number, base: number, out: unknown[]): number {
    if (this.#start >= 0) {
      if (i > from) this.#pieces.push(chunk.subarray(from, i));
      out.push(this.#parse());
      this.#expectValue = false;
    } else if (chunk[i] === COMMA || this.#afterComma) {
      throw this.#invalid(base + i);
    }
    return -1;
  }

  #unexpected(offset: number): InputError {
    if (this.complete)
      return new InputError(`${this.#name}: unexpected content after the JSON value at byte ${offset}`);
    const expected = this.#options.arrayOnly ? "array" : "array or object";
    return new InputError(`${this.#name}: expected a JSON ${expected} at byte ${offset}`);
  }

  /** Parses the gathered bytes of one element. */
  #parse(): unknown {
    const start = this.#start;
    const bytes = this.#pieces.length === 1 ? this.#pieces[0]! : concat(this.#pieces);
    this.#pieces = [];
    this.#start = -1;
    let text: string;
    try {
      text = this.#decoder.decode(bytes);
    } catch {
      throw new InputError(`${this.#name}: not valid UTF-8 text near byte ${start + firstBadByte(bytes)}`);
    }
    try {
      return JSON.parse(text);
    } catch (error) {
      const position = /at position (\d+)/.exec((error as Error).message);
      const offset = position ? new TextEncoder().encode(text.slice(0, Number(position[1]))).byteLength : 0;
      throw this.#invalid(start + offset);
    }
  }

  #invalid(offset: number): InputError {
    return new InputError(`${this.#name}: invalid JSON at byte ${offset}`);
  }
}

/** Where in `bytes` the first byte that is not UTF-8 lies (approximately, if the chunk starts mid-character). */
function firstBadByte(bytes: Uint8Array): number {
  const lenient = new TextDecoder("utf-8").decode(bytes);
  const bad = lenient.indexOf("\uFFFD");
  return bad < 0 ? 0 : new TextEncoder().encode(lenient.slice(0, bad)).byteLength;
}
