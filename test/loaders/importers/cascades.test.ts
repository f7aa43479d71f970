import {cpSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync} from "node:fs";
import {join, relative} from "node:path";
import {gzipSync} from "node:zlib";
import {createTar} from "nanotar";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {importInto} from "../../../loaders/import.js";
import {cascades} from "../../../loaders/importers/cascades/index.js";
import {openWarehouse} from "../../../loaders/warehouse.js";
import {datasetFile} from "../../helpers/datasets.js";
import {tempDir} from "../../helpers/world.js";

let temp: ReturnType<typeof tempDir>;
beforeEach(() => void (temp = tempDir()));
afterEach(() => temp.remove());

const FIXTURE = "test/fixtures/cascades";

// Snowflake times of the fixture's source tweets, decoded by hand: (id >> 22) + 1288834974657.
const T600 = Date.parse("2015-05-17T18:08:42.117Z");
const T700 = Date.parse("2016-02-17T16:53:00.028Z");
const T800 = Date.parse("2016-11-19T15:37:17.938Z");
const T950 = Date.parse("2018-01-07T13:43:44.803Z");
const min = (minutes: number) => minutes * 60_000;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

function tarGz(dir: string): Uint8Array {
  return gzipSync(createTar(files(dir).map((path) => ({name: relative(dir, path), data: readFileSync(path)}))));
}

async function importAndRead(paths: string[]) {
  const out = join(temp.dir, "warehouse");
  const manifest = await importInto("cascades", paths, out);
  const {db} = await openWarehouse(out);
  try {
    return {
      manifest,
      accounts: (await db.query<{account_id: string}>("SELECT account_id FROM accounts ORDER BY account_id")).map(
        (row) => row.account_id
      ),
      handles: await db.query("SELECT count(*) AS n FROM accounts WHERE handle = replace(account_id, 'twitter:', '')"),
      posts: await db.query(
        `SELECT post_id, account_id, created_at, kind, parent_post_id, root_post_id,
                array_to_string(topics, '|') AS topics
         FROM posts ORDER BY post_id`
      ),
      interactions: await db.query(
        `SELECT actor_id, target_id, post_id, ts, kind, network, weight
         FROM interactions ORDER BY post_id, ts, actor_id`
      )
    };
  } finally {
    db.close();
  }
}

const post = (
  id: string,
  uid: string,
  created_at: number,
  kind: string,
  parent: string | null = null,
  root: string | null = null,
  topics: string | null = null
) => ({
  post_id: `twitter:${id}`,
  account_id: `twitter:${uid}`,
  created_at,
  kind,
  parent_post_id: parent && `twitter:${parent}`,
  root_post_id: root && `twitter:${root}`,
  topics
});

const repost = (actor: string, target: string, source: string, ts: number) => ({
  actor_id: `twitter:${actor}`,
  target_id: `twitter:${target}`,
  post_id: `twitter:${source}`,
  ts,
  kind: "repost",
  network: "twitter",
  weight: null
});

const S600 = "600000000000000000";
const S700 = "700000000000000000";
const R700 = "699999000000000000";

