import {readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {detectFormat} from "../../../loaders/detect.js";
import {importInto} from "../../../loaders/import.js";
import {identities} from "../../../loaders/importers/identities.js";
import {fileInput} from "../../../loaders/node-input.js";
import {openWarehouse} from "../../../loaders/warehouse.js";
import {tempDir} from "../../helpers/world.js";

let temp: ReturnType<typeof tempDir>;
beforeEach(() => void (temp = tempDir()));
afterEach(() => temp.remove());

const FIXTURES = join(import.meta.dirname, "../../fixtures/identities");
const fixture = (name: string) => join(FIXTURES, name);
const warehouse = () => join(temp.dir, "warehouse");

async function rows(query: string) {
  const {db} = await openWarehouse(warehouse());
  try {
    return await db.query(query);
  } finally {
    db.close();
  }
}

describe("identities importer", () => {
  it("writes one identities row per line and touches no account", async () => {
    const manifest = await importInto("identities", [fixture("identities.csv")], warehouse());
    expect(await rows("SELECT person_id, account_id FROM identities ORDER BY person_id, account_id")).toEqual([
      {person_id: "ada", account_id: "mastodon:ada@example.social"},
      {person_id: "ada", account_id: "twitter:12"},
      {person_id: "grace hopper", account_id: "bluesky:did:plc:abc123"}
    ]);
    expect(manifest.tables.accounts.rows).toBe(0);
    expect(manifest.sources[0]!.written).toEqual({identities: 3});
  });

  it("accounts for every line: skips and rejections with their line numbers and reasons", async () => {
    const manifest = await importInto("identities", [fixture("identities.csv")], warehouse());
    const [report] = manifest.sources;
    expect(report).toMatchObject({
      format: "identities",
      records_read: 12,
      records_accepted: 3,
      rejected: 6,
      skipped: 3,
      skipped_by_reason: {"header line": 1, "blank line": 1, "duplicate identity": 1}
    });
    expect(report!.records_read).toBe(report!.records_accepted + report!.rejected + report!.skipped);
    expect(report!.rejected_examples).toEqual([
      {line: 7, reason: "account_id already belongs to another person"},
      {line: 8, reason: "person_id is empty"},
      {line: 9, reason: "account_id is not network:native_id"},
      {line: 10, reason: "account_id is not network:native_id"},
      {line: 11, reason: "expected 2 fields (person_id,account_id), found 3"},
      {line: 12, reason: "expected 2 fields (person_id,account_id), found 1"}
    ]);
  });

  it("reads a file without header, and links accounts imported from edge lists", async () => {
    const edges = join(temp.dir, "edges.txt");
    writeFileSync(edges, "1 2\n2 1\n");
    await importInto("edgelist", [edges], warehouse(), {params: {network: "twitter"}});
    const manifest = await importInto("identities", [fixture("no-header.csv")], warehouse(), {append: true});
    expect(manifest.sources[1]).toMatchObject({records_read: 3, records_accepted: 3, skipped: 0});
    // The accounts stay as the edge list wrote them; scoring joins identities on account_id.
    expect(
      await rows(`SELECT a.account_id, a.handle, a.person_id, i.person_id AS linked FROM accounts a
        LEFT JOIN identities i USING (account_id) ORDER BY a.account_id`)
    ).toEqual([
      {account_id: "twitter:1", handle: "1", person_id: null, linked: "p1"},
      {account_id: "twitter:2", handle: "2", person_id: null, linked: "p2"}
    ]);
  });

  it("reads quoted fields, a comma inside one included", async () => {
    const path = join(temp.dir, "identities.csv");
    writeFileSync(path, '"Hopper, Grace","twitter:12"\n"Ada ""the first"" Lovelace",mastodon:ada@example.social\n');
    await importInto("identities", [path], warehouse());
    expect(await rows("SELECT person_id, account_id FROM identities ORDER BY account_id")).toEqual([
      {person_id: 'Ada "the first" Lovelace', account_id: "mastodon:ada@example.social"},
      {person_id: "Hopper, Grace", account_id: "twitter:12"}
    ]);
  });

  it("ignores edge-list settings given to a whole `sway import auto` run", async () => {
    const manifest = await importInto("identities", [fixture("no-header.csv")], warehouse(), {
      params: {network: "twitter"}
    });
    expect(manifest.tables.identities.rows).toBe(3);
  });

  it("names an empty file", async () => {
    const path = join(temp.dir, "identities.csv");
    writeFileSync(path, "");
    await expect(importInto("identities", [path], warehouse())).rejects.toThrow(`${path}: empty file`);
  });

  it("names a binary file", async () => {
    const path = join(temp.dir, "identities.csv");
    writeFileSync(path, new Uint8Array([0x70, 0x2c, 0x00, 0x0a]));
    await expect(importInto("identities", [path], warehouse())).rejects.toThrow(
      `${path}: line 1: looks binary, not text`
    );
  });

  it("names bad UTF-8 with its line", async () => {
    const path = join(temp.dir, "identities.csv");
    writeFileSync(path, new Uint8Array([...new TextEncoder().encode("p1,twitter:1\np2,twitter:"), 0xc3, 0x28, 0x0a]));
    await expect(importInto("identities", [path], warehouse())).rejects.toThrow(
      `${path}: line 2: not valid UTF-8 text`
    );
  });

  it("refuses a folder", async () => {
    await expect(importInto("identities", [FIXTURES], warehouse())).rejects.toThrow(
      `${FIXTURES}: identities reads one CSV file, not a folder`
    );
  });
});

describe("identities detect", () => {
  const detect = (text: string) => identities.detect!({name: "sample", text});

  it("recognises the header, or lines of person,network:id", async () => {
    expect(detect(readFileSync(fixture("identities.csv"), "utf8"))).toBe("a `person_id,account_id` header");
    expect(detect(readFileSync(fixture("no-header.csv"), "utf8"))).toBe("lines of `person_id,network:native_id`");
    expect((await detectFormat(fileInput(fixture("no-header.csv"))))?.importer.name).toBe("identities");
  });

  it("does not claim edge lists, the Higgs stream, JSON or other CSVs", () => {
    expect(detect("1,2,10,1407470400\n")).toBeUndefined();
    expect(detect("1 2 1341100972 RT\n")).toBeUndefined();
    expect(detect('{"identities": [{"person_id": "p", "account_id": "twitter:1"}]}\n')).toBeUndefined();
    expect(detect("name,url\nada,https://example.org\n")).toBeUndefined();
    expect(detect("ada,https://example.org\n")).toBeUndefined();
    expect(detect("p1,twitter:1\np2,twitter:2,extra\n")).toBeUndefined();
    expect(detect("")).toBeUndefined();
  });
});
