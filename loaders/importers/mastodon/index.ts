/**
 * Mastodon account archive: Settings → Import and export → "Request your archive", a `.zip` (a `.tar.gz` from
 * servers before 4.1) or the folder it unpacks to, as Mastodon's `BackupService` writes it
 * (https://github.com/mastodon/mastodon/blob/main/app/services/backup_service.rb):
 *
 * - `actor.json`: the owner (`actor.ts`), one record: the owner's account row, `mastodon:user@host` with the
 *   host of the actor URI. Required.
 * - `outbox.json`: an `OrderedCollection` of the owner's statuses as `Create` and `Announce` activities
 *   (`outbox.ts`): posts, replies, quotes, boosts as reposts, mentions. Required. Streamed.
 * - `likes.json`: an `OrderedCollection` of the URIs of liked posts (`likes.ts`).
 * - `bookmarks.json`: the same for bookmarks, which only the owner sees: each is skipped
 *   ("bookmark: private, not part of the model").
 * - `following_accounts.csv` (`following.ts`): not part of the archive but of the "Data export" page; read when
 *   placed next to the archive's files (or at the top of the folder). A follows row per account, without a time.
 *
 * Records: the 1-based index in `orderedItems` for the JSON collections, the line number for the CSV; actor.json
 * is record 1. Media, avatar and header files are not read. The files may sit in one folder inside the archive.
 */
import {InputError, isFolder, readLines, readText, type InputFile, type InputFolder} from "../../input.js";
import type {Sink} from "../../report.js";
import type {ImportOptions, Importer} from "../importer.js";
import {ownerOf, type Owner} from "./actor.js";
import {collectionItems} from "./collection.js";
import {followingRows} from "./following.js";
import {likeRows} from "./likes.js";
import {outboxRows} from "./outbox.js";
import {record, type Outcome} from "./outcome.js";

const NAME = "mastodon";
// Bookmarks are seen by the owner alone: no one else's influence shows in them.
const BOOKMARK: Outcome = {skip: "bookmark: private, not part of the model"};

export const mastodon: Importer = {
  name: NAME,
  description: "Mastodon account archive, folder or .zip: outbox.json, likes.json, actor.json, following_accounts.csv",
  detect({paths}) {
    const root = paths && exportRoot(paths);
    return root !== undefined && paths!.includes(`${root}actor.json`)
      ? "a Mastodon archive (outbox.json and actor.json)"
      : undefined;
  },
  async read(input, sink, options) {
    if (!isFolder(input)) {
      throw new InputError(`${input.name}: mastodon reads an archive (.zip) or its folder, not a single file`);
    }
    const root = exportRoot(input.paths);
    if (root === undefined) throw new InputError(`${input.name}: no outbox.json (expected a Mastodon export)`);
    const entry = (name: string) => input.file(`${root}${name}`);
    const actor = entry("actor.json");
    if (!actor) throw new InputError(`${input.name}: no actor.json (expected a Mastodon export)`);

    const {owner, outcome} = ownerOf(actor, await readText(actor));
    record(sink.source(NAME, actor.name), 1, outcome, () => "actor.json");
    await readCollection(entry("outbox.json")!, sink, options, (item, hasPost) => outboxRows(item, owner, hasPost));
    const likes = entry("likes.json");
    if (likes) await readCollection(likes, sink, options, (item) => likeRows(item, owner));
    const bookmarks = entry("bookmarks.json");
    if (bookmarks) await readCollection(bookmarks, sink, options, () => BOOKMARK);
    const following = followingFile(input, root);
    if (following) await readFollowing(following, owner, sink, options);
  }
};

/** The folder (`""` or `"dir/"`) holding the shallowest `outbox.json`, or undefined. */
function exportRoot(paths: readonly string[]): string | undefined {
  const outboxes = paths.filter((path) => path === "outbox.json" || path.endsWith("/outbox.json"));
  const [shallowest] = outboxes.sort((a, b) => a.split("/").length - b.split("/").length);
  return shallowest?.slice(0, -"outbox.json".length);
}

/** `following_accounts.csv` next to the export's files, or else at the top of the folder. */
function followingFile(input: InputFolder, root: string): InputFile | undefined {
  return input.file(`${root}following_accounts.csv`) ?? input.file("following_accounts.csv");
}

type ItemRows = (item: unknown, hasPost: (postId: string) => boolean) => Outcome;

async function readCollection(file: InputFile, sink: Sink, options: ImportOptions, rowsOf: ItemRows) {
  const source = sink.source(NAME, file.name);
  const hasPost = (postId: string) => source.hasPost(postId);
  for await (const {index, item} of collectionItems(file, progress(file, options))) {
    record(source, index, rowsOf(item, hasPost), () => JSON.stringify(item) ?? String(item));
  }
}

async function readFollowing(file: InputFile, owner: Owner, sink: Sink, options: ImportOptions) {
  const source = sink.source(NAME, file.name);
  for await (const {number, text} of readLines(file, progress(file, options))) {
    record(source, number, followingRows(number, text, owner), () => text);
  }
}

function progress(file: InputFile, {onProgress}: ImportOptions) {
  return {onProgress: onProgress && ((fraction: number) => onProgress(file.name, fraction))};
}
