/**
 * The mastodon importer on a hand-written account archive (test/fixtures/mastodon/archive), read as a folder, a
 * zip and a tar.gz. The fixture follows what Mastodon itself writes:
 * - the archive's files and their order: `app/services/backup_service.rb` (outbox.json, likes.json,
 *   bookmarks.json, actor.json; attachment URLs made relative; `@context` dropped from each item);
 * - each outbox item: `ActivityPub::ActivityPresenter.from_status` (`Create`, or `Announce` whose `object` is the
 *   boosted URI, or the Note itself for a boost of one's own followers-only post) serialized by
 *   `app/serializers/activitypub/activity_serializer.rb` and `note_serializer.rb` (`Question` for polls,
 *   `contentMap` only when the language is known, `tag` with `Mention` named `@user` for local accounts and
 *   `@user@host` for remote ones, `quote`/`_misskey_quote`/`quoteUri` since 4.4/4.5);
 * - the audience: `app/lib/activitypub/tag_manager.rb` (`to`/`cc` per visibility; a boost's `cc` names the
 *   boosted author; direct messages go only to the mentioned actors);
 * - likes.json and bookmarks.json: `OrderedCollection`s of status URIs (`TagManager#uri_for`);
 * - actor.json: `app/serializers/activitypub/actor_serializer.rb` with `outbox`, `likes`, `bookmarks` and the
 *   avatar made relative;
 * - following_accounts.csv: `app/models/export.rb` (header since 3.3; one address per line before).
 * Status ids are Mastodon snowflakes (`lib/mastodon/snowflake.rb`: milliseconds << 16 plus a sequence), written
 * for the times the comments give; the GoToSocial id is a ULID whose time part was encoded by hand.
 */
import {cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {gzipSync} from "node:zlib";
import {zipSync} from "fflate";
import {createTar} from "nanotar";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {importInto} from "../../../loaders/import.js";
import {mastodon} from "../../../loaders/importers/mastodon/index.js";
import {addressOfUri, parseAddress} from "../../../loaders/importers/mastodon/accounts.js";
import {htmlToText} from "../../../loaders/importers/mastodon/html.js";
import {timeOfPostUri} from "../../../loaders/importers/mastodon/post-time.js";
import {openWarehouse} from "../../../loaders/warehouse.js";
import {tempDir} from "../../helpers/world.js";

const FIXTURE = "test/fixtures/mastodon/archive";
const ALICE = "https://social.example/users/alice/statuses/";
const BOB = "https://other.example/users/bob/statuses/";

let temp: ReturnType<typeof tempDir>;
beforeEach(() => void (temp = tempDir()));
afterEach(() => temp.remove());

/** The fixture's files, by name, with some replaced or removed (`undefined`). */
function archiveFiles(changes: Record<string, string | Uint8Array | undefined> = {}): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  for (const name of readdirSync(FIXTURE)) files[name] = readFileSync(join(FIXTURE, name));
  for (const [name, content] of Object.entries(changes)) {
    if (content === undefined) delete files[name];
    else files[name] = typeof content === "string" ? new TextEncoder().encode(content) : content;
  }
  return files;
}

function writeFolder(files: Record<string, Uint8Array>, name = "export"): string {
  const dir = join(temp.dir, name);
  mkdirSync(dir, {recursive: true});
  for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content);
  return dir;
}

function writeZip(files: Record<string, Uint8Array>, prefix = "", name = "archive.zip"): string {
  const path = join(temp.dir, name);
  writeFileSync(path, zipSync(Object.fromEntries(Object.entries(files).map(([file, data]) => [prefix + file, data]))));
  return path;
}

function importPath(path: string, options: {append?: boolean} = {}) {
  return importInto("mastodon", [path], join(temp.dir, "warehouse"), options);
}

/** Only an outbox (and the fixture's actor): for the malformed corpus. */
function outboxOnly(outbox: string | Uint8Array): string {
  return writeFolder(archiveFiles({"likes.json": undefined, "bookmarks.json": undefined, "outbox.json": outbox}));
}

