/**
 * Twitter/X API responses, v1.1 and v2, as researchers saved them: a JSON document (an array of tweets or
 * users, one object, or a response that wraps arrays), NDJSON/JSONL (one value per line: tweets, v2 pages as
 * twarc2 writes them, or a streaming capture with blank keep-alive lines and `delete`/`limit`/`warning`
 * notices), plain or gzipped; or a folder or `.zip` of such files, of which every `.json`, `.jsonl`, `.ndjson`
 * and `.txt` entry (optionally `.gz`) is read, each a source of its own. What maps to what is described in
 * `twitter/v1.ts` (v1.1 objects, https://developer.x.com/en/docs/x-api/v1/data-dictionary/overview),
 * `twitter/v2.ts` (v2, https://developer.x.com/en/docs/x-api/data-dictionary/introduction) and
 * `twitter/api-records.ts` (which values are records, and the skip reasons); streaming messages:
 * https://developer.x.com/en/docs/twitter-api/v1/tweets/filter-realtime/guides/streaming-message-types.
 *
 * Records and their numbers: in NDJSON each line is read on its own and its records carry its line number
 * (a line that wraps several — a v2 page — gives them all that number). A JSON document is streamed: the
 * elements of a top-level array one by one (memory stays flat), a top-level object whole (one response page);
 * its records are numbered 1, 2, … in reading order, which for an array of tweets is the 1-based array index.
 * A file is NDJSON when its name ends `.jsonl`/`.ndjson`, or when it does not start with `[` and its first
 * line is a JSON value on its own; otherwise it is one JSON document.
 *
 * Unusable input is an `InputError` naming the file: `empty file`, `looks binary, not text`, `not valid UTF-8
 * text`, `truncated JSON at byte N`, `invalid JSON at byte N`. In NDJSON a line that is not JSON is rejected
 * ("line is not valid JSON") and the rest is read, since stream captures often break off mid-line.
 */
import {InputError, head, isFolder, readLines, type InputFile, type InputFolder} from "../input.js";
import type {Sink} from "../report.js";
import type {ImportOptions, Importer} from "./importer.js";
import {readValue} from "./twitter/api-records.js";
import {readJsonDocument} from "./twitter/json-stream.js";

const NAME = "twitter-api";
const ENTRY = /\.(json|jsonl|ndjson|txt)(\.gz)?$/i;
const LINES_NAME = /\.(jsonl|ndjson)(\.gz)?$/i;
const SAMPLE_BYTES = 64 * 1024;
const V1_KEYS = /"(id_str|screen_name|in_reply_to_status_id_str|retweeted_status|user_mentions|next_cursor_str)"\s*:/g;
const V2_KEYS = /"(author_id|edit_history_tweet_ids|conversation_id|referenced_tweets)"\s*:/;

export const twitterApi: Importer = {
  name: NAME,
  description: "Twitter/X API v1.1 and v2 responses: JSON, NDJSON/JSONL, streams; a file, folder or .zip of them",
  detect({text, paths}) {
    if (paths) return undefined;
    const start = text.replace(/^\uFEFF/, "").trimStart();
    if (!start.startsWith("{") && !start.startsWith("[")) return undefined;
    const v1 = new Set([...start.matchAll(V1_KEYS)].map((match) => match[1]));
    if (v1.has("id_str") && v1.size >= 2) return `Twitter API v1.1 JSON (${[...v1].slice(0, 3).join(", ")})`;
    if (v1.has("next_cursor_str")) return "Twitter API v1.1 cursored list (next_cursor_str)";
    const v2 = V2_KEYS.exec(start);
    if (v2 && /"text"\s*:/.test(start)) return `Twitter API v2 JSON (${v2[1]})`;
    if (/"username"\s*:/.test(start) && /"public_metrics"\s*:/.test(start))
      return "Twitter API v2 users (public_metrics)";
    return undefined;
  },
  async read(input, sink, options) {
    for (const file of isFolder(input) ? entries(input) : [input]) await readFile(file, sink, options);
  }
};

function entries(folder: InputFolder): InputFile[] {
  // Hidden files and macOS resource forks (`__MACOSX/._x.json`) are not responses.
  const paths = folder.paths.filter((path) => ENTRY.test(path) && !/(^|\/)(\.|__MACOSX\/)/.test(path));
  if (paths.length === 0) {
    throw new InputError(`${folder.name}: no .json, .jsonl, .ndjson or .txt files (expected Twitter API responses)`);
  }
  return paths.map((path) => folder.file(path)!);
}

async function readFile(file: InputFile, sink: Sink, {onProgress}: ImportOptions): Promise<void> {
  const sample = await head(file, SAMPLE_BYTES);
  if (sample.byteLength === 0) throw new InputError(`${file.name}: empty file`);
  if (looksBinary(sample)) throw new InputError(`${file.name}: looks binary, not text`);
  const lines = await isLines(file, new TextDecoder("utf-8").decode(sample));
  const source = sink.source(NAME, file.name);
  const progress = onProgress && ((fraction: number) => onProgress(file.name, fraction));
  if (lines) {
    for await (const {number, text} of readLines(file, {onProgress: progress})) {
      const line = number === 1 ? text.replace(/^\uFEFF/, "") : text;
      if (!line.trim()) {
        source.skip("blank line (stream keep-alive)");
        continue;
      }
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        source.reject(number, "line is not valid JSON", line);
        continue;
      }
      readValue(value, () => number, source);
    }
  } else {
    let record = 0;
    const next = () => ++record;
    for await (const value of readJsonDocument(file, {onProgress: progress})) readValue(value, next, source);
  }
}

/** NDJSON, or one JSON document? (See the module header.) */
async function isLines(file: InputFile, sample: string): Promise<boolean> {
  if (LINES_NAME.test(file.name)) return true;
  const start = sample.replace(/^\uFEFF/, "").trimStart();
  if (start.startsWith("[")) return false;
  if (!start.startsWith("{")) return true;
  // The first line may be long (a v2 page per line); holding it is no worse than holding the object it starts.
  for await (const {text} of readLines(file)) {
    if (!text.trim()) continue;
    try {
      JSON.parse(text.replace(/^\uFEFF/, ""));
      return true;
    } catch {
      return false;
    }
  }
  return true;
}

/** NUL bytes, or many control characters, do not occur in JSON text. */
function looksBinary(bytes: Uint8Array): boolean {
  let control = 0;
  for (const byte of bytes.subarray(0, 4096)) {
    if (byte === 0) return true;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) control++;
  }
  return control > Math.min(bytes.byteLength, 4096) / 20;
}
