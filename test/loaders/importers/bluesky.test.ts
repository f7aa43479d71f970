/**
 * The bluesky importer on repository exports built here, block by block, as `com.atproto.sync.getRepo` writes
 * them. Followed:
 * - atproto repository spec (https://atproto.com/specs/repository): "Commit Objects" (`did`, `version` 3, `data`
 *   the MST root, `rev` a TID, `prev` null, `sig` bytes), "Repo Data Structure" (MST: a node is `{l, e}`, an entry
 *   `{p, k, v, t}` with `k` the key bytes after the `p` bytes shared with the previous key of the node; a key's
 *   layer is the number of leading zero bits of SHA-256(key) divided by 2, rounded down, and each layer holds
 *   its keys with the lower layers' keys in the subtrees between them) and "CAR File Serialization" (CAR v1,
 *   the commit as the single root, DAG-CBOR blocks with sha-256 CIDv1);
 * - the app.bsky lexicons for the records (post with `reply` strong refs, `embed` record / recordWithMedia,
 *   `facets` with byte ranges, `langs`, `tags`; like, repost, follow, profile, threadgate, block, list,
 *   listitem; chat.bsky.actor.declaration).
 * The fixture's keys happen to fall on layers 0 and 1, so its MST has two levels; the same records are also read
 * from a single-node MST (every key put on layer 0).
 */
import {createHash} from "node:crypto";
import {writeFileSync} from "node:fs";
import {join} from "node:path";
import {gzipSync} from "node:zlib";
import {CarWriter} from "@ipld/car/writer";
import * as dagCbor from "@ipld/dag-cbor";
import {CID} from "multiformats/cid";
import {sha256} from "multiformats/hashes/sha2";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {importInto} from "../../../loaders/import.js";
import {bluesky} from "../../../loaders/importers/bluesky/index.js";
import {openWarehouse} from "../../../loaders/warehouse.js";
import {tempDir} from "../../helpers/world.js";

let temp: ReturnType<typeof tempDir>;
beforeEach(() => void (temp = tempDir()));
afterEach(() => temp.remove());

interface Block {
  cid: CID;
  bytes: Uint8Array;
}

const OWNER = "did:plc:ragtjsm2j2vknwkz3zp4oxrd";
const BOB = "did:plc:4hqjfn7m6n5hno3doamuhgef";
const CAROL = "did:web:carol.example.com";
const DAVE = "did:plc:vpkhqolt662uhesyj6nxm7ys";
const ERIN = "did:plc:l3rouwludahu3ui3bt66mfvj";
const FEED_CREATOR = "did:plc:fc4gq2yqgl3kzw6vbhx2mrsd";

const uri = (did: string, collection: string, rkey: string) => `at://${did}/${collection}/${rkey}`;
const postUri = (did: string, rkey: string) => uri(did, "app.bsky.feed.post", rkey);
// Strong refs name the target's CID as a string; these point at blocks outside the repository.
const ref = (target: string) => ({uri: target, cid: "bafyreig2fjxi3rptqdgylg7e5hmjl6mcke7rn2b6cugzlqq3i4zu6rq52q"});
const utf8 = (text: string) => new TextEncoder().encode(text).length;

/** A facet over the first occurrence of `part` in `text`, with byte offsets as the lexicon counts them. */
function facet(text: string, part: string, feature: Record<string, unknown>) {
  const start = utf8(text.slice(0, text.indexOf(part)));
  return {index: {byteStart: start, byteEnd: start + utf8(part)}, features: [feature]};
}

const TEXT4 = "Mapping who talks to whom on #atproto. Notes: lab.example/atproto";
const TEXT5 = "@bob.example.com good point, see my thread";
const TEXT9 = "Update: @carol.example.com built the crawler 🙌 thanks @carol.example.com";

