import {readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {importInto} from "../../../loaders/import.js";
import {swayJson} from "../../../loaders/importers/sway-json.js";
import {openWarehouse, REJECTS_FILE} from "../../../loaders/warehouse.js";
import {tempDir} from "../../helpers/world.js";

let temp: ReturnType<typeof tempDir>;
beforeEach(() => void (temp = tempDir()));
afterEach(() => temp.remove());

// A valid world touching every table and every column type.
const WORLD = {
  _note: "keys starting with _ are comments",
  accounts: [
    {
      account_id: "twitter:1",
      network: "twitter",
      handle: "<b>ada</b>",
      display_name: 'Ada & "Co"',
      person_id: "p1",
      followers: 1200,
      following: 3,
      listed: 0,
      created_at: "2020-01-02T03:04:05Z",
      verified: true
    },
    {account_id: "mastodon:7", network: "mastodon", handle: "ada@example.social", person_id: "p1"}
  ],
  posts: [
    {
      post_id: "twitter:p1",
      account_id: "twitter:1",
      network: "twitter",
      created_at: "2026-03-01T12:00:00+01:00",
      kind: "post",
      lang: "en",
      topics: ["science", "graphs"],
      text: "日本語も"
    }
  ],
  interactions: [
    {ts: "2026-03-01T12:30:00Z", network: "twitter", actor_id: "twitter:2", target_id: "twitter:1", kind: "repost"},
    {
      ts: "2026-03-01T13:00:00.250Z",
      network: "twitter",
      actor_id: "twitter:3",
      target_id: "twitter:1",
      post_id: "twitter:p1",
      kind: "like",
      weight: 0.5
    }
  ],
  follows: [{follower_id: "twitter:2", followee_id: "twitter:1", network: "twitter", since: "2025-12-31T23:59Z"}],
  identities: [
    {person_id: "p1", account_id: "twitter:1"},
    {person_id: "p1", account_id: "mastodon:7"}
  ],
  truth: [{account_id: "twitter:1", influence: 0.9, role: "organic"}]
};

async function importJson(content: string, name = "world.json") {
  const file = join(temp.dir, name);
  writeFileSync(file, content);
  const manifest = await importInto("sway-json", [file], join(temp.dir, "warehouse"));
  return {file, manifest, report: manifest.sources[0]!};
}

describe("sway-json importer", () => {
  it("writes every record into its table, with timestamps in UTC and unlisted accounts added", async () => {
    const {report} = await importJson(JSON.stringify(WORLD));
    expect(report).toMatchObject({records_read: 9, records_accepted: 9, rejected: 0});
    expect(report.written).toEqual({accounts: 4, posts: 1, interactions: 2, follows: 1, identities: 2, truth: 1});
    const {db} = await openWarehouse(join(temp.dir, "warehouse"));
    try {
      expect(
        await db.query(
          "SELECT account_id, handle, display_name, person_id, followers, listed, created_at, verified FROM accounts ORDER BY account_id"
        )
      ).toEqual([
        {
          account_id: "mastodon:7",
          handle: "ada@example.social",
          display_name: null,
          person_id: "p1",
          followers: null,
          listed: null,
          created_at: null,
          verified: null
        },
        {
          account_id: "twitter:1",
          handle: "<b>ada</b>",
          display_name: 'Ada & "Co"',
          person_id: "p1",
          followers: 1200,
          listed: 0,
          created_at: Date.UTC(2020, 0, 2, 3, 4, 5),
          verified: true
        },
        // Referred to by an interaction or a follow but not listed: the native id becomes the handle.
        {
          account_id: "twitter:2",
          handle: "2",
          display_name: null,
          person_id: null,
          followers: null,
          listed: null,
          created_at: null,
          verified: null
        },
        {
          account_id: "twitter:3",
          handle: "3",
          display_name: null,
          person_id: null,
          followers: null,
          listed: null,
          created_at: null,
          verified: null
        }
      ]);
      expect(await db.query("SELECT post_id, created_at, kind, topics::VARCHAR AS topics, text FROM posts")).toEqual([
        {
          post_id: "twitter:p1",
          created_at: Date.UTC(2026, 2, 1, 11, 0),
          kind: "post",
          topics: "[science, graphs]",
          text: "日本語も"
        }
      ]);
      expect(await db.query("SELECT ts, actor_id, post_id, kind, weight FROM interactions ORDER BY ts")).toEqual([
        {ts: Date.UTC(2026, 2, 1, 12, 30), actor_id: "twitter:2", post_id: null, kind: "repost", weight: null},
        {
          ts: Date.UTC(2026, 2, 1, 13, 0, 0, 250),
          actor_id: "twitter:3",
          post_id: "twitter:p1",
          kind: "like",
          weight: 0.5
        }
      ]);
      expect(await db.query("SELECT follower_id, since FROM follows")).toEqual([
        {follower_id: "twitter:2", since: Date.UTC(2025, 11, 31, 23, 59)}
      ]);
      expect(await db.query("SELECT person_id, account_id FROM identities ORDER BY account_id")).toEqual([
        {person_id: "p1", account_id: "mastodon:7"},
        {person_id: "p1", account_id: "twitter:1"}
      ]);
      expect(await db.query("SELECT * FROM truth")).toEqual([
        {account_id: "twitter:1", influence: 0.9, role: "organic"}
      ]);
    } finally {
      db.close();
    }
  });

  it("rejects each kind of bad record with its array position and a reason naming the field", async () => {
    const interaction = {ts: "2026-03-01T12:00:00Z", network: "twitter", actor_id: "twitter:1", target_id: "twitter:2"};
    const bad = {
      accounts: [
        {account_id: "twitter:1", network: "twitter", handle: "ok"},
        {account_id: "twitter:9", network: "twitter"},
        {account_id: "nine", network: "twitter", handle: "nine"},
        {account_id: "mastodon:9", network: "twitter", handle: "elsewhere"},
        {account_id: "twitter:9", network: "twitter", handle: "nine", followers: -3},
        {account_id: "twitter:9", network: "twitter", handle: "nine", followers: "many"},
        {account_id: "twitter:9", network: "twitter", handle: "nine", verified: "yes"},
        {account_id: "twitter:9", network: "twitter", handle: "nine", colour: "red"},
        "twitter:9"
      ],
      posts: [
        {post_id: "p", account_id: "twitter:1", network: "twitter", created_at: "2026-03-01T12:00:00Z", kind: "story"},
        {post_id: "p", account_id: "twitter:1", network: "twitter", created_at: "2026-03-01", kind: "post"},
        {post_id: "p", account_id: "twitter:1", network: "twitter", created_at: "2026-02-30T12:00:00Z", kind: "post"},
        {post_id: "p", account_id: "twitter:1", network: "twitter", created_at: 1772366400, kind: "post"},
        {
          post_id: "p",
          account_id: "twitter:1",
          network: "twitter",
          created_at: "2026-03-01T12:00:00Z",
          kind: "post",
          topics: "science"
        }
      ],
      interactions: [
        {...interaction, kind: "like"},
        {...interaction, kind: "like"},
        {...interaction, kind: "like"},
        {...interaction, kind: "boost"},
        {...interaction, kind: "like", weight: "heavy"}
      ],
      truth: [{account_id: "twitter:1", influence: null}],
      follows: {follower_id: "twitter:1", followee_id: "twitter:2", network: "twitter"},
      likes: [{}, {}]
    };
    const {report} = await importJson(JSON.stringify(bad));
    const kinds = "like, repost, reply, mention, quote, follow, comment, share, rating";
    const expected = "accounts, posts, interactions, follows, identities, truth (keys starting with _ are comments)";
    expect(report.rejected_examples).toEqual([
      {line: 2, reason: "accounts[].handle: required"},
      {line: 3, reason: 'accounts[].account_id: "nine" is not an account id of the form network:native_id'},
      {line: 4, reason: 'accounts[].account_id: "mastodon:9" is not on network "twitter"'},
      {line: 5, reason: "accounts[].followers: -3 is not a non-negative integer"},
      {line: 6, reason: 'accounts[].followers: "many" is not a non-negative integer'},
      {line: 7, reason: 'accounts[].verified: "yes" is not true or false'},
      {
        line: 8,
        reason:
          "accounts[].colour: unknown field; expected account_id, network, handle, display_name, person_id, " +
          "followers, following, listed, created_at, verified"
      },
      {line: 9, reason: "accounts[]: expected an object, got a string"},
      {line: 1, reason: 'posts[].kind: "story" is not one of post, reply, repost, quote'},
      {
        line: 2,
        reason: 'posts[].created_at: "2026-03-01" is not an ISO 8601 timestamp with a zone (e.g. 2026-03-01T12:00:00Z)'
      },
      {
        line: 3,
        reason:
          'posts[].created_at: "2026-02-30T12:00:00Z" is not an ISO 8601 timestamp with a zone (e.g. 2026-03-01T12:00:00Z)'
      },
      {line: 4, reason: "posts[].created_at: 1772366400 is not an ISO 8601 timestamp string"},
      {line: 5, reason: 'posts[].topics: "science" is not an array of strings'},
      {line: 4, reason: `interactions[].kind: "boost" is not one of ${kinds}`},
      {line: 5, reason: 'interactions[].weight: "heavy" is not a finite number'},
      {line: 1, reason: "follows: expected an array of records, got an object"},
      {line: 1, reason: "truth[].influence: required"},
      {line: 1, reason: `likes: unknown key; expected ${expected}`},
      {line: 2, reason: `likes: unknown key; expected ${expected}`}
    ]);
    expect(report).toMatchObject({records_read: 23, records_accepted: 4, rejected: 19});
    expect(report.records_read).toBe(report.records_accepted + report.rejected + report.skipped);
    // Every rejected record is kept, verbatim, next to the warehouse.
    const rejects = readFileSync(join(temp.dir, "warehouse", REJECTS_FILE), "utf8");
    expect(rejects).toContain("boost");
    expect(rejects.trim().split("\n")).toHaveLength(1 + 19);
  });

  it("merges an account listed twice instead of writing it twice", async () => {
    const account = {account_id: "twitter:1", network: "twitter", handle: "ada"};
    const {report} = await importJson(JSON.stringify({accounts: [account, {...account, handle: "ada2"}]}));
    expect(report).toMatchObject({records_read: 2, records_accepted: 2, rejected: 0});
    expect(report.written).toEqual({accounts: 1});
    expect(report.merged).toEqual({accounts: 1});
  });

  it("throws an error naming the file when it is not JSON, or not an object", async () => {
    await expect(importJson('{"accounts": [', "broken.json")).rejects.toThrow(/broken\.json is not valid JSON/);
    await expect(importJson("[1, 2]", "list.json")).rejects.toThrow(/list\.json: expected a JSON object/);
  });

  it("recognises a JSON object that starts with a table name or a comment, for import auto", () => {
    const detect = (text: string) => swayJson.detect!({name: "world.json", text});
    expect(detect('{\n  "_placeholder": "a note",\n  "accounts": [')).toBe(
      'a JSON object whose first key is "_placeholder"'
    );
    expect(detect('{"interactions": [{"ts": "2026-03-01T12:00:00Z", "net')).toBe(
      'a JSON object whose first key is "interactions"'
    );
    expect(detect('{"@context": "https://www.w3.org/ns/activitystreams"}')).toBeUndefined();
    expect(detect('[{"accounts": []}]')).toBeUndefined();
    expect(detect("1 2 1341100972 RT")).toBeUndefined();
  });

  it("reads a hand-written two-network world without rejecting anything", async () => {
    const world = readFileSync(new URL("../../fixtures/sway-json/small-world.json", import.meta.url), "utf8");
    const {report} = await importJson(world);
    expect(report.rejected).toBe(0);
    expect(report.written).toMatchObject({accounts: 40, identities: 8});
  });
});
