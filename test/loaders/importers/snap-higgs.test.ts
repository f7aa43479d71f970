import {writeFileSync} from "node:fs";
import {join} from "node:path";
import {gzipSync} from "node:zlib";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {importInto} from "../../../loaders/import.js";
import {openWarehouse} from "../../../loaders/warehouse.js";
import {datasetFile} from "../../helpers/datasets.js";
import {tempDir} from "../../helpers/world.js";

let temp: ReturnType<typeof tempDir>;
beforeEach(() => void (temp = tempDir()));
afterEach(() => temp.remove());

// Three good events, then one bad line of each kind; CRLF endings on two lines.
const SAMPLE = [
  "1 2 1341100972 RT",
  "3 2 1341100973 MT\r",
  "2 1 1341100974 RE\r",
  "",
  "4 5 1341100975",
  "x 5 1341100975 RT",
  "4 5 yesterday RT",
  "4 5 1341100975 LK"
].join("\n");

async function importSample(content: string | Buffer, name = "activity.txt") {
  const file = join(temp.dir, name);
  writeFileSync(file, content);
  const manifest = await importInto("snap-higgs", [file], join(temp.dir, "warehouse"));
  return {file, manifest};
}

describe("snap-higgs importer", () => {
  it("writes one interaction per event and one account per user", async () => {
    const {manifest} = await importSample(SAMPLE);
    const {db} = await openWarehouse(join(temp.dir, "warehouse"));
    try {
      expect(await db.query("SELECT actor_id, target_id, kind, epoch(ts) AS t FROM interactions ORDER BY t")).toEqual([
        {actor_id: "twitter:1", target_id: "twitter:2", kind: "repost", t: 1341100972},
        {actor_id: "twitter:3", target_id: "twitter:2", kind: "mention", t: 1341100973},
        {actor_id: "twitter:2", target_id: "twitter:1", kind: "reply", t: 1341100974}
      ]);
      expect(await db.query("SELECT account_id, handle, network FROM accounts ORDER BY account_id")).toEqual([
        {account_id: "twitter:1", handle: "1", network: "twitter"},
        {account_id: "twitter:2", handle: "2", network: "twitter"},
        {account_id: "twitter:3", handle: "3", network: "twitter"}
      ]);
    } finally {
      db.close();
    }
    expect(manifest.tables.interactions.rows).toBe(3);
    expect(manifest.tables.accounts.rows).toBe(3);
  });

  it("accounts for every line: rejected lines carry their line number and reason", async () => {
    const {manifest} = await importSample(SAMPLE);
    const [report] = manifest.sources;
    expect(report).toMatchObject({records_read: 8, records_accepted: 3, rejected: 5});
    expect(report!.rejected_examples).toEqual([
      {line: 4, reason: "expected 4 fields (A B t TYPE), found 0"},
      {line: 5, reason: "expected 4 fields (A B t TYPE), found 3"},
      {line: 6, reason: "user id is not a non-negative integer"},
      {line: 7, reason: "time is not a unix timestamp in seconds"},
      {line: 8, reason: "unknown event type (expected RT, MT or RE)"}
    ]);
    expect(report!.written).toEqual({accounts: 3, interactions: 3});
  });

  it("reads gzip files as a stream, whatever their name", async () => {
    const {manifest} = await importSample(gzipSync(SAMPLE), "activity.bin");
    expect(manifest.sources[0]).toMatchObject({records_read: 8, records_accepted: 3});
  });

  it("refuses to overwrite a warehouse unless asked to append", async () => {
    const {file} = await importSample(SAMPLE);
    await expect(importInto("snap-higgs", [file], join(temp.dir, "warehouse"))).rejects.toThrow(/--append/);
    const manifest = await importInto("snap-higgs", [file], join(temp.dir, "warehouse"), {append: true});
    expect(manifest.tables.interactions.rows).toBe(6);
    expect(manifest.tables.accounts.rows).toBe(3);
    expect(manifest.sources).toHaveLength(2);
  });

  it("names a missing input file", async () => {
    await expect(importInto("snap-higgs", ["/nonexistent/higgs.txt"], temp.dir)).rejects.toThrow(
      "/nonexistent/higgs.txt: no such file or folder"
    );
  });
});

describe("snap-higgs importer on the real Higgs activity stream", () => {
  const file = datasetFile("snap-higgs-twitter/higgs-activity_time.txt.gz");

  it.skipIf(!file)(
    "imports all 563,069 events of 304,691 users (SNAP's published counts)",
    async () => {
      const manifest = await importInto("snap-higgs", [file!], join(temp.dir, "higgs"));
      expect(manifest.sources[0]).toMatchObject({records_read: 563_069, records_accepted: 563_069, rejected: 0});
      expect(manifest.tables.interactions.rows).toBe(563_069);
      expect(manifest.tables.accounts.rows).toBe(304_691);
      const {db} = await openWarehouse(join(temp.dir, "higgs"));
      try {
        // Per-kind counts from SNAP's page: 354,930 retweets, 171,237 mentions, 36,902 replies.
        expect(await db.query("SELECT kind, count(*) AS n FROM interactions GROUP BY kind ORDER BY kind")).toEqual([
          {kind: "mention", n: 171_237},
          {kind: "reply", n: 36_902},
          {kind: "repost", n: 354_930}
        ]);
      } finally {
        db.close();
      }
    },
    120_000
  );
});
