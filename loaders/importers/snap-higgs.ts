/**
 * SNAP Higgs Twitter activity stream (De Domenico, Lima, Mougel, Musolesi 2013, "The anatomy of a
 * scientific rumor", https://snap.stanford.edu/data/higgs-twitter.html).
 *
 * One event per line, `A B t TYPE`: user A retweeted (RT), mentioned (MT) or replied to (RE) user B at
 * unix time t. Users are anonymised numeric ids, so the id is also the handle. Plain or gzipped.
 */
import {InputError, isFolder, readLineBatches} from "../input.js";
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
    for await (const {first, lines} of readLineBatches(input, {onProgress: progress})) {
      for (let i = 0; i < lines.length; i++) {
        const number = first + i;
        const text = lines[i]!;
        // Nearly every line is four fields split by single spaces; any other is split again by runs of whitespace.
        let fields = text.split(" ");
        let reason = fields.length === 4 ? problem(fields) : "";
        if (reason !== undefined) {
          fields = text.trim().split(/\s+/);
          reason = text.trim() ? problem(fields) : "expected 4 fields (A B t TYPE), found 0";
        }
        if (reason !== undefined) {
          source.reject(number, reason, text);
          continue;
        }
        const [actor, target, time, type] = fields as [string, string, string, string];
        source.acceptEdge(
          number,
          {
            network: NETWORK,
            actor,
            target,
            ts: Number(time) * 1000,
            kind: KINDS[type]!,
            weight: null,
            follow: false,
            since: null
          },
          text
        );
      }
    }
  }
};

/** What is wrong with the fields of a line, or undefined if they are an event. */
function problem(fields: readonly string[]): string | undefined {
  if (fields.length !== 4) return `expected 4 fields (A B t TYPE), found ${fields.length}`;
  const [actor, target, time, type] = fields as [string, string, string, string];
  if (!USER_ID.test(actor) || !USER_ID.test(target)) return "user id is not a non-negative integer";
  if (!UNIX_TIME.test(time)) return "time is not a unix timestamp in seconds";
  if (!Object.hasOwn(KINDS, type)) return "unknown event type (expected RT, MT or RE)";
  return undefined;
}
