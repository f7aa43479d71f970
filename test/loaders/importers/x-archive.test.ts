import {readFileSync, readdirSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {zipSync} from "fflate";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {importInto} from "../../../loaders/import.js";
import {xArchive} from "../../../loaders/importers/x-archive.js";
import type {SourceReport} from "../../../loaders/report.js";
import {openWarehouse, type Manifest} from "../../../loaders/warehouse.js";
import {tempDir} from "../../helpers/world.js";

// A small archive written from the layout of real ones (see the module header of loaders/importers/x-archive.ts).
const FIXTURE = join(import.meta.dirname, "../../fixtures/x-archive");

let temp: ReturnType<typeof tempDir>;
beforeEach(() => void (temp = tempDir()));
afterEach(() => temp.remove());

/** The fixture's files as zip entries under `prefix`, with `changes` applied (undefined removes an entry). */
function archiveEntries(prefix = "", changes: Record<string, string | undefined> = {}): Record<string, Uint8Array> {
  const entries: Record<string, Uint8Array> = {};
  for (const name of readdirSync(join(FIXTURE, "data"))) {
    entries[`${prefix}data/${name}`] = new Uint8Array(readFileSync(join(FIXTURE, "data", name)));
  }
  for (const [path, content] of Object.entries(changes)) {
    if (content === undefined) delete entries[`${prefix}${path}`];
    else entries[`${prefix}${path}`] = new TextEncoder().encode(content);
  }
  return entries;
}

function writeZip(name: string, entries: Record<string, Uint8Array>): string {
  const file = join(temp.dir, name);
  writeFileSync(file, zipSync(entries));
  return file;
}

let imports = 0;

/** Imports into a new warehouse, which `query` then reads. */
async function importArchive(path: string, format = "x-archive"): Promise<Manifest> {
  return importInto(format, [path], join(temp.dir, `warehouse-${++imports}`));
}

async function query(sql: string): Promise<Record<string, unknown>[]> {
  const {db} = await openWarehouse(join(temp.dir, `warehouse-${imports}`));
  try {
    return await db.query(sql);
  } finally {
    db.close();
  }
}

const ISO = "%Y-%m-%dT%H:%M:%SZ";
const OWNER = "twitter:1234567890";
const T = (n: number) => `twitter:160000000000000000${n}`;

function bySource(manifest: Manifest): Record<string, SourceReport> {
  return Object.fromEntries(manifest.sources.map((source) => [source.file.replace(/^.*\/data\//, ""), source]));
}

describe("x-archive importer", () => {
  it("imports the owner's tweets as posts: originals, replies, text-only retweets", async () => {
    await importArchive(writeZip("twitter-2023-03-01.zip", archiveEntries()));
    expect(
      await query(
        `SELECT post_id, account_id, kind, parent_post_id, lang, text, strftime(created_at, '${ISO}') AS created
         FROM posts ORDER BY post_id`
      )
    ).toEqual([
      {
        post_id: T(1),
        account_id: OWNER,
        kind: "post",
        parent_post_id: null,
        lang: "en",
        text: "Pressed ferns from the #fieldtrip with @bob_botanist",
        created: "2023-02-18T12:33:11Z"
      },
      {
        post_id: T(2),
        account_id: OWNER,
        kind: "reply",
        parent_post_id: "twitter:1600000000000000900",
        lang: "en",
        text: "@bob_botanist did NOT know, thanks! cc @carol_maps",
        created: "2023-02-18T13:00:00Z"
      },
      // Retweets are text only: the original's id is unknown, unless a retweeted photo names it.
      {
        post_id: T(3),
        account_id: OWNER,
        kind: "repost",
        parent_post_id: null,
        lang: "en",
        text: "RT @carol_maps: New map of the valley https://t.co/x",
        created: "2023-02-19T08:15:00Z"
      },
      {
        post_id: T(4),
        account_id: OWNER,
        kind: "repost",
        parent_post_id: "twitter:1599999999999999999",
        lang: "en",
        text: "RT @dave_photos: Morning light https://t.co/p",
        created: "2023-02-19T09:00:00Z"
      },
      {
        post_id: T(5),
        account_id: OWNER,
        kind: "repost",
        parent_post_id: null,
        lang: "en",
        text: "RT @erin_old: a thread from 2009",
        created: "2023-02-20T10:00:00Z"
      },
      {
        post_id: T(6),
        account_id: OWNER,
        kind: "reply",
        parent_post_id: T(1),
        lang: "en",
        text: "2/ and the mosses",
        created: "2023-02-18T12:40:00Z"
      }
    ]);
  });

  it("emits replies, mentions and reposts; a retweeted handle without an id becomes twitter:@handle", async () => {
    await importArchive(writeZip("archive.zip", archiveEntries()));
    expect(
      await query(
        `SELECT kind, actor_id, target_id, post_id, strftime(ts, '${ISO}') AS ts FROM interactions ORDER BY ts, kind`
      )
    ).toEqual([
      {kind: "mention", actor_id: OWNER, target_id: "twitter:2002", post_id: T(1), ts: "2023-02-18T12:33:11Z"},
      // A thread: the owner replying to the owner (scoring decides what self-reactions are worth).
      {kind: "reply", actor_id: OWNER, target_id: OWNER, post_id: T(1), ts: "2023-02-18T12:40:00Z"},
      // The reply's leading @bob_botanist is the reply; @carol_maps is a mention.
      {kind: "mention", actor_id: OWNER, target_id: "twitter:3003", post_id: T(2), ts: "2023-02-18T13:00:00Z"},
      {
        kind: "reply",
        actor_id: OWNER,
        target_id: "twitter:2002",
        post_id: "twitter:1600000000000000900",
        ts: "2023-02-18T13:00:00Z"
      },
      // "RT @carol_maps:" — the id from the tweet's user_mentions.
      {kind: "repost", actor_id: OWNER, target_id: "twitter:3003", post_id: null, ts: "2023-02-19T08:15:00Z"},
      {
        kind: "repost",
        actor_id: OWNER,
        target_id: "twitter:4004",
        post_id: "twitter:1599999999999999999",
        ts: "2023-02-19T09:00:00Z"
      },
      {kind: "repost", actor_id: OWNER, target_id: "twitter:@erin_old", post_id: null, ts: "2023-02-20T10:00:00Z"}
    ]);
  });

  it("takes the owner from account.js, follows from follower.js and following.js", async () => {
    await importArchive(writeZip("archive.zip", archiveEntries()));
    expect(
      await query(
        `SELECT account_id, handle, display_name, strftime(created_at, '${ISO}') AS created FROM accounts ORDER BY account_id`
      )
    ).toEqual([
      {account_id: OWNER, handle: "ada_field", display_name: "Ada Field", created: "2011-06-23T13:04:14Z"},
      {account_id: "twitter:2002", handle: "bob_botanist", display_name: "Bob Botanist", created: null},
      {account_id: "twitter:3003", handle: "carol_maps", display_name: "Carol Maps", created: null},
      {account_id: "twitter:4004", handle: "dave_photos", display_name: "Dave Photos", created: null},
      // Followers and followees are known by id only.
      {account_id: "twitter:5005", handle: "5005", display_name: null, created: null},
      {account_id: "twitter:6006", handle: "6006", display_name: null, created: null},
      {account_id: "twitter:@erin_old", handle: "erin_old", display_name: null, created: null}
    ]);
    expect(
      await query("SELECT follower_id, followee_id, since FROM follows ORDER BY follower_id, followee_id")
    ).toEqual([
      {follower_id: OWNER, followee_id: "twitter:3003", since: null},
      {follower_id: OWNER, followee_id: "twitter:6006", since: null},
      {follower_id: "twitter:2002", followee_id: OWNER, since: null},
      {follower_id: "twitter:5005", followee_id: OWNER, since: null}
    ]);
  });

  it("accounts for every record of every file, likes and the profile skipped with reasons", async () => {
    const manifest = await importArchive(writeZip("archive.zip", archiveEntries()));
    const sources = bySource(manifest);
    // manifest.js is not read.
    expect(Object.keys(sources)).toEqual([
      "account.js",
      "tweets.js",
      "tweets-part1.js",
      "like.js",
      "follower.js",
      "following.js",
      "profile.js"
    ]);
    expect(sources["account.js"]).toMatchObject({records_read: 1, records_accepted: 1});
    expect(sources["tweets.js"]).toMatchObject({records_read: 6, records_accepted: 6, rejected: 0, skipped: 0});
    expect(sources["tweets-part1.js"]).toMatchObject({
      records_read: 2,
      records_accepted: 0,
      skipped_by_reason: {"duplicate post": 1},
      rejected_examples: [{line: 2, reason: "timestamp is not a valid date"}]
    });
    expect(sources["like.js"]).toMatchObject({
      records_read: 2,
      skipped_by_reason: {
        "like of the owner's own tweet: the archive does not date likes": 1,
        "like: the archive names neither the liked tweet's author nor when it was liked": 1
      }
    });
    expect(sources["follower.js"]).toMatchObject({records_read: 2, records_accepted: 2});
    expect(sources["following.js"]).toMatchObject({records_read: 2, records_accepted: 2});
    expect(sources["profile.js"]).toMatchObject({
      records_read: 1,
      skipped_by_reason: {"profile: bio, website and images are not part of the model": 1}
    });
    for (const source of manifest.sources) {
      expect(source.records_read).toBe(source.records_accepted + source.rejected + source.skipped);
    }
  });

  it("reads the archive as an unpacked folder, and inside a top folder of a zip", async () => {
    const folder = await importArchive(FIXTURE);
    expect(folder.tables.posts.rows).toBe(6);
    const nested = await importArchive(writeZip("nested.zip", archiveEntries("twitter-2023-03-01-abc/")));
    expect(nested.tables.posts.rows).toBe(6);
    expect(nested.tables.follows.rows).toBe(4);
  });

  it("reads older archives: data/tweet.js with bare tweets, a trailing semicolon", async () => {
    const tweet = {
      retweeted: false,
      entities: {hashtags: [], symbols: [], user_mentions: [], urls: []},
      favorite_count: "2",
      id_str: "1100000000000000001",
      retweet_count: "0",
      id: "1100000000000000001",
      created_at: "Tue Feb 26 09:00:00 +0000 2019",
      full_text: "From an archive of 2019",
      lang: "en"
    };
    const zip = writeZip(
      "twitter-2019.zip",
      archiveEntries("", {
        "data/tweets.js": undefined,
        "data/tweets-part1.js": undefined,
        "data/tweet.js": `window.YTD.tweet.part0 = ${JSON.stringify([tweet], null, 2)};\n`
      })
    );
    const manifest = await importArchive(zip);
    expect(bySource(manifest)["tweet.js"]).toMatchObject({records_read: 1, records_accepted: 1});
    expect(await query("SELECT post_id, account_id, kind FROM posts")).toEqual([
      {post_id: "twitter:1100000000000000001", account_id: OWNER, kind: "post"}
    ]);
  });

  it("is found by `sway import auto`", async () => {
    const manifest = await importArchive(writeZip("archive.zip", archiveEntries()), "auto");
    expect(manifest.sources[0]!.format).toBe("x-archive");
  });
});

describe("x-archive importer on unusable input", () => {
  it("a zip that is not an X archive", async () => {
    const zip = writeZip("photos.zip", {
      "photos/fern.jpg": new Uint8Array([0xff, 0xd8]),
      "data/notes.txt": new Uint8Array(1)
    });
    await expect(importArchive(zip)).rejects.toThrow(
      `${zip}: no data/tweets.js or data/account.js (expected an X archive)`
    );
  });

  it("an archive without data/account.js", async () => {
    const zip = writeZip("archive.zip", archiveEntries("", {"data/account.js": undefined}));
    await expect(importArchive(zip)).rejects.toThrow(
      `${zip}: no data/account.js (it names the archive's owner, the author of its tweets)`
    );
  });

  it("a data file without the window.YTD prefix", async () => {
    const zip = writeZip("archive.zip", archiveEntries("", {"data/tweets.js": '[{"tweet": {"id_str": "1"}}]'}));
    await expect(importArchive(zip)).rejects.toThrow(
      `${zip}/data/tweets.js: not an X archive data file (expected "window.YTD.<name>.part<N> = [")`
    );
  });

  it("a data file that breaks off", async () => {
    const content = 'window.YTD.follower.part0 = [\n  {\n    "follower" : {\n      "accountId" : "2002"';
    const zip = writeZip("archive.zip", archiveEntries("", {"data/follower.js": content}));
    await expect(importArchive(zip)).rejects.toThrow(
      `${zip}/data/follower.js: truncated JSON at byte ${new TextEncoder().encode(content).byteLength}`
    );
  });

  it("a data file that assigns an object, not an array", async () => {
    const zip = writeZip(
      "archive.zip",
      archiveEntries("", {"data/profile.js": 'window.YTD.profile.part0 = {"profile": {}}'})
    );
    await expect(importArchive(zip)).rejects.toThrow(`${zip}/data/profile.js: expected a JSON array at byte 27`);
  });

  it("a single file rather than the archive", async () => {
    await expect(importArchive(join(FIXTURE, "data/tweets.js"))).rejects.toThrow(
      "x-archive reads the archive's folder or .zip, not a single file"
    );
  });
});

describe("x-archive detect", () => {
  const detect = (paths?: string[], text = "") => xArchive.detect!({name: "sample", text, paths});

  it("recognises an archive by its data files", () => {
    expect(detect(["Your archive.html", "data/account.js", "data/tweets.js"])).toBe("X archive (data/account.js)");
    expect(detect(["x/data/tweet.js"])).toBe("X archive (x/data/tweet.js)");
  });

  it("claims nothing else", () => {
    expect(detect(["outbox.json", "actor.json"])).toBeUndefined();
    expect(detect(["data/tweets.json"])).toBeUndefined();
    expect(detect(undefined, "window.YTD.tweets.part0 = []")).toBeUndefined();
  });
});