describe("cascades importer", () => {
  it("turns edges into timed reposts about the source tweet, and labels into topics of the source post", async () => {
    const {accounts, handles, posts, interactions} = await importAndRead([FIXTURE]);
    expect(accounts).toEqual(
      ["11", "12", "13", "14", "15", "22", "33", "44", "77", "88", "89", "90", "91"].map((uid) => `twitter:${uid}`)
    );
    expect(handles).toEqual([{n: 13}]);
    expect(posts).toEqual([
      post(S600, "11", T600, "post", null, null, "rumor:false"),
      post("600000000000001000", "33", T600 + min(2.25), "repost", S600, S600),
      post("600000000000002000", "11", T600 + min(5), "repost", S600, S600),
      post("600000000000004000", "77", T600 - min(3.5), "repost", S600, S600),
      post(R700, "88", T700 - min(20), "post"),
      post("699999100000000000", "89", T700 - min(15), "repost", R700, R700),
      // The labelled tweet is a retweet of the earlier root: created at its own snowflake time.
      post(S700, "90", T700, "repost", R700, R700, "rumor:non-rumor"),
      post("799999000000000000", "12", T800, "post"),
      post("950000000000000000", "14", T950, "post")
    ]);
    expect(interactions).toEqual([
      repost("77", "11", S600, T600 - min(3.5)),
      repost("22", "11", S600, T600 + min(1.5)),
      repost("33", "11", S600, T600 + min(2.25)),
      repost("44", "33", S600, T600 + min(3)),
      repost("11", "11", S600, T600 + min(5)),
      repost("89", "88", S700, T700 - min(15)),
      repost("90", "88", S700, T700),
      repost("91", "90", S700, T700 + min(10)),
      repost("13", "12", "800000000000000000", T800 + min(1)),
      repost("15", "14", "950000000000000000", T950 + min(0.5))
    ]);
  });

  it("accounts for every label line and every tree line, numbered across the tree files", async () => {
    const {manifest} = await importAndRead([FIXTURE]);
    const [labels, trees] = manifest.sources;
    expect(labels).toMatchObject({
      format: "cascades",
      file: `${FIXTURE}/twitter15/label.txt`,
      records_read: 8,
      records_accepted: 2,
      rejected: 4,
      skipped: 2,
      skipped_by_reason: {"duplicate label": 1, "blank line": 1},
      written: {accounts: 2, posts: 2}
    });
    expect(labels!.rejected_examples).toEqual([
      {line: 6, reason: "conflicting label for the same tweet"},
      {line: 7, reason: "expected label:source_tweet_id"},
      {line: 3, reason: "source tweet not found in its tree"},
      {line: 4, reason: "no tree file for this source tweet"}
    ]);
    expect(trees).toMatchObject({
      file: `${FIXTURE}/twitter15/tree`,
      records_read: 24,
      records_accepted: 14,
      rejected: 7,
      skipped: 3,
      skipped_by_reason: {"duplicate edge": 1, "edge from a node to itself": 1, "blank line": 1},
      written: {accounts: 11, posts: 7, interactions: 10}
    });
    expect(trees!.rejected_examples).toEqual([
      {line: 1, reason: "source tweet id is not a snowflake (no time)"},
      {line: 10, reason: "uid is not numeric"},
      {line: 11, reason: "tweet id is not numeric"},
      {line: 12, reason: "delay is not a number of minutes"},
      {line: 13, reason: "expected ['uid', 'tweet', 'delay']->['uid', 'tweet', 'delay']"},
      {line: 14, reason: "second ROOT line in the tree"},
      {line: 24, reason: "tree file is not named <tweet id>.txt"}
    ]);
    for (const report of [labels!, trees!]) {
      expect(report.records_read).toBe(report.records_accepted + report.rejected + report.skipped);
    }
  });

  it("keeps the tree file and its line in each rejected record", async () => {
    await importAndRead([FIXTURE]);
    const rejects = readFileSync(join(temp.dir, "warehouse", "rejects.csv"), "utf8");
    expect(rejects).toContain(`${FIXTURE}/twitter15/tree,12,delay is not a number of minutes,`);
    expect(rejects).toContain(
      `"tree/600000000000000000.txt:11: ['11', '600000000000000000', '0.0']->['55', '600000000000000000', 'soon']"`
    );
  });

  it("reads the release from a .tar.gz, and label.txt and tree/ at the top of a folder", async () => {
    const folder = await importAndRead([FIXTURE]);
    temp.remove();
    temp = tempDir();
    const archive = join(temp.dir, "twitter15.tar.gz");
    writeFileSync(archive, tarGz(FIXTURE));
    const tar = await importAndRead([archive]);
    expect(tar.posts).toEqual(folder.posts);
    expect(tar.interactions).toEqual(folder.interactions);
    expect(tar.manifest.sources.map((s) => s.file)).toEqual([
      `${archive}/twitter15/label.txt`,
      `${archive}/twitter15/tree`
    ]);
    temp.remove();
    temp = tempDir();
    const top = join(temp.dir, "release");
    mkdirSync(top);
    cpSync(join(FIXTURE, "twitter15"), top, {recursive: true});
    const flat = await importAndRead([top]);
    expect(flat.interactions).toEqual(folder.interactions);
    expect(flat.manifest.sources.map((s) => s.file)).toEqual([`${top}/label.txt`, `${top}/tree`]);
  });

  it("explains unusable input in one line naming it", async () => {
    const file = join(FIXTURE, "twitter15", "label.txt");
    await expect(importInto("cascades", [file], join(temp.dir, "a"))).rejects.toThrow(
      `${file}: cascades reads a folder or archive holding label.txt and tree/<tweet id>.txt, not one file`
    );
    const empty = join(temp.dir, "empty");
    mkdirSync(join(empty, "data"), {recursive: true});
    writeFileSync(join(empty, "data", "edges.csv"), "a,b\n");
    await expect(importInto("cascades", [empty], join(temp.dir, "b"))).rejects.toThrow(
      `${empty}: no label.txt or tree/<tweet id>.txt files (expected a Twitter15/16 cascades release)`
    );
    const other = join(temp.dir, "other.tar.gz");
    writeFileSync(other, gzipSync(createTar([{name: "outbox.json", data: "{}"}])));
    await expect(importInto("cascades", [other], join(temp.dir, "c"))).rejects.toThrow(
      `${other}: no label.txt or tree/<tweet id>.txt files (expected a Twitter15/16 cascades release)`
    );
    const binary = join(temp.dir, "binary");
    mkdirSync(join(binary, "tree"), {recursive: true});
    writeFileSync(join(binary, "tree", "600000000000000000.txt"), Uint8Array.from([0x5b, 0xff, 0xfe, 0x0a]));
    await expect(importInto("cascades", [binary], join(temp.dir, "d"))).rejects.toThrow(
      `${join(binary, "tree", "600000000000000000.txt")}: not valid UTF-8 text`
    );
  });

  it("detects a release by its files and nothing else", () => {
    const paths = ["twitter15/label.txt", "twitter15/tree/600000000000000000.txt", "twitter15/tree/7.txt"];
    expect(cascades.detect!({name: "twitter15.tar.gz", text: "", paths})).toBe(
      "label.txt and 2 tree/<tweet id>.txt files (Twitter15/16 propagation trees)"
    );
    for (const other of [
      ["label.txt"],
      ["twitter15/tree/600000000000000000.txt"],
      ["outbox.json", "actor.json"],
      ["label.txt", "subtree/1.txt"]
    ]) {
      expect(cascades.detect!({name: "x", text: "", paths: other})).toBeUndefined();
    }
    expect(cascades.detect!({name: "label.txt", text: "false:600000000000000000\n"})).toBeUndefined();
  });
});

