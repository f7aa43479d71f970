/** `sway export`: a warehouse as GEXF or GraphML, read back by the gexf and graphml importers. */
import {readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {DOMParser} from "@xmldom/xmldom";
import {MultiDirectedGraph} from "graphology";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {toGexf} from "../../loaders/export/gexf.js";
import {warehouseGraph, type WarehouseGraph} from "../../loaders/export/graph.js";
import {toGraphml} from "../../loaders/export/graphml.js";
import {importInto} from "../../loaders/import.js";
import {openWarehouse} from "../../loaders/warehouse.js";
import {tempDir, writeWorld, type WorldRows} from "../helpers/world.js";
import {sway} from "../cli/run-sway.js";

const temp = tempDir();
const world = join(temp.dir, "world");
const day = (n: number) => new Date(Date.UTC(2026, 2, n));

// Every account column, hostile text, a count beyond 32 bits, a self-loop, an edge across networks.
const WORLD: WorldRows = {
  accounts: [
    {
      account_id: "twitter:1",
      network: "twitter",
      handle: "alice",
      display_name: 'Alice <b>&"A"</b>\n\tline two 🎉',
      person_id: "p1",
      followers: 3_000_000_000,
      following: 10,
      listed: 2,
      created_at: new Date(Date.UTC(2010, 0, 2, 3, 4, 5)),
      verified: true
    },
    {account_id: "twitter:2", network: "twitter", handle: "bob & <co>", followers: 0, verified: false},
    {account_id: "twitter:3", network: "twitter", handle: "carol"},
    {account_id: "mastodon:x", network: "mastodon", handle: "xena@example.social", person_id: "p1"}
  ],
  posts: [{post_id: "twitter:p1", account_id: "twitter:1", network: "twitter", created_at: day(1), kind: "post"}],
  interactions: [
    {ts: day(3), network: "twitter", actor_id: "twitter:2", target_id: "twitter:1", kind: "repost"},
    {
      ts: day(1),
      network: "twitter",
      actor_id: "twitter:2",
      target_id: "twitter:1",
      kind: "repost",
      post_id: "twitter:p1"
    },
    {ts: day(2), network: "twitter", actor_id: "twitter:2", target_id: "twitter:1", kind: "repost"},
    {ts: day(2), network: "twitter", actor_id: "twitter:2", target_id: "twitter:1", kind: "like"},
    {ts: day(4), network: "twitter", actor_id: "twitter:3", target_id: "twitter:1", kind: "reply", weight: 0.5},
    {ts: day(5), network: "twitter", actor_id: "twitter:1", target_id: "twitter:1", kind: "mention"},
    {ts: day(6), network: "mastodon", actor_id: "mastodon:x", target_id: "twitter:3", kind: "mention"}
  ]
};

// The interactions aggregated per (actor, target, kind), written out by hand: weight = count, ts = first.
const AGGREGATED = [
  {
    actor_id: "mastodon:x",
    target_id: "twitter:3",
    kind: "mention",
    weight: 1,
    ts: day(6).getTime(),
    network: "mastodon"
  },
  {actor_id: "twitter:1", target_id: "twitter:1", kind: "mention", weight: 1, ts: day(5).getTime(), network: "twitter"},
  {actor_id: "twitter:2", target_id: "twitter:1", kind: "like", weight: 1, ts: day(2).getTime(), network: "twitter"},
  {actor_id: "twitter:2", target_id: "twitter:1", kind: "repost", weight: 3, ts: day(1).getTime(), network: "twitter"},
  {actor_id: "twitter:3", target_id: "twitter:1", kind: "reply", weight: 1, ts: day(4).getTime(), network: "twitter"}
];

beforeAll(() => writeWorld(world, WORLD));
afterAll(() => temp.remove());

async function exported(format: "gexf" | "graphml", network?: string): Promise<string> {
  const {db} = await openWarehouse(world);
  try {
    const graph = await warehouseGraph(db, {network});
    return format === "gexf" ? toGexf(graph) : toGraphml(graph);
  } finally {
    db.close();
  }
}

async function tables(dir: string) {
  const {db} = await openWarehouse(dir);
  try {
    return {
      accounts: await db.query("SELECT * FROM accounts ORDER BY account_id"),
      interactions: await db.query(
        "SELECT actor_id, target_id, kind, weight, ts, network FROM interactions ORDER BY actor_id, target_id, kind"
      ),
      posts: await db.query("SELECT count(*) AS n FROM posts")
    };
  } finally {
    db.close();
  }
}

describe.each(["gexf", "graphml"] as const)("export as %s", (format) => {
  it("round-trips: importing the file gives the same accounts and the aggregated interactions", async () => {
    const file = join(temp.dir, `world.${format}`);
    writeFileSync(file, await exported(format));
    const out = join(temp.dir, `back-${format}`);
    const manifest = await importInto(format, [file], out);
    expect(manifest.sources[0]).toMatchObject({records_read: 9, records_accepted: 9, rejected: 0, skipped: 0});
    const original = await tables(world);
    const back = await tables(out);
    expect(back.accounts).toEqual(original.accounts);
    expect(back.interactions).toEqual(AGGREGATED);
    expect(back.posts).toEqual([{n: 0}]);
  });

  it("writes well-formed XML, the same bytes every time", async () => {
    const text = await exported(format);
    expect(await exported(format)).toBe(text);
    const errors: string[] = [];
    const document = new DOMParser({
      onError: (level, message) => void errors.push(`${level}: ${message}`)
    }).parseFromString(text, "application/xml");
    expect(errors).toEqual([]);
    expect(document.documentElement?.localName).toBe(format);
    expect(document.getElementsByTagName("node")).toHaveLength(4);
    expect(document.getElementsByTagName("edge")).toHaveLength(5);
  });

  it("keeps one network when asked, with nodes for the other network's accounts its edges reach", async () => {
    const file = join(temp.dir, `mastodon.${format}`);
    writeFileSync(file, await exported(format, "mastodon"));
    const out = join(temp.dir, `mastodon-${format}`);
    await importInto(format, [file], out);
    const back = await tables(out);
    expect(back.accounts.map((a) => [a.account_id, a.handle])).toEqual([
      ["mastodon:x", "xena@example.social"],
      // Not a mastodon account, but the target of a mastodon interaction: a node with its native id as label.
      ["twitter:3", "3"]
    ]);
    expect(back.interactions).toEqual([AGGREGATED[0]]);
  });
});

describe("export of texts XML cannot hold", () => {
  it("drops control characters and lone surrogates, so that strict parsers read the file", () => {
    const graph: WarehouseGraph = new MultiDirectedGraph({allowSelfLoops: true});
    graph.addNode("twitter:1", {label: "a\u0001b\uD800c", network: "twitter", display_name: "x\u001Fy\tz"});
    graph.addDirectedEdgeWithKey("0", "twitter:1", "twitter:1", {
      kind: "mention",
      weight: 1,
      ts: "2026-03-01T00:00:00.000Z"
    });
    for (const text of [toGexf(graph), toGraphml(graph)]) {
      const errors: string[] = [];
      const document = new DOMParser({
        onError: (level, message) => void errors.push(`${level}: ${message}`)
      }).parseFromString(text, "application/xml");
      expect(errors).toEqual([]);
      expect(["\u0001", "\u001F", "\uD800"].filter((char) => text.includes(char))).toEqual([]);
      expect(document.getElementsByTagName("node")).toHaveLength(1);
    }
    expect(toGexf(graph)).toContain('label="abc"');
    expect(toGraphml(graph)).toContain('<data key="n_label">abc</data>');
    expect(toGraphml(graph)).toContain('<data key="n_display_name">xy&#9;z</data>');
  });
});

describe("sway export", () => {
  it("writes the format named by --format or by the file extension, and says what it wrote", async () => {
    const gexf = join(temp.dir, "cli.gexf");
    const byExtension = await sway("export", world, "--out", gexf);
    expect(byExtension).toMatchObject({code: 0, stderr: ""});
    expect(byExtension.stdout).toBe(`wrote ${gexf} (gexf): 4 nodes, 5 edges\n`);
    expect(readFileSync(gexf, "utf8")).toBe(await exported("gexf"));
    const xml = join(temp.dir, "cli.xml");
    const named = await sway("export", world, "--format", "graphml", "-o", xml, "--network", "twitter");
    expect(named.stdout).toBe(`wrote ${xml} (graphml): 3 nodes, 4 edges\n`);
    expect(readFileSync(xml, "utf8")).toBe(await exported("graphml", "twitter"));
  });

  it("explains bad arguments in one line", async () => {
    const unknown = await sway("export", world, "--out", join(temp.dir, "x.gexf"), "--network", "bluesky");
    expect(unknown).toMatchObject({code: 1, stdout: ""});
    expect(unknown.stderr).toBe(
      `sway: ${world} has no accounts of network "bluesky"; its networks: mastodon, twitter\n`
    );
    const noFormat = await sway("export", world, "--out", join(temp.dir, "graph.txt"));
    expect(noFormat.stderr).toBe(
      `sway: cannot tell the format from "${join(temp.dir, "graph.txt")}"; pass --format gexf or --format graphml\n`
    );
    const missing = await sway("export", join(temp.dir, "nowhere"), "--out", join(temp.dir, "y.gexf"));
    expect(missing.stderr).toBe(`sway: ${join(temp.dir, "nowhere")} is not a warehouse: manifest.json is missing\n`);
    const badFormat = await sway("export", world, "--format", "csv", "--out", join(temp.dir, "z.csv"));
    expect(badFormat.code).toBe(1);
    expect(badFormat.stderr).toContain("argument 'csv' is invalid. Allowed choices are gexf, graphml.");
  });

  it("documents itself in --help", async () => {
    const {stdout, code} = await sway("export", "--help");
    expect(code).toBe(0);
    expect(stdout).toContain("Usage: sway export [options] <dir>");
    expect(stdout).toContain("-f, --format <format>");
    expect(stdout).toContain("--network <name>");
    expect(stdout).toContain("weight = the number of interactions");
  });
});
