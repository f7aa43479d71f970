import {copyFileSync, mkdirSync, readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {gzipSync} from "node:zlib";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {importInto} from "../../../loaders/import.js";
import {reddit} from "../../../loaders/importers/reddit.js";
import {openWarehouse} from "../../../loaders/warehouse.js";
import {tempDir} from "../../helpers/world.js";

let temp: ReturnType<typeof tempDir>;
beforeEach(() => void (temp = tempDir()));
afterEach(() => temp.remove());

const FIXTURES = "test/fixtures/reddit";
const DUMP = join(FIXTURES, "dump.ndjson");
const s = (seconds: number) => seconds * 1000;

async function importFiles(paths: string[]) {
  const out = join(temp.dir, "warehouse");
  const manifest = await importInto("reddit", paths, out);
  const {db} = await openWarehouse(out);
  try {
    return {
      manifest,
      accounts: await db.query("SELECT account_id, network, handle, created_at FROM accounts ORDER BY account_id"),
      posts: await db.query(
        `SELECT post_id, account_id, network, created_at, kind, parent_post_id, root_post_id,
                array_to_string(topics, '|') AS topics, text
         FROM posts ORDER BY created_at`
      ),
      interactions: await db.query(
        "SELECT ts, network, actor_id, target_id, post_id, kind, weight FROM interactions ORDER BY ts"
      )
    };
  } finally {
    db.close();
  }
}

function write(name: string, content: string | Uint8Array): string {
  const path = join(temp.dir, name);
  writeFileSync(path, content);
  return path;
}

describe("reddit importer", () => {
  it("turns submissions into posts, comments into replies and known parents into reply interactions", async () => {
    const {accounts, posts, interactions} = await importFiles([DUMP]);
    expect(accounts).toEqual([
      {account_id: "reddit:alice", network: "reddit", handle: "alice", created_at: s(1300000000)},
      {account_id: "reddit:bob", network: "reddit", handle: "bob", created_at: null},
      {account_id: "reddit:carol", network: "reddit", handle: "carol", created_at: null},
      {account_id: "reddit:dave", network: "reddit", handle: "dave", created_at: null}
    ]);
    const post = {network: "reddit", parent_post_id: null, root_post_id: null};
    expect(posts).toEqual([
      {
        ...post,
        post_id: "reddit:t3_s1",
        account_id: "reddit:alice",
        created_at: s(1420070400),
        kind: "post",
        topics: "science",
        text: "First post\n\nBody text"
      },
      {
        ...post,
        post_id: "reddit:t1_c1",
        account_id: "reddit:bob",
        created_at: s(1420070460),
        kind: "reply",
        parent_post_id: "reddit:t3_s1",
        root_post_id: "reddit:t3_s1",
        topics: "science",
        text: "Nice"
      },
      {
        ...post,
        post_id: "reddit:t1_c2",
        account_id: "reddit:alice",
        created_at: s(1420070520),
        kind: "reply",
        parent_post_id: "reddit:t1_c1",
        root_post_id: "reddit:t3_s1",
        topics: "science",
        text: null
      },
      {
        ...post,
        post_id: "reddit:t1_c3",
        account_id: "reddit:carol",
        created_at: s(1420070580),
        kind: "reply",
        parent_post_id: "reddit:t1_zz9",
        root_post_id: "reddit:t3_zz0",
        topics: "science",
        text: "Parent not in this dump"
      },
      {
        ...post,
        post_id: "reddit:t3_s2",
        account_id: "reddit:bob",
        created_at: s(1420074000),
        kind: "post",
        topics: "AskReddit",
        text: "Ask me anything"
      },
      {
        ...post,
        post_id: "reddit:t1_c4",
        account_id: "reddit:dave",
        created_at: s(1420074060),
        kind: "reply",
        parent_post_id: "reddit:t3_s2",
        root_post_id: "reddit:t3_s2",
        topics: "AskReddit",
        text: "Hello Bob"
      }
    ]);
    // carol's comment has no interaction: its parent t1_zz9 is not in the dump.
    const reply = {network: "reddit", kind: "reply"};
    expect(interactions).toEqual([
      {
        ...reply,
        ts: s(1420070460),
        actor_id: "reddit:bob",
        target_id: "reddit:alice",
        post_id: "reddit:t3_s1",
        weight: 7
      },
      {
        ...reply,
        ts: s(1420070520),
        actor_id: "reddit:alice",
        target_id: "reddit:bob",
        post_id: "reddit:t1_c1",
        weight: -2
      },
      {
        ...reply,
        ts: s(1420074060),
        actor_id: "reddit:dave",
        target_id: "reddit:bob",
        post_id: "reddit:t3_s2",
        weight: 0
      }
    ]);
  });

  it("accounts for every line: skips and rejections with their reasons and lines", async () => {
    const {manifest} = await importFiles([DUMP]);
    const [report] = manifest.sources;
    expect(report).toMatchObject({
      format: "reddit",
      file: DUMP,
      records_read: 17,
      records_accepted: 6,
      rejected: 8,
      skipped: 3,
      skipped_by_reason: {"blank line": 1, "deleted author": 1, "duplicate post": 1},
      written: {accounts: 4, posts: 6, interactions: 3},
      // alice and bob post twice: their second account rows are merged.
      merged: {accounts: 2}
    });
    expect(report!.records_read).toBe(report!.records_accepted + report!.rejected + report!.skipped);
    expect(report!.rejected_examples).toEqual([
      {line: 8, reason: "not valid JSON"},
      {line: 9, reason: "not a JSON object"},
      {line: 10, reason: "neither a comment nor a submission (no parent_id, body or title)"},
      {line: 11, reason: "missing id"},
      {line: 12, reason: "parent_id is not a t1_ or t3_ id"},
      {line: 13, reason: "timestamp is not a valid date"},
      {line: 16, reason: "link_id is not a t3_ id"},
      {line: 17, reason: "missing author"}
    ]);
  });

  it("reads the same dump gzipped and zstd-compressed, whatever the file name", async () => {
    const plain = await importFiles([DUMP]);
    temp.remove();
    temp = tempDir();
    const gz = await importFiles([write("RC_2015-01.gz", gzipSync(readFileSync(DUMP)))]);
    temp.remove();
    temp = tempDir();
    const zst = await importFiles([join(FIXTURES, "dump.ndjson.zst")]);
    for (const other of [gz, zst]) {
      expect(other.accounts).toEqual(plain.accounts);
      expect(other.posts).toEqual(plain.posts);
      expect(other.interactions).toEqual(plain.interactions);
      expect(other.manifest.sources[0]).toMatchObject({records_read: 17, records_accepted: 6, rejected: 8});
    }
  });

  it("finds parents in an earlier file of the same import, not in a later one", async () => {
    const lines = readFileSync(DUMP, "utf8").split("\n");
    const submissions = write("RS_2015-01.ndjson", [lines[0], lines[13]].join("\n"));
    const comments = write("RC_2015-01.ndjson", [lines[1], lines[14]].join("\n"));
    const inOrder = await importFiles([submissions, comments]);
    expect(inOrder.interactions.map((i) => [i.actor_id, i.target_id])).toEqual([
      ["reddit:bob", "reddit:alice"],
      ["reddit:dave", "reddit:bob"]
    ]);
    temp.remove();
    temp = tempDir();
    const reversed = await importFiles([
      write("RC_2015-01.ndjson", [lines[1], lines[14]].join("\n")),
      write("RS_2015-01.ndjson", [lines[0], lines[13]].join("\n"))
    ]);
    expect(reversed.interactions).toEqual([]);
    expect(reversed.posts).toHaveLength(4);
  });

  it("explains unusable input in one line naming the file", async () => {
    const cases: [string, string | Uint8Array, string][] = [
      ["empty.ndjson", "", "empty file"],
      ["blank.ndjson", "\n\n", "empty file"],
      ["binary.ndjson", "\u0000\u0001\u0002PK", "looks binary, not text"],
      ["bad-utf8.ndjson", Uint8Array.from([0x7b, 0x7d, 0x0a, 0xc3, 0x28, 0x0a]), "line 2: not valid UTF-8 text"],
      [
        "array.json",
        '[\n  {"id": "c1", "author": "bob"}\n]\n',
        "line 1: a JSON array, not one JSON object per line (expected a Pushshift NDJSON dump)"
      ],
      [
        "truncated.zst",
        readFileSync(join(FIXTURES, "dump.ndjson.zst")).subarray(0, 300),
        "not valid zstd data (unexpected EOF)"
      ]
    ];
    for (const [name, content, message] of cases) {
      const path = write(name, content);
      await expect(importInto("reddit", [path], join(temp.dir, `out-${name}`))).rejects.toThrow(`${path}: ${message}`);
    }
    const folder = join(temp.dir, "folder");
    mkdirSync(folder);
    copyFileSync(DUMP, join(folder, "dump.ndjson"));
    await expect(importInto("reddit", [folder], join(temp.dir, "out"))).rejects.toThrow(
      `${folder}: reddit reads one file, not a folder`
    );
  });

  it("refuses a zstd window too large to decompress here, saying how to decompress it first", async () => {
    const file = join(FIXTURES, "long-window.ndjson.zst");
    await expect(importInto("reddit", [file], join(temp.dir, "out"))).rejects.toThrow(
      `${file}: zstd window of 2048 MiB is larger than the 128 MiB read here; ` +
        "decompress it first (zstd -d --long=31) and import the result"
    );
  });

  it("detects comment and submission dumps and nothing else", () => {
    const lines = readFileSync(DUMP, "utf8").split("\n");
    expect(reddit.detect!({name: "RC_2015-01", text: lines.slice(1, 4).join("\n")})).toBe(
      "NDJSON of Reddit comments (parent_id, subreddit, created_utc)"
    );
    expect(reddit.detect!({name: "RS_2015-01", text: lines[0]!})).toBe(
      "NDJSON of Reddit submissions (title, subreddit, created_utc)"
    );
    for (const text of [
      "1 2 1341100972 RT",
      '{"accounts": []}',
      '{"id": "1", "author": "a", "created_utc": 1, "text": "a tweet"}',
      '{"created_at": "x", "subreddit": "science", "author": "a", "parent_id": "t3_x"}',
      "",
      "not json"
    ]) {
      expect(reddit.detect!({name: "x", text})).toBeUndefined();
    }
    expect(reddit.detect!({name: "folder", text: "", paths: ["RC_2015-01.zst"]})).toBeUndefined();
  });
});
