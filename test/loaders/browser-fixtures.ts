/**
 * Inputs for the browser import tests: the committed fixtures by format, and a Bluesky repository export, which
 * has no committed fixture, built here as `com.atproto.sync.getRepo` writes one (atproto repository spec: a
 * commit `{did, version: 3, data, rev, prev, sig}` as the CAR's single root over an MST; every key is put on
 * layer 0, so the MST is one node `{l: null, e: [{p, k, v, t: null}]}` whose keys share prefixes `p`).
 */
import {join} from "node:path";
import {CarWriter} from "@ipld/car/writer";
import * as dagCbor from "@ipld/dag-cbor";
import {CID} from "multiformats/cid";
import {sha256} from "multiformats/hashes/sha2";

export const FIXTURES = join(import.meta.dirname, "..", "fixtures");

const OWNER = "did:plc:ragtjsm2j2vknwkz3zp4oxrd";
const BOB = "did:plc:4hqjfn7m6n5hno3doamuhgef";
const CAROL = "did:plc:vpkhqolt662uhesyj6nxm7ys";
const postUri = (did: string, rkey: string) => `at://${did}/app.bsky.feed.post/${rkey}`;
// Strong refs name the target's CID; these point at blocks outside the repository.
const ref = (uri: string) => ({uri, cid: "bafyreig2fjxi3rptqdgylg7e5hmjl6mcke7rn2b6cugzlqq3i4zu6rq52q"});

/** Records in key order: a profile, two posts (one a reply to Bob), a like, a repost and two follows. */
const RECORDS: [string, unknown][] = [
  [
    "app.bsky.actor.profile/self",
    {$type: "app.bsky.actor.profile", displayName: "Alice", createdAt: "2023-04-12T08:30:00.000Z"}
  ],
  [
    "app.bsky.feed.like/3kr5dqa6g7s2x",
    {$type: "app.bsky.feed.like", subject: ref(postUri(BOB, "3kr2kxxjq5s2z")), createdAt: "2024-05-06T08:00:00.000Z"}
  ],
  [
    "app.bsky.feed.post/3kr2lmpxo6k2a",
    {
      $type: "app.bsky.feed.post",
      text: "Mapping who talks to whom.",
      langs: ["en"],
      createdAt: "2024-05-01T10:00:00.000Z"
    }
  ],
  [
    "app.bsky.feed.post/3kr2n3v5ic22b",
    {
      $type: "app.bsky.feed.post",
      text: "Good point",
      reply: {root: ref(postUri(BOB, "3kr2kxxjq5s2z")), parent: ref(postUri(BOB, "3kr2kxxjq5s2z"))},
      createdAt: "2024-05-01T12:15:30.250Z"
    }
  ],
  [
    "app.bsky.feed.repost/3kr4g2x7lqk2d",
    {
      $type: "app.bsky.feed.repost",
      subject: ref(postUri(CAROL, "3kr3azlrw6k2p")),
      createdAt: "2024-05-03T09:00:00.000Z"
    }
  ],
  [
    "app.bsky.graph.follow/3kr1aaaaaaa2a",
    {$type: "app.bsky.graph.follow", subject: BOB, createdAt: "2024-04-01T00:00:00.000Z"}
  ],
  [
    "app.bsky.graph.follow/3kr1bbbbbbb2b",
    {$type: "app.bsky.graph.follow", subject: CAROL, createdAt: "2024-04-02T00:00:00.000Z"}
  ]
];

interface Block {
  cid: CID;
  bytes: Uint8Array;
}

async function block(value: unknown): Promise<Block> {
  const bytes = dagCbor.encode(value);
  return {cid: CID.create(1, dagCbor.code, await sha256.digest(bytes)), bytes};
}

/** The bytes of a Bluesky repository export `.car` holding `RECORDS`. */
export async function blueskyCar(): Promise<Uint8Array> {
  const records = await Promise.all(RECORDS.map(([, value]) => block(value)));
  let previous = "";
  const entries = RECORDS.map(([key], i) => {
    let shared = 0;
    while (shared < previous.length && previous[shared] === key[shared]) shared++;
    previous = key;
    return {p: shared, k: new TextEncoder().encode(key.slice(shared)), v: records[i]!.cid, t: null};
  });
  const mst = await block({l: null, e: entries});
  const commit = await block({
    did: OWNER,
    version: 3,
    data: mst.cid,
    rev: "3kr6hr5bdoc2u",
    prev: null,
    sig: new Uint8Array(64).fill(7)
  });
  const {writer, out} = CarWriter.create([commit.cid]);
  const chunks: Uint8Array[] = [];
  const collected = (async () => {
    for await (const chunk of out) chunks.push(chunk);
  })();
  for (const each of [commit, mst, ...records]) await writer.put(each);
  await writer.close();
  await collected;
  return Buffer.concat(chunks);
}