/** The fixture repository's records, in key order (sorted by hand), each with its 1-based record number. */
async function fixtureRecords(): Promise<[string, unknown][]> {
  const avatar = CID.create(1, 0x55, await sha256.digest(new TextEncoder().encode("avatar.jpg")));
  return [
    // 1
    [
      "app.bsky.actor.profile/self",
      {
        $type: "app.bsky.actor.profile",
        displayName: "Alice 🦋",
        description: "Network science on the AT Protocol.",
        avatar: {$type: "blob", ref: avatar, mimeType: "image/jpeg", size: 48213},
        createdAt: "2023-04-12T08:30:00.000Z"
      }
    ],
    // 2
    [
      "app.bsky.feed.like/3kr5dqa6g7s2x",
      {
        $type: "app.bsky.feed.like",
        subject: ref(postUri(BOB, "3kr2kxxjq5s2z")),
        createdAt: "2024-05-06T08:00:00.000Z"
      }
    ],
    // 3: a like of a feed generator
    [
      "app.bsky.feed.like/3kr6ahbq3zk2c",
      {
        $type: "app.bsky.feed.like",
        subject: ref(uri(FEED_CREATOR, "app.bsky.feed.generator", "netsci")),
        createdAt: "2024-05-07T08:00:00.000Z"
      }
    ],
    // 4
    [
      "app.bsky.feed.post/3kr2lmpxo6k2a",
      {
        $type: "app.bsky.feed.post",
        text: TEXT4,
        facets: [
          facet(TEXT4, "#atproto", {$type: "app.bsky.richtext.facet#tag", tag: "atproto"}),
          facet(TEXT4, "lab.example/atproto", {
            $type: "app.bsky.richtext.facet#link",
            uri: "https://lab.example/atproto"
          })
        ],
        tags: ["Networks"],
        langs: ["en"],
        createdAt: "2024-05-01T10:00:00.000Z"
      }
    ],
    // 5: a reply to Bob, mentioning him
    [
      "app.bsky.feed.post/3kr2n3v5ic22b",
      {
        $type: "app.bsky.feed.post",
        text: TEXT5,
        facets: [facet(TEXT5, "@bob.example.com", {$type: "app.bsky.richtext.facet#mention", did: BOB})],
        reply: {root: ref(postUri(BOB, "3kr2kxxjq5s2z")), parent: ref(postUri(BOB, "3kr2mabcdxk2y"))},
        langs: ["en", "de"],
        createdAt: "2024-05-01T12:15:30.250Z"
      }
    ],
    // 6: a quote of Dave's post, its time with an offset
    [
      "app.bsky.feed.post/3kr3bq7hyxc2l",
      {
        $type: "app.bsky.feed.post",
        text: "This, exactly.",
        embed: {$type: "app.bsky.embed.record", record: ref(postUri(DAVE, "3kr3azlrw6k2p"))},
        langs: ["en"],
        createdAt: "2024-05-02T11:00:00+02:00"
      }
    ],
    // 7: a quote with an image of Erin's post
    [
      "app.bsky.feed.post/3kr3xd2owas2f",
      {
        $type: "app.bsky.feed.post",
        text: "Beautiful figure 📊",
        embed: {
          $type: "app.bsky.embed.recordWithMedia",
          record: {$type: "app.bsky.embed.record", record: ref(postUri(ERIN, "3kr3vynmjuk2d"))},
          media: {
            $type: "app.bsky.embed.images",
            images: [{alt: "", image: {$type: "blob", ref: avatar, mimeType: "image/jpeg", size: 48213}}]
          }
        },
        langs: ["en"],
        createdAt: "2024-05-03T18:45:00.000Z"
      }
    ],
    // 8: a post embedding a feed generator, which is no quote
    [
      "app.bsky.feed.post/3kr4fw5tnu22q",
      {
        $type: "app.bsky.feed.post",
        text: "A feed for network science papers",
        embed: {$type: "app.bsky.embed.record", record: ref(uri(OWNER, "app.bsky.feed.generator", "netsci"))},
        langs: ["en"],
        createdAt: "2024-05-04T07:20:00.000Z"
      }
    ],
    // 9: a reply to post 4 (a thread), mentioning Carol twice
    [
      "app.bsky.feed.post/3kr4pz6lqe22w",
      {
        $type: "app.bsky.feed.post",
        text: TEXT9,
        facets: [
          facet(TEXT9, "@carol.example.com", {$type: "app.bsky.richtext.facet#mention", did: CAROL}),
          {
            index: {byteStart: utf8(TEXT9) - utf8("@carol.example.com"), byteEnd: utf8(TEXT9)},
            features: [{$type: "app.bsky.richtext.facet#mention", did: CAROL}]
          }
        ],
        reply: {root: ref(postUri(OWNER, "3kr2lmpxo6k2a")), parent: ref(postUri(OWNER, "3kr2lmpxo6k2a"))},
        createdAt: "2024-05-05T21:05:00.000Z"
      }
    ],
    // 10: an impossible date
    [
      "app.bsky.feed.post/3kr5a3k2yhk2v",
      {$type: "app.bsky.feed.post", text: "Leap day?", langs: ["en"], createdAt: "2024-02-30T12:00:00.000Z"}
    ],
    // 11
    [
      "app.bsky.feed.repost/3kr6c2ud7yk2j",
      {
        $type: "app.bsky.feed.repost",
        subject: ref(postUri(DAVE, "3kr3azlrw6k2p")),
        createdAt: "2024-05-08T14:30:00.000Z"
      }
    ],
    // 12
    [
      "app.bsky.feed.threadgate/3kr3xd2owas2f",
      {
        $type: "app.bsky.feed.threadgate",
        post: postUri(OWNER, "3kr3xd2owas2f"),
        allow: [{$type: "app.bsky.feed.threadgate#followingRule"}],
        createdAt: "2024-05-03T18:45:01.000Z"
      }
    ],
    // 13
    [
      "app.bsky.graph.block/3kr6flvb5ns2o",
      {$type: "app.bsky.graph.block", subject: FEED_CREATOR, createdAt: "2024-05-09T09:00:00.000Z"}
    ],
    // 14
    [
      "app.bsky.graph.follow/3kqzq7ofgnc2e",
      {$type: "app.bsky.graph.follow", subject: BOB, createdAt: "2024-04-20T10:00:00.000Z"}
    ],
    // 15: a handle where a DID belongs
    [
      "app.bsky.graph.follow/3kqzqa5wqxs2y",
      {$type: "app.bsky.graph.follow", subject: "carol.example.com", createdAt: "2024-04-20T10:05:00.000Z"}
    ],
    // 16
    [
      "app.bsky.graph.follow/3kr6gcmaxkk2h",
      {$type: "app.bsky.graph.follow", subject: CAROL, createdAt: "2024-05-09T16:00:00.000Z"}
    ],
    // 17
    [
      "app.bsky.graph.list/3kr6hqzvdwc2t",
      {
        $type: "app.bsky.graph.list",
        purpose: "app.bsky.graph.defs#curatelist",
        name: "Network scientists",
        createdAt: "2024-05-10T08:00:00.000Z"
      }
    ],
    // 18
    [
      "app.bsky.graph.listitem/3kr6hr4xzds2u",
      {
        $type: "app.bsky.graph.listitem",
        subject: DAVE,
        list: uri(OWNER, "app.bsky.graph.list", "3kr6hqzvdwc2t"),
        createdAt: "2024-05-10T08:00:05.000Z"
      }
    ],
    // 19
    ["chat.bsky.actor.declaration/self", {$type: "chat.bsky.actor.declaration", allowIncoming: "following"}]
  ];
}