function outboxOf(items: unknown[]): string {
  return JSON.stringify({type: "OrderedCollection", id: "outbox.json", orderedItems: items});
}

const PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
const FOLLOWERS = "https://social.example/users/alice/followers";

describe("mastodon importer on the fixture archive", () => {
  it("writes the owner, the accounts the archive names, and their posts, interactions and follows", async () => {
    await importPath(FIXTURE);
    const {db} = await openWarehouse(join(temp.dir, "warehouse"));
    try {
      expect(
        await db.query("SELECT account_id, network, handle, display_name, created_at FROM accounts ORDER BY account_id")
      ).toEqual([
        {
          account_id: "mastodon:alice@social.example",
          network: "mastodon",
          handle: "alice@social.example",
          display_name: "Alice Liddell 🐇",
          created_at: Date.UTC(2022, 10, 7)
        },
        ...[
          "bob@other.example",
          "carol@social.example",
          // Named @dave@example.org by the mention, though served from mastodon.example.org.
          "dave@example.org",
          "erin@photos.example",
          "frank@pleroma.example",
          "heidi@gts.example"
        ].map((handle) => ({
          account_id: `mastodon:${handle}`,
          network: "mastodon",
          handle,
          display_name: null,
          created_at: null
        }))
      ]);

      expect(
        await db.query(
          `SELECT post_id, account_id, created_at, kind, parent_post_id, root_post_id, lang, topics::VARCHAR AS topics, text
           FROM posts ORDER BY created_at`
        )
      ).toEqual([
        {
          post_id: `mastodon:${ALICE}112019668992006699`,
          account_id: "mastodon:alice@social.example",
          created_at: Date.UTC(2024, 2, 1, 9, 15),
          kind: "post",
          parent_post_id: null,
          root_post_id: null,
          lang: "en",
          topics: "[fediverse]",
          // The link's hidden `invisible` spans are part of the text: the whole URL comes back.
          text: "Reading about #Fediverse research & moderation: https://example.com/papers/2024/decentralised-moderation"
        },
        {
          post_id: `mastodon:${ALICE}112019855835144900`,
          account_id: "mastodon:alice@social.example",
          created_at: Date.UTC(2024, 2, 1, 10, 2, 31),
          kind: "reply",
          parent_post_id: `mastodon:${BOB}112019374080003889`,
          root_post_id: null,
          lang: "en",
          topics: null,
          text: "@bob Agreed, the 2nd chart is the key one.\n\nDo you have the data?"
        },
        {
          post_id: `mastodon:${ALICE}112027552972802519`,
          account_id: "mastodon:alice@social.example",
          created_at: Date.UTC(2024, 2, 2, 18, 40),
          kind: "reply",
          parent_post_id: "mastodon:https://mastodon.example.org/users/dave/statuses/112027180204047873",
          root_post_id: null,
          lang: "de",
          topics: null,
          text: '@dave @carol siehe auch Daves Thread: "Moderation"'
        },
        {
          post_id: `mastodon:${ALICE}112030580736027409/activity`,
          account_id: "mastodon:alice@social.example",
          created_at: Date.UTC(2024, 2, 3, 7, 30),
          kind: "repost",
          parent_post_id: "mastodon:https://photos.example/users/erin/statuses/112028528738327234",
          root_post_id: null,
          lang: null,
          topics: null,
          text: null
        },
        {
          post_id: `mastodon:${ALICE}112039231488031802`,
          account_id: "mastodon:alice@social.example",
          created_at: Date.UTC(2024, 2, 4, 20, 10),
          kind: "post",
          parent_post_id: null,
          root_post_id: null,
          lang: null,
          topics: null,
          text: "Which tool do you use for network analysis?"
        },
        {
          post_id: `mastodon:${ALICE}112055176396813107`,
          account_id: "mastodon:alice@social.example",
          created_at: Date.UTC(2024, 2, 7, 15, 45),
          kind: "reply",
          parent_post_id: "mastodon:https://pleroma.example/objects/6f1c2a3e-8b9d-4c1e-9f0a-1b2c3d4e5f60",
          root_post_id: null,
          lang: "en",
          topics: null,
          text: "@frank thanks!"
        },
        {
          post_id: `mastodon:${ALICE}112059246182417476`,
          account_id: "mastodon:alice@social.example",
          created_at: Date.UTC(2024, 2, 8, 9),
          kind: "reply",
          parent_post_id: `mastodon:${ALICE}112019668992006699`,
          root_post_id: null,
          lang: "en",
          topics: null,
          text: "Follow-up: the paper's code is on <codeberg>."
        },
        {
          post_id: `mastodon:${ALICE}112065970176021845`,
          account_id: "mastodon:alice@social.example",
          created_at: Date.UTC(2024, 2, 9, 13, 30),
          kind: "quote",
          parent_post_id: `mastodon:${BOB}112061714595842748`,
          root_post_id: null,
          lang: "en",
          topics: null,
          text: "This is the clearest summary so far.\n\nRE: https://other.example/@bob/112061714595842748"
        },
        {
          post_id: `mastodon:${ALICE}112072536883226214/activity`,
          account_id: "mastodon:alice@social.example",
          created_at: Date.UTC(2024, 2, 10, 17, 20),
          kind: "repost",
          parent_post_id: `mastodon:${ALICE}112039231488031802`,
          root_post_id: null,
          lang: null,
          topics: null,
          text: null
        },
        {
          post_id: `mastodon:${ALICE}112075525324830583`,
          account_id: "mastodon:alice@social.example",
          created_at: Date.UTC(2024, 2, 11, 6),
          kind: "post",
          parent_post_id: null,
          root_post_id: null,
          lang: "en",
          topics: "[sna, reading]",
          text: "Weekend reading list:\n1. Granovetter 1973\n2. Katz & Lazarsfeld 1955 :tada:\n\n#SNA #reading"
        }
      ]);

      const alice = "mastodon:alice@social.example";
      expect(
        await db.query(
          "SELECT ts, network, actor_id, target_id, post_id, kind, weight FROM interactions ORDER BY ts, kind, target_id"
        )
      ).toEqual(
        [
          // likes.json: timed by the liked post's snowflake (2024-02-28 21:00 and 2024-03-02 22:48:09 UTC)…
          [Date.UTC(2024, 1, 28, 21), "mastodon:bob@other.example", `${BOB}112011116544000066`, "like"],
          [Date.UTC(2024, 2, 1, 10, 2, 31), "mastodon:bob@other.example", `${ALICE}112019855835144900`, "mention"],
          [Date.UTC(2024, 2, 1, 10, 2, 31), "mastodon:bob@other.example", `${BOB}112019374080003889`, "reply"],
          [Date.UTC(2024, 2, 2, 18, 40), "mastodon:carol@social.example", `${ALICE}112027552972802519`, "mention"],
          [Date.UTC(2024, 2, 2, 18, 40), "mastodon:dave@example.org", `${ALICE}112027552972802519`, "mention"],
          [
            Date.UTC(2024, 2, 2, 18, 40),
            "mastodon:dave@example.org",
            "https://mastodon.example.org/users/dave/statuses/112027180204047873",
            "reply"
          ],
          [
            Date.UTC(2024, 2, 2, 22, 48, 9),
            "mastodon:erin@photos.example",
            "https://photos.example/users/erin/statuses/112028528738327234",
            "like"
          ],
          [
            Date.UTC(2024, 2, 3, 7, 30),
            "mastodon:erin@photos.example",
            "https://photos.example/users/erin/statuses/112028528738327234",
            "repost"
          ],
          // …and by the ULID of the GoToSocial post (01HR79R84N = 1709642096789 ms).
          [
            Date.UTC(2024, 2, 5, 12, 34, 56, 789),
            "mastodon:heidi@gts.example",
            "https://gts.example/users/heidi/statuses/01HR79R84NQ5V8T2ZK3M7XW9CD",
            "like"
          ],
          // The reply to a Pleroma object has no reply interaction: its URI names no author.
          [Date.UTC(2024, 2, 7, 15, 45), "mastodon:frank@pleroma.example", `${ALICE}112055176396813107`, "mention"],
          [Date.UTC(2024, 2, 8, 9), alice, `${ALICE}112019668992006699`, "reply"],
          [Date.UTC(2024, 2, 9, 13, 30), "mastodon:bob@other.example", `${BOB}112061714595842748`, "quote"],
          [Date.UTC(2024, 2, 10, 17, 20), alice, `${ALICE}112039231488031802`, "repost"]
        ].map(([ts, target_id, post, kind]) => ({
          ts,
          network: "mastodon",
          actor_id: alice,
          target_id,
          post_id: `mastodon:${post}`,
          kind,
          weight: null
        }))
      );

      expect(
        await db.query("SELECT follower_id, followee_id, network, since FROM follows ORDER BY followee_id")
      ).toEqual(
        ["bob@other.example", "dave@example.org", "heidi@gts.example"].map((handle) => ({
          follower_id: alice,
          followee_id: `mastodon:${handle}`,
          network: "mastodon",
          since: null
        }))
      );
    } finally {
      db.close();
    }
  });

  it("accounts for every record of every file: accepted, rejected or skipped with its reason", async () => {
    const manifest = await importPath(FIXTURE);
    const sources = Object.fromEntries(manifest.sources.map((report) => [report.file.split("/").pop(), report]));
    expect(Object.keys(sources)).toEqual([
      "actor.json",
      "outbox.json",
      "likes.json",
      "bookmarks.json",
      "following_accounts.csv"
    ]);
    expect(sources["actor.json"]).toMatchObject({records_read: 1, records_accepted: 1, written: {accounts: 1}});
    expect(sources["outbox.json"]).toMatchObject({
      records_read: 13,
      records_accepted: 10,
      rejected: 1,
      skipped: 2,
      rejected_examples: [{line: 7, reason: "timestamp is not a valid date"}],
      skipped_by_reason: {
        "direct message: not part of the model": 1,
        "boost: author not recoverable from the post URI": 1
      },
      written: {accounts: 5, posts: 10, interactions: 10}
    });
    expect(sources["likes.json"]).toMatchObject({
      records_read: 5,
      records_accepted: 3,
      skipped_by_reason: {
        "like: author not recoverable from the post URI": 1,
        "like: time not recoverable from the post URI": 1
      },
      written: {accounts: 1, interactions: 3}
    });
    expect(sources["bookmarks.json"]).toMatchObject({
      records_read: 2,
      skipped_by_reason: {"bookmark: private, not part of the model": 2},
      written: {}
    });
    expect(sources["following_accounts.csv"]).toMatchObject({
      records_read: 4,
      records_accepted: 3,
      skipped_by_reason: {"header line": 1},
      written: {follows: 3}
    });
    for (const report of manifest.sources) {
      expect(report.records_read).toBe(report.records_accepted + report.rejected + report.skipped);
    }
  });

  it("reads the same archive as a .zip, also with its files in a folder inside", async () => {
    for (const prefix of ["", "archive-20240312093000-5f2c9e/"]) {
      const manifest = await importInto(
        "mastodon",
        [writeZip(archiveFiles(), prefix)],
        join(temp.dir, prefix || "flat")
      );
      expect(manifest.sources.map((report) => report.file)).toEqual(
        ["actor.json", "outbox.json", "likes.json", "bookmarks.json", "following_accounts.csv"].map(
          (file) => `${join(temp.dir, "archive.zip")}/${prefix}${file}`
        )
      );
      expect(manifest.tables).toMatchObject({
        accounts: {rows: 7},
        posts: {rows: 10},
        interactions: {rows: 13},
        follows: {rows: 3}
      });
    }
  });

  it("reads the .tar.gz archives of servers before 4.1", async () => {
    const tar = createTar(Object.entries(archiveFiles()).map(([name, data]) => ({name, data})));
    const path = join(temp.dir, "archive-20220101000000-ab12.tar.gz");
    writeFileSync(path, gzipSync(tar));
    const manifest = await importPath(path);
    expect(manifest.tables).toMatchObject({posts: {rows: 10}, interactions: {rows: 13}, follows: {rows: 3}});
  });

  it("reads following_accounts.csv without a header (exports before 3.3)", async () => {
    const csv = readFileSync("test/fixtures/mastodon/following_accounts_before_3.3.csv", "utf8");
    const manifest = await importPath(writeFolder(archiveFiles({"following_accounts.csv": csv})));
    expect(manifest.sources.at(-1)).toMatchObject({records_read: 2, records_accepted: 2, skipped: 0});
    const {db} = await openWarehouse(join(temp.dir, "warehouse"));
    try {
      expect(await db.query("SELECT followee_id FROM follows ORDER BY followee_id")).toEqual([
        {followee_id: "mastodon:bob@other.example"},
        {followee_id: "mastodon:heidi@gts.example"}
      ]);
    } finally {
      db.close();
    }
  });

  it("rejects a following line that is no address, skips blank lines, and puts bare names on the owner's server", async () => {
    const csv =
      "Account address,Show boosts,Notify on new posts,Languages\ncarol,true,false,\n\nnot an address,true,false,\n";
    const manifest = await importPath(writeFolder(archiveFiles({"following_accounts.csv": csv})));
    expect(manifest.sources.at(-1)).toMatchObject({
      records_read: 4,
      records_accepted: 1,
      rejected_examples: [{line: 4, reason: "not an account address (user@domain)"}],
      skipped_by_reason: {"header line": 1, "blank line": 1}
    });
    const {db} = await openWarehouse(join(temp.dir, "warehouse"));
    try {
      expect(await db.query("SELECT followee_id FROM follows")).toEqual([
        {followee_id: "mastodon:carol@social.example"}
      ]);
    } finally {
      db.close();
    }
  });

  it("skips posts already in the warehouse as duplicates when the archive is imported again", async () => {
    await importPath(FIXTURE);
    const manifest = await importPath(FIXTURE, {append: true});
    const outbox = manifest.sources.find((report) => report.file.endsWith("outbox.json") && report.skipped > 2)!;
    expect(outbox).toMatchObject({records_read: 13, records_accepted: 0, rejected: 1, skipped: 12});
    expect(outbox.skipped_by_reason).toEqual({
      "duplicate post": 10,
      "direct message: not part of the model": 1,
      "boost: author not recoverable from the post URI": 1
    });
    expect(manifest.tables.posts.rows).toBe(10);
  });

  it("rejects outbox items it cannot read, naming the reason", async () => {
    const note = (fields: Record<string, unknown>) => ({
      type: "Create",
      to: [PUBLIC],
      object: {type: "Note", to: [PUBLIC], published: "2024-03-01T00:00:00Z", content: "<p>x</p>", ...fields}
    });
    const items = [
      "https://social.example/users/alice/statuses/1",
      {type: "Like", object: `${BOB}1`},
      {type: "Create", object: `${ALICE}2`},
      note({}),
      note({id: `${ALICE}3`, published: "yesterday"}),
      {type: "Announce", to: [PUBLIC], published: "2024-03-01T00:00:00Z", object: `${BOB}4`},
      {id: `${ALICE}5/activity`, type: "Announce", to: [PUBLIC], published: "2024-03-01T00:00:00Z"},
      {
        id: `${ALICE}6/activity`,
        type: "Announce",
        to: [FOLLOWERS],
        published: "2024-03-01T00:00:00Z",
        object: `${BOB}6`
      }
    ];
    const manifest = await importPath(outboxOnly(outboxOf(items)));
    expect(manifest.sources[1]).toMatchObject({records_read: 8, records_accepted: 1, rejected: 7, skipped: 0});
    expect(manifest.sources[1]!.rejected_examples).toEqual([
      {line: 1, reason: "activity is not an object"},
      {line: 2, reason: "activity type is not Create or Announce"},
      {line: 3, reason: "Create: object is not a Note"},
      {line: 4, reason: "Note: id missing"},
      {line: 5, reason: "timestamp is not a valid date"},
      {line: 6, reason: "Announce: id missing"},
      {line: 7, reason: "Announce: object is not a post URI"}
    ]);
  });

  it("rejects likes that are not URIs", async () => {
    const likes = JSON.stringify({type: "OrderedCollection", orderedItems: [{id: `${BOB}1`}, "not a uri"]});
    const manifest = await importPath(writeFolder(archiveFiles({"likes.json": likes})));
    expect(manifest.sources[2]!.rejected_examples).toEqual([
      {line: 1, reason: "like: not a post URI"},
      {line: 2, reason: "like: not a post URI"}
    ]);
  });
});

