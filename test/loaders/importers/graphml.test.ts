import {writeFileSync} from "node:fs";
import {join} from "node:path";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {importInto} from "../../../loaders/import.js";
import {graphml} from "../../../loaders/importers/graphml.js";
import {openWarehouse} from "../../../loaders/warehouse.js";
import {tempDir} from "../../helpers/world.js";

let temp: ReturnType<typeof tempDir>;
beforeEach(() => void (temp = tempDir()));
afterEach(() => temp.remove());

const FIXTURE = "test/fixtures/graphml/network.graphml";

async function importGraphml(path: string, params?: Record<string, string>) {
  const out = join(temp.dir, "warehouse");
  const manifest = await importInto("graphml", [path], out, {params});
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

const account = {display_name: null, person_id: null, following: null, created_at: null};

describe("graphml importer", () => {
  it("reads nodes as accounts and edges as interactions, with key types and defaults", async () => {
    const {accounts, interactions} = await importGraphml(FIXTURE, {network: "twitter"});
    expect(accounts).toEqual([
      // The node's own network attribute wins over --network.
      {
        ...account,
        account_id: "mastodon:n0",
        network: "mastodon",
        handle: "alice",
        followers: 1200,
        listed: null,
        verified: true
      },
      // Node n1 was rejected (followers 12.5); the edge naming it gives it an account with its label.
      {
        ...account,
        account_id: "twitter:n1",
        network: "twitter",
        handle: "bob",
        followers: null,
        listed: null,
        verified: null
      },
      {
        ...account,
        account_id: "twitter:n2",
        network: "twitter",
        handle: "carol",
        followers: null,
        listed: 3,
        verified: null
      }
    ]);
    expect(interactions).toEqual([
      // No time: the epoch; undirected edges are read as written.
      {
        ts: 0,
        network: "twitter",
        actor_id: "twitter:n2",
        target_id: "twitter:n1",
        post_id: null,
        kind: "reply",
        weight: null
      },
      // kind: the key's <default>; timestamp: unix seconds; network: the source node's.
      {
        ts: Date.UTC(2024, 3, 1, 19, 33, 20),
        network: "mastodon",
        actor_id: "mastodon:n0",
        target_id: "twitter:n2",
        post_id: null,
        kind: "repost",
        weight: 3
      }
    ]);
  });

  it("accounts for every node, edge and hyperedge", async () => {
    const {manifest} = await importGraphml(FIXTURE);
    const [report] = manifest.sources;
    expect(report).toMatchObject({
      format: "graphml",
      file: FIXTURE,
      records_read: 8,
      records_accepted: 4,
      rejected: 2,
      skipped: 2,
      skipped_by_reason: {"duplicate node id": 1, "hyperedge: not part of the model": 1},
      written: {accounts: 3, interactions: 2}
    });
    expect(report!.records_read).toBe(report!.records_accepted + report!.rejected + report!.skipped);
    expect(report!.rejected_examples).toEqual([
      {line: 7, reason: "edge endpoint is not a node of the file"},
      {line: 2, reason: "accounts.followers must be BIGINT, got 12.5"}
    ]);
  });

  it("explains unusable input in one line naming the file", async () => {
    const cases: [string, string, string][] = [
      ["empty.graphml", "", "empty file"],
      ["text.graphml", "a b c", "not well-formed XML (missing root element)"],
      ["truncated.graphml", "<graphml>\n<graph>\n<node", "not well-formed XML (line 3: unexpected end of input)"],
      ["gexf.graphml", "<gexf><graph/></gexf>", "not a GraphML file (the root element is <gexf>)"],
      ["nograph.graphml", '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"/>', "no <graph> element"]
    ];
    for (const [name, content, message] of cases) {
      const path = join(temp.dir, name);
      writeFileSync(path, content);
      await expect(importInto("graphml", [path], join(temp.dir, `out-${name}`))).rejects.toThrow(`${path}: ${message}`);
    }
  });

  it("detects GraphML by its root element and nothing else", () => {
    const detect = (text: string) => graphml.detect!({name: "x", text});
    expect(
      detect("<?xml version='1.0' encoding='utf-8'?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">")
    ).toBe("an XML document whose root element is <graphml> (GraphML)");
    for (const text of ['<gexf xmlns="http://gexf.net/1.3">', "<graph>", "src,dst\n1,2", ""]) {
      expect(detect(text)).toBeUndefined();
    }
  });
});