async function block(value: unknown): Promise<Block> {
  const bytes = dagCbor.encode(value);
  return {cid: CID.create(1, dagCbor.code, await sha256.digest(bytes)), bytes};
}

/** The MST layer of a key (repository spec): leading zero bits of SHA-256(key), in pairs. */
function specLayer(key: string): number {
  let zeros = 0;
  for (const byte of createHash("sha256").update(key).digest()) {
    zeros += byte === 0 ? 8 : Math.clz32(byte) - 24;
    if (byte !== 0) break;
  }
  return Math.floor(zeros / 2);
}

/** Writes the MST nodes over sorted `leaves` into `blocks` and returns the root's CID. */
async function buildMst(leaves: [string, CID][], blocks: Block[], layerOf = specLayer): Promise<CID> {
  async function node(entries: [string, CID][], layer: number): Promise<CID> {
    let left: CID | null = null;
    const nodeEntries: {p: number; k: Uint8Array; v: CID; t: CID | null}[] = [];
    let previous = "";
    let below: [string, CID][] = [];
    const flush = async () => {
      const subtree = below.length ? await node(below, layer - 1) : null;
      below = [];
      if (nodeEntries.length) nodeEntries[nodeEntries.length - 1]!.t = subtree;
      else left = subtree;
    };
    for (const [key, cid] of entries) {
      if (layerOf(key) < layer) {
        below.push([key, cid]);
        continue;
      }
      await flush();
      let shared = 0;
      while (shared < previous.length && previous[shared] === key[shared]) shared++;
      nodeEntries.push({p: shared, k: new TextEncoder().encode(key.slice(shared)), v: cid, t: null});
      previous = key;
    }
    await flush();
    const built = await block({l: left, e: nodeEntries});
    blocks.push(built);
    return built.cid;
  }
  return node(leaves, Math.max(0, ...leaves.map(([key]) => layerOf(key))));
}

