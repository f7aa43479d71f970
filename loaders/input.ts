/**
 * Inputs as importers see them, free of `fs` so that the same parsing code runs in Node and in the browser
 * (on a dropped `File`, which already has this shape). Node paths become inputs in `loaders/node-input.ts`.
 *
 * Compressed files are recognised by their first bytes, not their names: gzip is decompressed with the
 * platform's `DecompressionStream`. Text is decoded as strict UTF-8: a byte sequence that is not UTF-8 is
 * an error naming the file and line, never a replacement character slipped into the data.
 */
import {Decompress} from "fzstd";

/** One input file. */
export interface InputFile {
  /** The name shown in reports and errors (a path in Node, a file name in the browser). */
  readonly name: string;
  /** Size in bytes, when known (for progress). */
  readonly size?: number;
  /** The file on disk, when there is one (Node), for readers that open it themselves. */
  readonly path?: string;
  /** The raw bytes, as a new stream on each call. */
  stream(): ReadableStream<Uint8Array>;
}

/** A folder or an archive: named entries, each an input file. */
export interface InputFolder {
  readonly name: string;
  /** Entry paths relative to the folder, with `/` separators, sorted. */
  readonly paths: readonly string[];
  /** The entry at `path`, or undefined. */
  file(path: string): InputFile | undefined;
}

export type Input = InputFile | InputFolder;

export function isFolder(input: Input): input is InputFolder {
  return "paths" in input;
}

/** An error in an input's content, naming where it is. */
export class InputError extends Error {
  override name = "InputError";
}

export interface Line {
  /** 1-based line number. */
  readonly number: number;
  /** The line without its end (LF or CRLF). */
  readonly text: string;
}

export interface ReadOptions {
  /** Called now and then with the fraction of the (compressed) input read so far. */
  onProgress?: (fraction: number) => void;
}

const GZIP = [0x1f, 0x8b];
const ZSTD = [0x28, 0xb5, 0x2f, 0xfd];

/** How a file is compressed, by its first bytes (at least 4 of them when there are): gzip, zstd or not at all. */
export function compressionOf(head: Uint8Array): "gzip" | "zstd" | "none" {
  return startsWith(head, GZIP) ? "gzip" : startsWith(head, ZSTD) ? "zstd" : "none";
}

/** The decompressed bytes of `file`, with progress counted on the raw bytes. */
export async function openBytes(file: InputFile, {onProgress}: ReadOptions = {}): Promise<ReadableStream<Uint8Array>> {
  let raw = file.stream();
  if (onProgress && file.size) {
    let read = 0;
    const size = file.size;
    raw = raw.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          read += chunk.byteLength;
          onProgress(read / size);
          controller.enqueue(chunk);
        }
      })
    );
  }
  const [head, stream] = await peek(raw, 4);
  switch (compressionOf(head)) {
    case "gzip":
      return stream.pipeThrough(new DecompressionStream("gzip") as TransformStream<Uint8Array, Uint8Array>);
    case "zstd":
      return stream.pipeThrough(zstdDecompression(file.name));
    case "none":
      return stream;
  }
}

/**
 * The largest zstd window decompressed here. fzstd keeps the whole window in one buffer and shifts it after
 * every block (at most 128 KiB), so the cost per block grows with the window: measured, some 50 MB/s of output
 * with zstd's usual windows (up to 8 MiB), 9 MB/s with `zstd --long`'s 128 MiB, 1 MB/s with 1 GiB, and a 2 GiB
 * window (`--long=31`, as in Pushshift's dumps) overflows its buffer. Larger windows are an error that says how
 * to decompress the file first.
 */
const MAX_ZSTD_WINDOW = 2 ** 27;
/** Magic, frame header descriptor, window descriptor, dictionary id (4) and content size (8) at most. */
const ZSTD_HEADER_MAX = 18;

/** Streaming zstd decompression with fzstd (pure JavaScript, so the browser runs it too). */
function zstdDecompression(name: string): TransformStream<Uint8Array, Uint8Array> {
  let decoder: Decompress;
  // The first frame's header is checked for its window size before fzstd allocates the window.
  let header: Uint8Array | undefined = new Uint8Array(0);
  const push = (chunk: Uint8Array, final: boolean) => {
    try {
      decoder.push(chunk, final);
    } catch (error) {
      throw new InputError(`${name}: not valid zstd data (${(error as Error).message})`);
    }
  };
  return new TransformStream<Uint8Array, Uint8Array>({
    start(controller) {
      decoder = new Decompress((chunk) => controller.enqueue(chunk));
    },
    transform(chunk) {
      if (header) {
        header = concat([header, chunk]);
        if (header.byteLength < ZSTD_HEADER_MAX) return;
        checkZstdWindow(name, header);
        [chunk, header] = [header, undefined];
      }
      push(chunk, false);
    },
    flush() {
      if (header) checkZstdWindow(name, header);
      push(header ?? new Uint8Array(0), true);
    }
  });
}

