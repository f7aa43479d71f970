/**
 * SNAP Higgs Twitter activity stream (De Domenico, Lima, Mougel, Musolesi 2013, "The anatomy of a
 * scientific rumor", https://snap.stanford.edu/data/higgs-twitter.html).
 *
 * One event per line, `A B t TYPE`: user A retweeted (RT), mentioned (MT) or replied to (RE) user B at
 * unix time t. Users are anonymised numeric ids, so the id is also the handle. Plain or gzipped.
 *
 * A file whose every line is an event in its plainest form, as the published stream is, the warehouse writer
 * may read with DuckDB (`SourceRecorder.acceptEdgeFile`); any other file is read here line by line.
 */
import {InputError, isFolder, readLineBatches} from "../input.js";
import type {Edge} from "../report.js";
import type {InteractionKind} from "../schema.js";
import type {Importer} from "./importer.js";

const NETWORK = "twitter";
const KINDS: Record<string, InteractionKind> = {RT: "repost", MT: "mention", RE: "reply"};
const USER_ID = /^\d+$/;
const UNIX_TIME = /^\d{1,11}$/;

export const snapHiggs: Importer = {
  name: "snap-higgs",
  description: "SNAP Higgs Twitter activity stream: `A B t RT|MT|RE` lines, plain or .gz",
  detect({text}) {
    const lines = text
      .split("\n")
      .slice(0, 20)
      .filter((line) => line.trim());
    const event = /^\d+\s+\d+\s+\d{9,11}\s+(RT|MT|RE)\s*$/;
    return lines.length > 0 && lines.every((line) => event.test(line)) ? "lines of `A B t RT|MT|RE`" : undefined;
  },
  async read(input, sink, {onProgress}) {
    if (isFolder(input)) throw new InputError(`${input.name}: snap-higgs reads one file, not a folder`);
    const source = sink.source(this.name, input.name);
    const progress = onProgress && ((fraction: number) => onProgress(input.name, fraction));
    const columns = ["src", "dst", "ts", "kind"] as const;
    if (
      await source.acceptEdgeFile({
        file: input,
        firstLine: 1,
        delimiter: " ",
        columns,
        network: NETWORK,
        kind: KINDS,
        follow: false
      })
    ) {
      return progress?.(1);
    }
    // One edge object, refilled for every line: the recorder copies what it keeps (see `RowStore.writeEdge`).
    const edge: Edge = {
      network: NETWORK,
      actor: "",
      target: "",
      ts: 0,
      kind: "mention",
      weight: null,
      follow: false,
      since: null
    };
    for await (const {first, lines} of readLineBatches(input, {onProgress: progress})) {
      for (let i = 0; i < lines.length; i++) {
        const number = first + i;
        const text = lines[i]!;
        if (!readEvent(text, edge)) {
          // Any other line is split again by runs of whitespace, and either read or rejected with its problem.
          const fields = text.trim().split(/\s+/);
          const reason = text.trim() ? problem(fields) : "expected 4 fields (A B t TYPE), found 0";
          if (reason !== undefined) {
            source.reject(number, reason, text);
            continue;
          }
          const [actor, target, time, type] = fields as [string, string, string, string];
          edge.actor = actor;
          edge.target = target;
          edge.ts = Number(time) * 1000;
          edge.kind = KINDS[type]!;
        }
        source.acceptEdge(number, edge, text);
      }
    }
  }
};

const SPACE = 32;

/**
 * Reads a line of the usual form, four fields split by single spaces, into `edge` by its character codes
 * (no split, no regular expression: nearly every line of the stream takes this path); returns false, leaving
 * the line to `problem`, for any other line, well formed or not.
 */
function readEvent(text: string, edge: Edge): boolean {
  const actorEnd = digitsEnd(text, 0);
  if (actorEnd === 0 || text.charCodeAt(actorEnd) !== SPACE) return false;
  const targetEnd = digitsEnd(text, actorEnd + 1);
  if (targetEnd === actorEnd + 1 || text.charCodeAt(targetEnd) !== SPACE) return false;
  const timeEnd = digitsEnd(text, targetEnd + 1);
  const timeDigits = timeEnd - targetEnd - 1;
  if (timeDigits < 1 || timeDigits > 11 || text.charCodeAt(timeEnd) !== SPACE || text.length !== timeEnd + 3) {
    return false;
  }
  const type = text.slice(timeEnd + 1);
  if (!Object.hasOwn(KINDS, type)) return false;
  let seconds = 0;
  for (let i = targetEnd + 1; i < timeEnd; i++) seconds = seconds * 10 + text.charCodeAt(i) - 48;
  edge.actor = text.slice(0, actorEnd);
  edge.target = text.slice(actorEnd + 1, targetEnd);
  edge.ts = seconds * 1000;
  edge.kind = KINDS[type]!;
  return true;
}

/** The index after the run of ASCII digits that starts at `start` (`start` itself if there is none). */
function digitsEnd(text: string, start: number): number {
  let i = start;
  for (let code = text.charCodeAt(i); code >= 48 && code <= 57; code = text.charCodeAt(++i));
  return i;
}

/** What is wrong with the fields of a line, or undefined if they are an event. */
function problem(fields: readonly string[]): string | undefined {
  if (fields.length !== 4) return `expected 4 fields (A B t TYPE), found ${fields.length}`;
  const [actor, target, time, type] = fields as [string, string, string, string];
  if (!USER_ID.test(actor) || !USER_ID.test(target)) return "user id is not a non-negative integer";
  if (!UNIX_TIME.test(time)) return "time is not a unix timestamp in seconds";
  if (!Object.hasOwn(KINDS, type)) return "unknown event type (expected RT, MT or RE)";
  return undefined;
}