interface Repo {
  blocks: Block[];
  commit: Block;
  records: Block[];
  nodes: Block[];
}

/** A repository of `records`: the commit, the MST nodes and the record blocks, in getRepo's order. */
async function buildRepo(records: [string, unknown][], layerOf = specLayer): Promise<Repo> {
  const recordBlocks = await Promise.all(records.map(([, value]) => block(value)));
  const nodes: Block[] = [];
  const root = await buildMst(
    records.map(([key], i) => [key, recordBlocks[i]!.cid]),
    nodes,
    layerOf
  );
  const commit = await block({
    did: OWNER,
    version: 3,
    data: root,
    rev: "3kr6hr5bdoc2u",
    prev: null,
    sig: new Uint8Array(64).fill(7)
  });
  return {commit, nodes, records: recordBlocks, blocks: [commit, ...[...nodes].reverse(), ...recordBlocks]};
}

async function carBytes(roots: CID[], blocks: Block[]): Promise<Uint8Array> {
  const {writer, out} = CarWriter.create(roots);
  const chunks: Uint8Array[] = [];
  const collected = (async () => {
    for await (const chunk of out) chunks.push(chunk);
  })();
  for (const each of blocks) await writer.put(each);
  await writer.close();
  await collected;
  return Buffer.concat(chunks);
}

function writeFile(content: Uint8Array | string, name = "repo.car"): string {
  const path = join(temp.dir, name);
  writeFileSync(path, content);
  return path;
}

async function importRepo(content: Uint8Array | string, name = "repo.car", out = "warehouse") {
  return importInto("bluesky", [writeFile(content, name)], join(temp.dir, out));
}

const post = (did: string, rkey: string) => `bluesky:${postUri(did, rkey)}`;