describe("cascades importer on the real Twitter15/16 releases", () => {
  // Counts from the dataset's SOURCE.md: trees, edge lines, distinct child uids and labels per class.
  const releases = [
    {name: "twitter15", trees: 1_490, edges: 624_458, uids: 480_987, labels: [374, 370, 372, 374]},
    {name: "twitter16", trees: 818, edges: 363_536, uids: 289_675, labels: [205, 205, 207, 201]}
  ] as const;
  for (const release of releases) {
    const file = datasetFile(`twitter15-16-rumor-cascades/${release.name}.tar.gz`);
    it.skipIf(!file)(
      `imports every line of ${release.name} (${release.trees} trees, ${release.edges} edges, from SOURCE.md)`,
      async () => {
        const out = join(temp.dir, release.name);
        const manifest = await importInto("cascades", [file!], out);
        const [labels, trees] = manifest.sources;
        // from SOURCE.md: every label has a tree file and every tree file a label.
        expect(labels).toMatchObject({records_read: release.trees, records_accepted: release.trees, rejected: 0});
        // from SOURCE.md: the edge lines; each tree has exactly one ROOT line, so nothing is rejected.
        expect(trees).toMatchObject({records_read: release.edges, rejected: 0});
        expect(trees!.records_read).toBe(trees!.records_accepted + trees!.skipped);
        // Every accepted non-ROOT line is one interaction.
        expect(manifest.tables.interactions.rows).toBe(trees!.records_accepted - release.trees);
        // from SOURCE.md: distinct child uids (every parent is some edge's child: the source's author is ROOT's).
        expect(manifest.tables.accounts.rows).toBe(release.uids);
        const {db} = await openWarehouse(out);
        try {
          // from SOURCE.md: labels non-rumor / false / true / unverified.
          expect(
            await db.query(
              "SELECT topics[1] AS topic, count(*) AS n FROM posts WHERE topics IS NOT NULL GROUP BY 1 ORDER BY 1"
            )
          ).toEqual([
            {topic: "rumor:false", n: release.labels[1]},
            {topic: "rumor:non-rumor", n: release.labels[0]},
            {topic: "rumor:true", n: release.labels[2]},
            {topic: "rumor:unverified", n: release.labels[3]}
          ]);
          expect(await db.query("SELECT count(DISTINCT post_id) AS n FROM interactions")).toEqual([{n: release.trees}]);
          // from SOURCE.md: source tweets span 2011-06-13 to 2016-09-27 (twitter15), 2014-08-10 to 2016-09-27 (twitter16).
          const [span] = await db.query(
            `SELECT strftime(min(created_at), '%Y-%m-%d') AS first, strftime(max(created_at), '%Y-%m-%d') AS last
             FROM posts WHERE topics IS NOT NULL`
          );
          expect(span).toEqual(
            release.name === "twitter15"
              ? {first: "2011-06-13", last: "2016-09-27"}
              : {first: "2014-08-10", last: "2016-09-27"}
          );
        } finally {
          db.close();
        }
      },
      180_000
    );
  }
});
