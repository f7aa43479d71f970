/**
 * SNAP Higgs Twitter activity stream (De Domenico, Lima, Mougel, Musolesi 2013, "The anatomy of a
 * scientific rumor", https://snap.stanford.edu/data/higgs-twitter.html).
 *
 * One event per line, `A B t TYPE`: user A retweeted (RT), mentioned (MT) or replied to (RE) user B at
 * unix time t. Users are anonymised numeric ids, so the id is also the handle. Plain or gzipped.
 */
import {InputError, isFolder, readLines} from "../input.js";
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
    for await (const {number, text} of readLines(input, {onProgress: progress})) {
      const fields = text.trim().split(/\s+/);
      const [actor, target, time, type] = fields as [string, string, string, string];
      let reason: string | undefined;
      if (fields.length !== 4) reason = `expected 4 fields (A B t TYPE), found ${text.trim() ? fields.length : 0}`;
      else if (!USER_ID.test(actor) || !USER_ID.test(target)) reason = "user id is not a non-negative integer";
      else if (!UNIX_TIME.test(time)) reason = "time is not a unix timestamp in seconds";
      else if (!(type in KINDS)) reason = "unknown event type (expected RT, MT or RE)";
      if (reason) {
        source.reject(number, reason, text);
        continue;
      }
      const actorId = `${NETWORK}:${actor}`;
      const targetId = `${NETWORK}:${target}`;
      source.accept(number, [
        {table: "accounts", row: {account_id: actorId, network: NETWORK, handle: actor}},
        {table: "accounts", row: {account_id: targetId, network: NETWORK, handle: target}},
        {
          table: "interactions",
          row: {
            ts: new Date(Number(time) * 1000),
            network: NETWORK,
            actor_id: actorId,
            target_id: targetId,
            kind: KINDS[type]!
          }
        }
      ]);
    }
  }
};