describe("bluesky importer on a repository export", () => {
  it("writes the owner's profile, posts, reposts, likes, follows and the accounts they name", async () => {
    const repo = await buildRepo(await fixtureRecords());
    await importRepo(await carBytes([repo.commit.cid], repo.blocks));
    const {db} = await openWarehouse(join(temp.dir, "warehouse"));
    try {
      expect(
        await db.query("SELECT account_id, network, handle, display_name, created_at FROM accounts ORDER BY account_id")
      ).toEqual([
        ...[BOB, ERIN].map((did) => ({
          account_id: `bluesky:${did}`,
          network: "bluesky",
          handle: did,
          display_name: null,
          created_at: null
        })),
        {
          account_id: `bluesky:${OWNER}`,
          network: "bluesky",
          handle: OWNER,
          display_name: "Alice 🦋",
          created_at: Date.UTC(2023, 3, 12, 8, 30)
        },
        ...[DAVE, CAROL].map((did) => ({
          account_id: `bluesky:${did}`,
          network: "bluesky",
          handle: did,
          display_name: null,
          created_at: null
        }))
      ]);

      expect(
        await db.query(
          `SELECT post_id, account_id, network, created_at, kind, parent_post_id, root_post_id, lang,
                  topics::VARCHAR AS topics, text
           FROM posts ORDER BY created_at`
        )
      ).toEqual(
        [
          [
            post(OWNER, "3kr2lmpxo6k2a"),
            Date.UTC(2024, 4, 1, 10),
            "post",
            null,
            null,
            "en",
            "[networks, atproto]",
            TEXT4
          ],
          [
            post(OWNER, "3kr2n3v5ic22b"),
            Date.UTC(2024, 4, 1, 12, 15, 30, 250),
            "reply",
            post(BOB, "3kr2mabcdxk2y"),
            post(BOB, "3kr2kxxjq5s2z"),
            "en",
            null,
            TEXT5
          ],
          // 11:00+02:00
          [
            post(OWNER, "3kr3bq7hyxc2l"),
            Date.UTC(2024, 4, 2, 9),
            "quote",
            post(DAVE, "3kr3azlrw6k2p"),
            null,
            "en",
            null,
            "This, exactly."
          ],
          [
            post(OWNER, "3kr3xd2owas2f"),
            Date.UTC(2024, 4, 3, 18, 45),
            "quote",
            post(ERIN, "3kr3vynmjuk2d"),
            null,
            "en",
            null,
            "Beautiful figure 📊"
          ],
          [
            post(OWNER, "3kr4fw5tnu22q"),
            Date.UTC(2024, 4, 4, 7, 20),
            "post",
            null,
            null,
            "en",
            null,
            "A feed for network science papers"
          ],
          [
            post(OWNER, "3kr4pz6lqe22w"),
            Date.UTC(2024, 4, 5, 21, 5),
            "reply",
            post(OWNER, "3kr2lmpxo6k2a"),
            post(OWNER, "3kr2lmpxo6k2a"),
            null,
            null,
            TEXT9
          ],
          [
            `bluesky:${uri(OWNER, "app.bsky.feed.repost", "3kr6c2ud7yk2j")}`,
            Date.UTC(2024, 4, 8, 14, 30),
            "repost",
            post(DAVE, "3kr3azlrw6k2p"),
            null,
            null,
            null,
            null
          ]
        ].map(([post_id, created_at, kind, parent_post_id, root_post_id, lang, topics, text]) => ({
          post_id,
          account_id: `bluesky:${OWNER}`,
          network: "bluesky",
          created_at,
          kind,
          parent_post_id,
          root_post_id,
          lang,
          topics,
          text
        }))
      );

      expect(
        await db.query(
          "SELECT ts, network, actor_id, target_id, post_id, kind, weight FROM interactions ORDER BY ts, kind"
        )
      ).toEqual(
        [
          [Date.UTC(2024, 4, 1, 12, 15, 30, 250), BOB, post(OWNER, "3kr2n3v5ic22b"), "mention"],
          [Date.UTC(2024, 4, 1, 12, 15, 30, 250), BOB, post(BOB, "3kr2mabcdxk2y"), "reply"],
          [Date.UTC(2024, 4, 2, 9), DAVE, post(DAVE, "3kr3azlrw6k2p"), "quote"],
          [Date.UTC(2024, 4, 3, 18, 45), ERIN, post(ERIN, "3kr3vynmjuk2d"), "quote"],
          // Carol is mentioned twice in the post: one mention interaction.
          [Date.UTC(2024, 4, 5, 21, 5), CAROL, post(OWNER, "3kr4pz6lqe22w"), "mention"],
          [Date.UTC(2024, 4, 5, 21, 5), OWNER, post(OWNER, "3kr2lmpxo6k2a"), "reply"],
          [Date.UTC(2024, 4, 6, 8), BOB, post(BOB, "3kr2kxxjq5s2z"), "like"],
          [Date.UTC(2024, 4, 8, 14, 30), DAVE, post(DAVE, "3kr3azlrw6k2p"), "repost"]
        ].map(([ts, target, post_id, kind]) => ({
          ts,
          network: "bluesky",
          actor_id: `bluesky:${OWNER}`,
          target_id: `bluesky:${target}`,
          post_id,
          kind,
          weight: null
        }))
      );

      expect(await db.query("SELECT follower_id, followee_id, network, since FROM follows ORDER BY since")).toEqual([
        {
          follower_id: `bluesky:${OWNER}`,
          followee_id: `bluesky:${BOB}`,
          network: "bluesky",
          since: Date.UTC(2024, 3, 20, 10)
        },
        {
          follower_id: `bluesky:${OWNER}`,
          followee_id: `bluesky:${CAROL}`,
          network: "bluesky",
          since: Date.UTC(2024, 4, 9, 16)
        }
      ]);
    } finally {
      db.close();
    }
  });

  it("accounts for every record, numbered in key order", async () => {
    const repo = await buildRepo(await fixtureRecords());
    // The fixture's keys lie on layers 0 and 1: a root node with subtrees under it.
    expect(repo.nodes.length).toBeGreaterThan(1);
    const manifest = await importRepo(await carBytes([repo.commit.cid], repo.blocks));
    const [report] = manifest.sources;
    expect(report).toMatchObject({
      format: "bluesky",
      records_read: 19,
      records_accepted: 11,
      rejected: 2,
      skipped: 6,
      written: {accounts: 5, posts: 7, interactions: 8, follows: 2}
    });
    expect(report!.records_read).toBe(report!.records_accepted + report!.rejected + report!.skipped);
    expect(report!.rejected_examples).toEqual([
      {line: 10, reason: "timestamp is not a valid date"},
      {line: 15, reason: "subject is not a DID"}
    ]);
    expect(report!.skipped_by_reason).toEqual({
      "like of app.bsky.feed.generator: not part of the model": 1,
      "app.bsky.feed.threadgate: not part of the model": 1,
      "app.bsky.graph.block: not part of the model": 1,
      "app.bsky.graph.list: not part of the model": 1,
      "app.bsky.graph.listitem: not part of the model": 1,
      "chat.bsky.actor.declaration: not part of the model": 1
    });
  });

  it("reads a single-node MST and a multi-level one alike", async () => {
    const records = await fixtureRecords();
    const flat = await buildRepo(records, () => 0);
    expect(flat.nodes).toHaveLength(1);
    const layered = await buildRepo(records);
    const a = await importRepo(await carBytes([flat.commit.cid], flat.blocks), "flat.car", "flat");
    const b = await importRepo(await carBytes([layered.commit.cid], layered.blocks), "layered.car", "layered");
    const summary = ({records_read, records_accepted, rejected_examples, written}: (typeof a.sources)[0]) => ({
      records_read,
      records_accepted,
      rejected_examples,
      written
    });
    expect(summary(a.sources[0]!)).toEqual(summary(b.sources[0]!));
  });

  it("rejects a profile with a bad createdAt but keeps its display name on the owner's account", async () => {
    const repo = await buildRepo([
      [
        "app.bsky.actor.profile/self",
        {$type: "app.bsky.actor.profile", displayName: "Alice", createdAt: "2023-13-01T00:00:00Z"}
      ],
      ["app.bsky.feed.post/3kr2lmpxo6k2a", {$type: "app.bsky.feed.post", text: "hi", createdAt: "2024-05-01T10:00:00Z"}]
    ]);
    const manifest = await importRepo(await carBytes([repo.commit.cid], repo.blocks));
    expect(manifest.sources[0]).toMatchObject({
      records_read: 2,
      records_accepted: 1,
      rejected_examples: [{line: 1, reason: "timestamp is not a valid date"}]
    });
    const {db} = await openWarehouse(join(temp.dir, "warehouse"));
    try {
      expect(await db.query("SELECT account_id, handle, display_name, created_at FROM accounts")).toEqual([
        {account_id: `bluesky:${OWNER}`, handle: OWNER, display_name: "Alice", created_at: null}
      ]);
    } finally {
      db.close();
    }
  });

  it("reads a gzipped CAR", async () => {
    const repo = await buildRepo(await fixtureRecords());
    const manifest = await importRepo(gzipSync(await carBytes([repo.commit.cid], repo.blocks)), "repo.car.gz");
    expect(manifest.sources[0]).toMatchObject({records_read: 19, records_accepted: 11});
  });

  it("skips posts already in the warehouse as duplicates", async () => {
    const repo = await buildRepo(await fixtureRecords());
    const path = writeFile(await carBytes([repo.commit.cid], repo.blocks));
    await importInto("bluesky", [path], join(temp.dir, "warehouse"));
    const manifest = await importInto("bluesky", [path], join(temp.dir, "warehouse"), {append: true});
    expect(manifest.sources[1]!.skipped_by_reason["duplicate post"]).toBe(7);
    expect(manifest.tables.posts.rows).toBe(7);
  });

  it("rejects a record whose block is missing or is not DAG-CBOR, and records of a bad shape", async () => {
    const records: [string, unknown][] = [
      ["app.bsky.feed.like/3kr5dqa6g7s2x", {$type: "app.bsky.feed.like", subject: ref(postUri(BOB, "3kr2kxxjq5s2z"))}],
      [
        "app.bsky.feed.like/3kr5dqa6g7s2y",
        {subject: {uri: "https://bsky.app/profile/bob"}, createdAt: "2024-05-06T08:00:00Z"}
      ],
      ["app.bsky.feed.post/3kr2lmpxo6k2a", {text: "dropped block", createdAt: "2024-05-01T10:00:00Z"}],
      [
        "app.bsky.feed.post/3kr2lmpxo6k2b",
        {text: "x", createdAt: "2024-05-01T10:00:00Z", reply: {root: {}, parent: {}}}
      ],
      [
        "app.bsky.feed.post/3kr2lmpxo6k2c",
        {
          text: "x",
          createdAt: "2024-05-01T10:00:00Z",
          reply: {parent: ref(postUri(BOB, "3kr2kxxjq5s2z")), root: {uri: "at://bob.example.com/x/y"}}
        }
      ],
      [
        "app.bsky.feed.post/3kr2lmpxo6k2d",
        {text: "x", createdAt: "2024-05-01T10:00:00Z", embed: {$type: "app.bsky.embed.record", record: {uri: 5}}}
      ],
      ["app.bsky.feed.post/3kr2lmpxo6k2e", "not a map"],
      ["app.bsky.feed.post/3kr2lmpxo6k2f", {text: "not CBOR"}],
      [
        "app.bsky.feed.repost/3kr6c2ud7yk2j",
        {subject: ref(uri(BOB, "app.bsky.graph.list", "x")), createdAt: "2024-05-08T14:30:00Z"}
      ],
      ["invalidkey", {createdAt: "2024-05-08T14:30:00Z"}]
    ];
    const repo = await buildRepo(records, () => 0);
    const missing = repo.records[2]!;
    const notCbor = {cid: repo.records[7]!.cid, bytes: new Uint8Array([0xff, 0x00])};
    const blocks = repo.blocks
      .filter((each) => each !== missing)
      .map((each) => (each.cid === notCbor.cid ? notCbor : each));
    const manifest = await importRepo(await carBytes([repo.commit.cid], blocks));
    expect(manifest.sources[0]).toMatchObject({records_read: 10, records_accepted: 0, rejected: 10});
    expect(manifest.sources[0]!.rejected_examples).toEqual([
      {line: 1, reason: "createdAt missing"},
      {line: 2, reason: "subject.uri is not an at:// URI"},
      {line: 3, reason: "record block missing from the CAR"},
      {line: 4, reason: "reply.parent.uri is not an at:// post URI"},
      {line: 5, reason: "reply.root.uri is not an at:// post URI"},
      {line: 6, reason: "embed.record.uri is not an at:// URI"},
      {line: 7, reason: "record is not a map"},
      {line: 8, reason: "record is not valid DAG-CBOR"},
      {line: 9, reason: "subject.uri is not an at:// post URI"},
      {line: 10, reason: "MST key is not collection/rkey"}
    ]);
  });
});

