/**
 * The items of an ActivityStreams `OrderedCollection` file (`outbox.json`, `likes.json`, `bookmarks.json`),
 * streamed: an outbox holds every status of an account and may run to hundreds of megabytes, so items are parsed
 * one at a time from `$.orderedItems.*` and dropped once handed over.
 */
import {JSONParser} from "@streamparser/json";
import {InputError, openBytes, type InputFile, type ReadOptions} from "../../input.js";

export interface CollectionItem {
  /** 1-based position in `orderedItems`. */
  readonly index: number;
  readonly item: unknown;
}

/** The items of `file`'s `orderedItems`, in order. Throws `InputError` naming the file if it is not such a collection. */
export async function* collectionItems(file: InputFile, options: ReadOptions = {}): AsyncGenerator<CollectionItem> {
  const parser = new JSONParser({paths: ["$.orderedItems.*", "$.type"], keepStack: false});
  let type: unknown;
  let queue: unknown[] = [];
  parser.onValue = ({value, key, stack}) => {
    if (stack.length === 1 && key === "type") type = value;
    else queue.push(value);
  };
  let index = 0;
  let bytes = 0;
  const reader = (await openBytes(file, options)).getReader();
  try {
    for (;;) {
      const {done, value} = await reader.read();
      if (done) break;
      write(parser, value, file.name);
      bytes += value.byteLength;
      const items = queue;
      queue = [];
      for (const item of items) yield {index: ++index, item};
    }
  } finally {
    await reader.cancel();
  }
  if (bytes === 0) throw new InputError(`${file.name}: empty file`);
  if (!parser.isEnded) throw new InputError(`${file.name}: truncated JSON at byte ${bytes}`);
  if (type !== "OrderedCollection") {
    throw new InputError(`${file.name}: not an ActivityStreams OrderedCollection (no "type": "OrderedCollection")`);
  }
}

/** Feeds one chunk to the parser (which ends by itself after the document and then refuses anything but spaces). */
function write(parser: JSONParser, chunk: Uint8Array, name: string): void {
  try {
    parser.write(chunk);
  } catch (error) {
    // The UTF-8 decoder throws a TypeError; the tokenizer and token parser say what they met, and where.
    if (error instanceof TypeError) throw new InputError(`${name}: not valid UTF-8 text`);
    const message = (error as Error).message
      .replace(/ at chunk position "\d+" \(absolute position "(\d+)"\)/, " at byte $1")
      .replace(/ in state \w+$/, "")
      // A binary file puts control characters into the message; they are shown escaped, on one line.
      .replace(/\p{Cc}/gu, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, "0")}`);
    throw new InputError(`${name}: not valid JSON (${message})`);
  }
}
