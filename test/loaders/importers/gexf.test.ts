import {mkdirSync, truncateSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {importInto} from "../../../loaders/import.js";
import {gexf} from "../../../loaders/importers/gexf.js";
import {openWarehouse} from "../../../loaders/warehouse.js";
import {tempDir} from "../../helpers/world.js";

let temp: ReturnType<typeof tempDir>;
beforeEach(() => void (temp = tempDir()));
afterEach(() => temp.remove());

const FIXTURE = "test/fixtures/gexf/network.gexf";

async function importGexf(path: string, params?: Record<string, string>) {
  const out = join(temp.dir, "warehouse");
  const manifest = await importInto("gexf", [path], out, {params});
  const {db} = await openWarehouse(out);
  try {
    return {
      manifest,
      accounts: await db.query("SELECT * FROM accounts ORDER BY account_id"),
      interactions: await db.query("SELECT * FROM interactions ORDER BY ts, actor_id")
    };
  } finally {
    db.close();
  }
}

const account = {display_name: null, person_id: null, followers: null, following: null, listed: null};
const none = {created_at: null, verified: null};
const interaction = {network: "graph", post_id: null, weight: null};

describe("gexf importer", () => {
  it("reads nodes as accounts with their model attributes and edges as interactions", async () => {
    const {accounts, interactions} = await importGexf(FIXTURE);
    expect(accounts).toEqual([
      // following: the attribute's <default>; modularity_class and viz:* are not model columns.
      {
        ...account,
        account_id: "graph:1",
        network: "graph",
        handle: "alice",
        display_name: "Alice & Co <3",
        followers: 1200,
        following: 0,
        created_at: null,
        verified: true
      },
      {...account, ...none, account_id: "graph:2", network: "graph", handle: "bob", following: 0},
      // No label: the node id is the handle.
      {...account, ...none, account_id: "graph:3", network: "graph", handle: "3", following: 0},
      // Node 4 was rejected (followers "many"), but an edge names it: it gets an account from its id and label.
      {...account, ...none, account_id: "graph:4", network: "graph", handle: "dave"}
    ]);
    expect(interactions).toEqual([
      // No time: the epoch. "friendship" is not an interaction kind: the default, mention. Undirected: as written.
      {...interaction, ts: 0, actor_id: "graph:1", target_id: "graph:3", kind: "mention"},
      // GEXF dynamic graphs: the edge's start attribute.
      {...interaction, ts: Date.UTC(2024, 3, 1), actor_id: "graph:2", target_id: "graph:1", kind: "repost"},
      {
        ...interaction,
        ts: Date.UTC(2024, 3, 2, 10, 30),
        actor_id: "graph:3",
        target_id: "graph:1",
        kind: "mention",
        weight: 2.5
      },
      {...interaction, ts: Date.UTC(2024, 3, 3), actor_id: "graph:4", target_id: "graph:2", kind: "reply"}
    ]);
  });

  it("accounts for every node and edge element by its record index", async () => {
    const {manifest} = await importGexf(FIXTURE);
    const [report] = manifest.sources;
    expect(report).toMatchObject({
      format: "gexf",
      file: FIXTURE,
      records_read: 14,
      records_accepted: 7,
      rejected: 5,
      skipped: 2,
      skipped_by_reason: {"duplicate node id": 1, "duplicate edge id": 1},
      written: {accounts: 4, interactions: 4}
    });
    expect(report!.records_read).toBe(report!.records_accepted + report!.rejected + report!.skipped);
    // Nodes are records 1–6, edges 7–14, in document order.
    expect(report!.rejected_examples).toEqual([
      {line: 5, reason: "node has no id"},
      {line: 10, reason: "edge endpoint is not a node of the file"},
      {line: 12, reason: "edge has no source or target"},
      {line: 6, reason: "accounts.followers must be BIGINT, got NaN"},
      {line: 13, reason: "timestamp is not a valid date"}
    ]);
  });

  it("takes the network and the default kind from the parameters", async () => {
    const {accounts, interactions} = await importGexf(FIXTURE, {network: "twitter", kind: "quote"});
    expect(accounts.map((a) => a.account_id)).toEqual(["twitter:1", "twitter:2", "twitter:3", "twitter:4"]);
    expect(interactions.map((i) => [i.network, i.kind])).toEqual([
      ["twitter", "quote"],
      ["twitter", "repost"],
      ["twitter", "quote"],
      ["twitter", "reply"]
    ]);
  });

  it("rejects a node whose network attribute is not a name, and the edges that reach it", async () => {
    const path = join(temp.dir, "networks.gexf");
    writeFileSync(
      path,
      `<gexf version="1.3"><graph defaultedgetype="directed">
        <attributes class="node"><attribute id="0" title="network" type="string"/></attributes>
        <nodes>
          <node id="a" label="ann"><attvalues><attvalue for="0" value="my net"/></attvalues></node>
          <node id="twitter:b" label="ben"><attvalues><attvalue for="0" value="twitter"/></attvalues></node>
        </nodes>
        <edges><edge id="0" source="twitter:b" target="a"/><edge id="1" source="twitter:b" target="twitter:b"/></edges>
      </graph></gexf>`
    );
    const {manifest, accounts, interactions} = await importGexf(path);
    expect(manifest.sources[0]!.rejected_examples).toEqual([
      {line: 1, reason: "network is not a network name (no spaces or colons)"},
      {line: 3, reason: "edge endpoint has no valid network"}
    ]);
    // A node id that already starts with its network is the account id as it is.
    expect(accounts.map((a) => [a.account_id, a.handle])).toEqual([["twitter:b", "ben"]]);
    expect(interactions.map((i) => [i.actor_id, i.target_id])).toEqual([["twitter:b", "twitter:b"]]);
  });

  it("explains unusable input in one line naming the file", async () => {
    const cases: [string, string | Uint8Array, string][] = [
      ["empty.gexf", "", "empty file"],
      ["blank.gexf", "  \n", "empty file"],
      ["nul.gexf", "<gexf>\u0000</gexf>", "looks binary, not text"],
      ["binary.gexf", Uint8Array.from([0x3c, 0x67, 0xff, 0xfe]), "not valid UTF-8 text"],
      ["text.gexf", "source,target\n1,2\n", "not well-formed XML (missing root element)"],
      [
        "truncated.gexf",
        '<?xml version="1.0"?>\n<gexf version="1.3">\n  <graph>\n    <nodes>\n      <node id="1"',
        "not well-formed XML (line 5: unexpected end of input)"
      ],
      [
        "mismatch.gexf",
        "<gexf>\n<graph>\n<nodes>\n</graph>\n</gexf>",
        'not well-formed XML (line 3: Opening and ending tag mismatch: "nodes" != "graph")'
      ],
      [
        "other.gexf",
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph/></graphml>',
        "not a GEXF file (the root element is <graphml>)"
      ],
      ["svg.gexf", '<svg xmlns="http://www.w3.org/2000/svg"/>', "not a GEXF file (the root element is <svg>)"],
      ["nograph.gexf", '<gexf version="1.3"><meta/></gexf>', "no <graph> element"]
    ];
    for (const [name, content, message] of cases) {
      const path = join(temp.dir, name);
      writeFileSync(path, content);
      await expect(importInto("gexf", [path], join(temp.dir, `out-${name}`))).rejects.toThrow(`${path}: ${message}`);
    }
    // A sparse file: 65 MiB without writing them.
    const large = join(temp.dir, "large.gexf");
    writeFileSync(large, '<gexf version="1.3"><graph>');
    truncateSync(large, 65 * 2 ** 20);
    await expect(importInto("gexf", [large], join(temp.dir, "out-large"))).rejects.toThrow(
      `${large}: 65 MiB of XML is more than the 64 MiB read here (the whole document is held in memory); ` +
        "write the graph as an edge list and import that (sway import edgelist)"
    );
    await expect(importInto("gexf", [temp.dir], join(temp.dir, "out"))).rejects.toThrow(
      `${temp.dir}: gexf reads one file, not a folder`
    );
    mkdirSync(join(temp.dir, "x"));
    await expect(importInto("gexf", [FIXTURE], join(temp.dir, "x", "a"), {params: {kind: "boost"}})).rejects.toThrow(
      '--kind "boost" is not an interaction kind (like, repost, reply, mention, quote, follow, comment, share, rating)'
    );
    await expect(
      importInto("gexf", [FIXTURE], join(temp.dir, "x", "b"), {params: {network: "my net"}})
    ).rejects.toThrow('--network "my net" is not a network name (no spaces or colons)');
  });

  it("detects GEXF by its root element and nothing else", () => {
    const detect = (text: string) => gexf.detect!({name: "x", text});
    expect(detect('<?xml version="1.0" encoding="UTF-8"?>\n<!-- Gephi -->\n<gexf xmlns="http://gexf.net/1.3">')).toBe(
      "an XML document whose root element is <gexf> (GEXF)"
    );
    expect(detect("\uFEFF<gexf version='1.2'>")).toBe("an XML document whose root element is <gexf> (GEXF)");
    for (const text of [
      '<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
      "<gexfish/>",
      "<html><gexf>",
      "1 2 1341100972 RT",
      '{"gexf": 1}',
      ""
    ]) {
      expect(detect(text)).toBeUndefined();
    }
  });
});