describe("bluesky importer on unusable input", () => {
  const expectError = async (content: Uint8Array | string, message: string) => {
    const path = writeFile(content);
    await expect(importInto("bluesky", [path], join(temp.dir, "warehouse"))).rejects.toThrow(`${path}: ${message}`);
  };

  it("names a file that is not a CAR, and an empty one", async () => {
    await expectError("at://did:plc:abc/app.bsky.feed.post/1\n", "not a CAR v1 file");
    await expectError(new Uint8Array([0x0a, 0xa1, 0x61, 0x78, 0x01]), "not a CAR v1 file");
    await expectError("", "empty file");
  });

  it("names a CAR without a root, with a missing root, or whose root is no commit", async () => {
    const repo = await buildRepo(await fixtureRecords());
    await expectError(await carBytes([], repo.blocks), "the CAR has no root (expected a repository commit)");
    await expectError(
      await carBytes([repo.commit.cid], repo.blocks.slice(1)),
      "the root block is not in the CAR (expected a repository commit)"
    );
    await expectError(
      await carBytes([repo.records[0]!.cid], repo.blocks),
      "the root is not a repository commit (no did and data)"
    );
  });

  it("names a truncated CAR and the block it cuts", async () => {
    const repo = await buildRepo(await fixtureRecords());
    const whole = await carBytes([repo.commit.cid], repo.blocks);
    // The last block starts where a CAR without it ends.
    const lastStart = (await carBytes([repo.commit.cid], repo.blocks.slice(0, -1))).length;
    const count = repo.blocks.length;
    await expectError(
      whole.subarray(0, whole.length - 10),
      `truncated CAR: block ${count} at byte ${lastStart} is cut short`
    );
    await expectError(
      whole.subarray(0, lastStart + 3),
      `truncated CAR: block ${count} at byte ${lastStart} is cut short`
    );
  });

  it("names damage inside a CAR", async () => {
    const repo = await buildRepo(await fixtureRecords());
    const whole = await carBytes([repo.commit.cid], repo.blocks);
    // A section of length zero after the last block.
    await expectError(
      Buffer.concat([whole, new Uint8Array([0x00, 0x01])]),
      `damaged CAR: block ${repo.blocks.length + 1} at byte ${whole.length} (Invalid CAR section (zero length))`
    );
  });

  it("names a missing MST node", async () => {
    const repo = await buildRepo(await fixtureRecords());
    const child = repo.nodes[0]!;
    await expectError(
      await carBytes(
        [repo.commit.cid],
        repo.blocks.filter((each) => each !== child)
      ),
      `MST node ${child.cid} is not in the CAR (an incomplete repository export)`
    );
  });

  it("refuses a folder", async () => {
    await expect(importInto("bluesky", [temp.dir], join(temp.dir, "warehouse"))).rejects.toThrow(
      `${temp.dir}: bluesky reads one .car file, not a folder`
    );
  });
});

describe("bluesky detection", () => {
  it("recognises a repository CAR by its header and app.bsky records", async () => {
    const repo = await buildRepo(await fixtureRecords());
    const bytes = await carBytes([repo.commit.cid], repo.blocks);
    const text = new TextDecoder().decode(bytes.subarray(0, 64 * 1024));
    expect(bluesky.detect!({name: "repo.car", text})).toBe("a CAR v1 file holding app.bsky records");
    const manifest = await importInto("auto", [writeFile(bytes)], join(temp.dir, "auto"));
    expect(manifest.sources[0]!.format).toBe("bluesky");
  });

  it("claims no other CAR, no text and no folder", async () => {
    const other = await block({hello: "world"});
    const car = await carBytes([other.cid], [other]);
    expect(bluesky.detect!({name: "x.car", text: new TextDecoder().decode(car)})).toBeUndefined();
    expect(bluesky.detect!({name: "x.txt", text: "roots version app.bsky.feed.post"})).toBeUndefined();
    expect(bluesky.detect!({name: "x", text: "", paths: ["repo.car"]})).toBeUndefined();
  });
});