function checkZstdWindow(name: string, frame: Uint8Array): void {
  const window = zstdWindowSize(frame);
  if (window === undefined || window <= MAX_ZSTD_WINDOW) return;
  const mib = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;
  const log = Math.ceil(Math.log2(window));
  throw new InputError(
    `${name}: zstd window of ${mib(window)} is larger than the ${mib(MAX_ZSTD_WINDOW)} read here; ` +
      `decompress it first (zstd -d --long=${log}) and import the result`
  );
}

/** The window size declared by the zstd frame header at the start of `frame` (RFC 8878 §3.1.1.1), if complete. */
function zstdWindowSize(frame: Uint8Array): number | undefined {
  const descriptor = frame[4];
  if (descriptor === undefined) return undefined;
  const singleSegment = (descriptor >> 5) & 1;
  if (!singleSegment) {
    const byte = frame[5];
    if (byte === undefined) return undefined;
    const base = 2 ** (10 + (byte >> 3));
    return base + (base / 8) * (byte & 7);
  }
  // A single-segment frame's window is its content size.
  const sizeBytes = [1, 2, 4, 8][descriptor >> 6]!;
  const start = 5 + [0, 1, 2, 4][descriptor & 3]!;
  if (frame.byteLength < start + sizeBytes) return undefined;
  let size = 0;
  for (let i = sizeBytes - 1; i >= 0; i--) size = size * 256 + frame[start + i]!;
  return sizeBytes === 2 ? size + 256 : size;
}

/** The first bytes of a file (decompressed), for format detection. */
export async function head(file: InputFile, bytes = 64 * 1024): Promise<Uint8Array> {
  const reader = (await openBytes(file)).getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  try {
    while (length < bytes) {
      const {done, value} = await reader.read();
      if (done) break;
      chunks.push(value);
      length += value.byteLength;
    }
  } finally {
    // Cancelling a stream that failed rethrows its error, which would hide the one explained above.
    await reader.cancel().catch(() => undefined);
  }
  return concat(chunks).subarray(0, bytes);
}

/** Consecutive lines of a text file, as one chunk of its bytes held them. */
export interface LineBatch {
  /** 1-based number of the first line. */
  readonly first: number;
  /** The lines without their ends (LF or CRLF). */
  readonly lines: string[];
}

/**
 * The lines of a text file, streamed a chunk at a time: memory stays flat whatever the file size, and a caller
 * going through millions of lines pays one await per chunk of bytes rather than one per line.
 */
export async function* readLineBatches(file: InputFile, options: ReadOptions = {}): AsyncGenerator<LineBatch> {
  // A lenient decoder is several times faster than a fatal one; a chunk it marks with U+FFFD is checked strictly.
  const decoder = new TextDecoder("utf-8");
  /** The end of the previous chunk that starts a character it does not finish. */
  let unfinished: Uint8Array = NO_BYTES;
  let number = 0;
  let rest = "";
  const reader = (await openBytes(file, options)).getReader();
  try {
    for (;;) {
      const {done, value} = await readOrExplain(reader, file, `after line ${number + countLines(rest)}`);
      const decoded = done ? decoder.decode() : decoder.decode(value, {stream: true});
      if (decoded.includes("\uFFFD") && !isUtf8(unfinished, value)) {
        // Locate the bad bytes: a lenient decode marks them with U+FFFD.
        const lenient = rest + decoded;
        const before = lenient.slice(0, Math.max(0, lenient.indexOf("\uFFFD")));
        throw new InputError(`${file.name}: line ${number + 1 + countLines(before)}: not valid UTF-8 text`);
      }
      if (value) unfinished = unfinishedEnd(value.byteLength >= 4 ? value : concat([unfinished, value]));
      const text = rest + decoded;
      const lines: string[] = [];
      let start = 0;
      for (let end = text.indexOf("\n"); end !== -1; end = text.indexOf("\n", start)) {
        lines.push(text.charCodeAt(end - 1) === CR ? text.slice(start, end - 1) : text.slice(start, end));
        start = end + 1;
      }
      rest = text.slice(start);
      if (lines.length > 0) {
        yield {first: number + 1, lines};
        number += lines.length;
      }
      if (done) break;
    }
  } finally {
    // Cancelling a stream that failed rethrows its error, which would hide the one explained above.
    await reader.cancel().catch(() => undefined);
  }
  if (rest.length > 0) yield {first: number + 1, lines: [stripCr(rest)]};
}