describe("mastodon importer on unusable input", () => {
  const expectError = (path: string, message: string) => expect(importPath(path)).rejects.toThrow(message);

  it("names a zip without outbox.json", async () => {
    const zip = writeZip(archiveFiles({"outbox.json": undefined}));
    await expectError(zip, `${zip}: no outbox.json (expected a Mastodon export)`);
  });

  it("names an archive without actor.json", async () => {
    const zip = writeZip(archiveFiles({"actor.json": undefined}));
    await expectError(zip, `${zip}: no actor.json (expected a Mastodon export)`);
  });

  it("names a truncated outbox and where it ends", async () => {
    const outbox = readFileSync(join(FIXTURE, "outbox.json")).subarray(0, 5000);
    const dir = outboxOnly(outbox);
    await expectError(dir, `${dir}/outbox.json: truncated JSON at byte 5000`);
  });

  it("names an empty, a binary, a non-UTF-8 and a non-collection outbox", async () => {
    const cases: [string | Uint8Array, string][] = [
      ["", "empty file"],
      [
        new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        'not valid JSON (Unexpected "\\x89" at byte 0)'
      ],
      [
        new Uint8Array([...new TextEncoder().encode('{"orderedItems": ["caf'), 0xe9, 0x22, 0x5d, 0x7d]),
        "not valid UTF-8 text"
      ],
      ['{"orderedItems": [1, 2,]}', 'not valid JSON (Unexpected RIGHT_BRACKET ("]"))'],
      ["[1, 2]", 'not an ActivityStreams OrderedCollection (no "type": "OrderedCollection")'],
      ['{"type": "OrderedCollection", "orderedItems": []} {}', 'not valid JSON (Unexpected "{" at byte 50)']
    ];
    for (const [outbox, message] of cases) {
      const dir = outboxOnly(outbox);
      await expectError(dir, `${dir}/outbox.json: ${message}`);
      rmSync(dir, {recursive: true});
    }
  });

  it("names an actor.json that is no actor", async () => {
    const dir = writeFolder(archiveFiles({"actor.json": '{"type": "Person", "name": "Alice"}'}));
    await expectError(
      dir,
      `${dir}/actor.json: no actor id and preferredUsername (expected the account's ActivityPub actor)`
    );
  });

  it("refuses a single file", async () => {
    const file = join(temp.dir, "outbox.json");
    cpSync(join(FIXTURE, "outbox.json"), file);
    await expectError(file, `${file}: mastodon reads an archive (.zip) or its folder, not a single file`);
  });
});

