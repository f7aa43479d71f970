/**
 * Bluesky repository export: the `.car` file of an account's atproto repository, as `com.atproto.sync.getRepo`
 * returns it and Bluesky's Settings → Account → "Export my data" downloads it
 * (https://atproto.com/specs/repository, https://docs.bsky.app/docs/api/com-atproto-sync-get-repo).
 *
 * The CAR is indexed (`repository.ts`), its commit names the owner's DID and the MST root, and the MST is walked in
 * key order (`mst.ts`); each leaf is one record, `collection/rkey`, numbered by its 1-based position in that order.
 * Records become rows as `records.ts` describes. A leaf whose record block is missing from the CAR is rejected
 * ("record block missing from the CAR"), as is a block that is not DAG-CBOR; a missing MST node, a cut file or a
 * CAR that is no repository stop the import with an error naming the file. Block hashes are not verified.
 */
import {InputError, isFolder} from "../../input.js";
import {record} from "../mastodon/outcome.js";
import type {Importer} from "../importer.js";
import {mstLeaves} from "./mst.js";
import {PROFILE, isObject, ownerOf, recordRows} from "./records.js";
import {decodeOrUndefined, readRepository} from "./repository.js";

const PROFILE_KEY = `${PROFILE}/self`;
// A CAR v1 header is the DAG-CBOR map {roots, version}: its keys come first, right after the length.
const CAR_HEADER = /^[\s\S]{1,4}eroots[\s\S]{1,200}gversion/;

export const bluesky: Importer = {
  name: "bluesky",
  description:
    "Bluesky repository export (.car from com.atproto.sync.getRepo): posts, likes, reposts, follows, profile",
  detect({text, paths}) {
    if (paths) return undefined;
    return CAR_HEADER.test(text.slice(0, 256)) && text.includes("app.bsky.")
      ? "a CAR v1 file holding app.bsky records"
      : undefined;
  },
  async read(input, sink, {onProgress}) {
    if (isFolder(input)) throw new InputError(`${input.name}: bluesky reads one .car file, not a folder`);
    const repository = await readRepository(input, {onProgress: onProgress && ((f) => onProgress(input.name, f))});
    const source = sink.source(this.name, input.name);
    // The profile is looked up before the walk, so that every record carries the owner's full account row. It
    // sorts near the start of the keys, so the lookup reads few nodes.
    let profile: unknown;
    for (const {key, cid} of mstLeaves(repository, input.name)) {
      if (key >= PROFILE_KEY) {
        const bytes = key === PROFILE_KEY ? repository.block(cid) : undefined;
        profile = bytes && decodeOrUndefined(bytes);
        break;
      }
    }
    const {owner, outcome: profileOutcome} = ownerOf(repository.did, isObject(profile) ? profile : undefined);

    const hasPost = (postId: string) => source.hasPost(postId);
    let index = 0;
    for (const {key, cid} of mstLeaves(repository, input.name)) {
      index++;
      const raw = () => `${key} ${cid}`;
      const slash = key.indexOf("/");
      if (slash <= 0 || slash === key.length - 1) {
        source.reject(index, "MST key is not collection/rkey", raw());
        continue;
      }
      const bytes = repository.block(cid);
      if (!bytes) {
        source.reject(index, "record block missing from the CAR", raw());
        continue;
      }
      const value = decodeOrUndefined(bytes);
      if (value === undefined) source.reject(index, "record is not valid DAG-CBOR", raw());
      else if (!isObject(value)) source.reject(index, "record is not a map", raw());
      else if (key === PROFILE_KEY) record(source, index, profileOutcome, raw);
      else {
        const collection = key.slice(0, slash);
        record(source, index, recordRows(collection, key.slice(slash + 1), value, owner, hasPost), raw);
      }
    }
  }
};