/** The lines of a text file one by one (see `readLineBatches`). */
export async function* readLines(file: InputFile, options: ReadOptions = {}): AsyncGenerator<Line> {
  for await (const {first, lines} of readLineBatches(file, options)) {
    for (let i = 0; i < lines.length; i++) yield {number: first + i, text: lines[i]!};
  }
}

/** The whole text of a (small) file, strictly decoded. */
export async function readText(file: InputFile, options: ReadOptions = {}): Promise<string> {
  let bytes: ArrayBuffer;
  try {
    bytes = await new Response(await openBytes(file, options)).arrayBuffer();
  } catch (error) {
    throw error instanceof InputError
      ? error
      : new InputError(`${file.name}: cannot be read (${(error as Error).message})`);
  }
  try {
    return new TextDecoder("utf-8", {fatal: true}).decode(bytes);
  } catch {
    throw new InputError(`${file.name}: not valid UTF-8 text`);
  }
}

/**
 * One read of a byte stream; a failure below it (a truncated gzip, a damaged zstd frame) becomes an error
 * naming the file and how far reading got.
 */
async function readOrExplain(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  file: InputFile,
  where: string
): Promise<ReadableStreamReadResult<Uint8Array>> {
  try {
    return await reader.read();
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${file.name}: cannot read on ${where} (${(error as Error).message})`);
  }
}

/** An input over bytes in memory (tests, and the browser's drop zone once read). */
export function bytesInput(name: string, content: Uint8Array | string): InputFile {
  const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
  return {
    name,
    size: bytes.byteLength,
    stream: () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(bytes);
          controller.close();
        }
      })
  };
}

const CR = 13;
const NO_BYTES = new Uint8Array(0);

/**
 * Whether `chunk`, after `unfinished` (the previous chunk's unfinished character), is UTF-8; with no chunk (the
 * stream's end), whether nothing is left unfinished. A character may still run on into the next chunk.
 */
function isUtf8(unfinished: Uint8Array, chunk: Uint8Array | undefined): boolean {
  try {
    new TextDecoder("utf-8", {fatal: true}).decode(chunk ? concat([unfinished, chunk]) : unfinished, {stream: !!chunk});
    return true;
  } catch {
    return false;
  }
}

/** The last bytes of `bytes` that begin a UTF-8 character (of up to 4 bytes) and do not finish it; else none. */
function unfinishedEnd(bytes: Uint8Array): Uint8Array {
  for (let back = 1; back <= Math.min(3, bytes.byteLength); back++) {
    const byte = bytes[bytes.byteLength - back]!;
    // 10xxxxxx continues a character; any other byte starts one, of 1 to 4 bytes by its leading bits.
    if ((byte & 0xc0) === 0x80) continue;
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? bytes.subarray(bytes.byteLength - back) : NO_BYTES;
  }
  return NO_BYTES;
}

function stripCr(line: string): string {
  return line.endsWith("\r") ? line.slice(0, -1) : line;
}

function countLines(text: string): number {
  let count = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) count++;
  return count;
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((byte, i) => bytes[i] === byte);
}

/** The bytes of `chunks`, one after another, in one array. */
export function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** Reads the first `bytes` bytes of `stream` and returns them with a stream that still yields everything. */
async function peek(
  stream: ReadableStream<Uint8Array>,
  bytes: number
): Promise<[Uint8Array, ReadableStream<Uint8Array>]> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  let done = false;
  while (length < bytes && !done) {
    const next = await reader.read();
    if (next.done) done = true;
    else {
      chunks.push(next.value);
      length += next.value.byteLength;
    }
  }
  const first = concat(chunks);
  const rest = new ReadableStream<Uint8Array>({
    start(controller) {
      if (first.byteLength) controller.enqueue(first);
      if (done) controller.close();
    },
    async pull(controller) {
      const next = await reader.read();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    cancel: (reason) => reader.cancel(reason)
  });
  return [first, rest];
}
