/**
 * SNAP Higgs Twitter activity stream (De Domenico, Lima, Mougel, Musolesi 2013, "The anatomy of a
 * scientific rumor", https://snap.stanford.edu/data/higgs-twitter.html).
 *
 * One event per line, `A B t TYPE`: user A retweeted (RT), mentioned (MT) or replied to (RE) user B at
 * unix time t. Users are anonymised numeric ids, so the id is also the handle. Plain or gzipped.
 */
import {readLines} from "../lines.js";
import type {InteractionKind} from "../schema.js";
import type {Importer} from "./importer.js";

const NETWORK = "twitter";
const KINDS: Record<string, InteractionKind> = {RT: "repost", MT: "mention", RE: "reply"};
const USER_ID = /^\d+$/;
const UNIX_TIME = /^\d{1,11}$/;

export const snapHiggs: Importer = {
  name: "snap-higgs",
  description: "SNAP Higgs Twitter activity stream: `A B t RT|MT|RE` lines, plain or .gz",
  async read(path, writer, {onProgress}) {
    const source = writer.source(this.name, path);
    const progress = onProgress && ((fraction: number) => onProgress(path, fraction));
    for await (const {number, text} of readLines(path, {onProgress: progress})) {
      const fields = text.trim().split(/\s+/);
      const [actor, target, time, type] = fields;
      let reason: string | undefined;
      if (fields.length !== 4) reason = `expected 4 fields (A B t TYPE), found ${text.trim() ? fields.length : 0}`;
      else if (!USER_ID.test(actor!) || !USER_ID.test(target!)) reason = "user id is not a non-negative integer";
      else if (!UNIX_TIME.test(time!)) reason = "time is not a unix timestamp in seconds";
      else if (!(type! in KINDS)) reason = `unknown event type (expected RT, MT or RE)`;
      if (reason) {
        source.reject(number, reason, text);
        continue;
      }
      const actorId = `${NETWORK}:${actor}`;
      const targetId = `${NETWORK}:${target}`;
      writer.account({account_id: actorId, network: NETWORK, handle: actor!});
      writer.account({account_id: targetId, network: NETWORK, handle: target!});
      writer.append("interactions", {
        ts: new Date(Number(time) * 1000),
        network: NETWORK,
        actor_id: actorId,
        target_id: targetId,
        kind: KINDS[type!]!
      });
      source.accept();
    }
  }
};