describe("mastodon detection", () => {
  it("recognises an archive by its outbox.json and actor.json, also in a folder inside", async () => {
    expect(mastodon.detect!({name: "a.zip", text: "", paths: ["actor.json", "avatar.png", "outbox.json"]})).toBe(
      "a Mastodon archive (outbox.json and actor.json)"
    );
    expect(mastodon.detect!({name: "a.zip", text: "", paths: ["x/actor.json", "x/likes.json", "x/outbox.json"]})).toBe(
      "a Mastodon archive (outbox.json and actor.json)"
    );
    const manifest = await importInto("auto", [writeZip(archiveFiles())], join(temp.dir, "auto"));
    expect(manifest.sources[0]!.format).toBe("mastodon");
  });

  it("claims no single file, and no folder without both files", () => {
    expect(mastodon.detect!({name: "outbox.json", text: '{"type":"OrderedCollection"}'})).toBeUndefined();
    expect(mastodon.detect!({name: "a.zip", text: "", paths: ["outbox.json"]})).toBeUndefined();
    expect(mastodon.detect!({name: "a.zip", text: "", paths: ["data/tweets.js", "data/account.js"]})).toBeUndefined();
    expect(mastodon.detect!({name: "a.zip", text: "", paths: ["x/outbox.json", "actor.json"]})).toBeUndefined();
  });
});

describe("mastodon building blocks", () => {
  it("htmlToText keeps the text of every element, breaks lines and paragraphs, and decodes references", () => {
    expect(htmlToText("<p>a<br>b<br />c</p><p>d</p>")).toBe("a\nb\nc\n\nd");
    expect(htmlToText("<p>x &lt;b&gt; &amp;amp; &#233;&#xE9; &nbsp;y&unknown;</p>")).toBe(
      "x <b> &amp; éé \u00a0y&unknown;"
    );
    expect(htmlToText("<a href=\"x>y\" title='>'>link</a>\n  text<!-- <p> -->")).toBe("link text");
    expect(htmlToText("<ul><li>one</li><li>two</li></ul><script>alert(1)</script>")).toBe("one\n\ntwo");
  });

  it("addressOfUri reads the user from /users/NAME and /@NAME paths only", () => {
    expect(addressOfUri("https://Social.Example/users/Alice/statuses/1/activity")).toEqual({
      user: "Alice",
      host: "social.example"
    });
    expect(addressOfUri("https://other.example/@bob/112")).toEqual({user: "bob", host: "other.example"});
    expect(addressOfUri("https://social.example/@dave@example.org/9")).toEqual({user: "dave", host: "example.org"});
    expect(addressOfUri("https://pleroma.example/objects/6f1c2a3e")).toBeUndefined();
    expect(addressOfUri("https://misskey.example/notes/9q8w7e6r5t")).toBeUndefined();
    expect(addressOfUri("at://did:plc:abc/app.bsky.feed.post/1")).toBeUndefined();
    expect(parseAddress("@carol", "social.example")).toEqual({user: "carol", host: "social.example"});
    expect(parseAddress("a@b@c")).toBeUndefined();
  });

  it("timeOfPostUri reads Mastodon snowflakes and GoToSocial ULIDs, and nothing else", () => {
    // 112019668992006699 >> 16 = 1709284500000 ms = 2024-03-01T09:15:00Z (computed by hand: 1709284500000 * 65536 + 0x1a2b).
    expect(timeOfPostUri(`${ALICE}112019668992006699`)).toEqual(new Date(Date.UTC(2024, 2, 1, 9, 15)));
    expect(timeOfPostUri(`${ALICE}112019668992006699/activity`)).toEqual(new Date(Date.UTC(2024, 2, 1, 9, 15)));
    expect(timeOfPostUri("https://gts.example/users/heidi/statuses/01HR79R84NQ5V8T2ZK3M7XW9CD")).toEqual(
      new Date(Date.UTC(2024, 2, 5, 12, 34, 56, 789))
    );
    expect(timeOfPostUri("https://old.example/users/ivan/statuses/98765")).toBeUndefined();
    expect(timeOfPostUri("https://pleroma.example/objects/6f1c2a3e-8b9d-4c1e-9f0a-1b2c3d4e5f60")).toBeUndefined();
  });
});
