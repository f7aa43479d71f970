import {copyFileSync, mkdirSync, readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {gzipSync} from "node:zlib";
import fc from "fast-check";
import {zipSync} from "fflate";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {detectFormat} from "../../../loaders/detect.js";
import {importInto} from "../../../loaders/import.js";
import {looksLikeTime, parseTimestamp} from "../../../loaders/importers/edgelist/fields.js";
import {edgelist} from "../../../loaders/importers/edgelist/index.js";
import {fileInput} from "../../../loaders/node-input.js";
import {openWarehouse, REJECTS_FILE, type Manifest} from "../../../loaders/warehouse.js";
import {datasetFile} from "../../helpers/datasets.js";
import {tempDir} from "../../helpers/world.js";

let temp: ReturnType<typeof tempDir>;
beforeEach(() => void (temp = tempDir()));
afterEach(() => temp.remove());

const FIXTURES = join(import.meta.dirname, "../../fixtures/edgelist");
const fixture = (name: string) => join(FIXTURES, name);

async function importFile(path: string, params: Record<string, string> = {}): Promise<Manifest> {
  return importInto("edgelist", [path], join(temp.dir, "warehouse"), {params});
}

/** Writes `content` to a file in the temporary folder and imports it. */
async function importText(content: string | Uint8Array, params: Record<string, string> = {}, name = "edges.txt") {
  const path = join(temp.dir, name);
  writeFileSync(path, content);
  return importFile(path, params);
}

/** Runs `query` on the warehouse just written. */
async function rows(query: string) {
  const {db} = await openWarehouse(join(temp.dir, "warehouse"));
  try {
    return await db.query(query);
  } finally {
    db.close();
  }
}

const EDGES = "SELECT actor_id, target_id, kind, weight, ts FROM interactions ORDER BY ts, actor_id, target_id";
const ACCOUNTS = "SELECT account_id, network, handle FROM accounts ORDER BY account_id";

describe("edgelist importer", () => {
  it("reads a SNAP file: # comments skipped, tabs, CRLF, one account per node, time unknown (epoch)", async () => {
    const manifest = await importFile(fixture("snap-votes.txt"));
    const edge = (actor: number, target: number) => ({
      actor_id: `edgelist:${actor}`,
      target_id: `edgelist:${target}`,
      kind: "mention",
      weight: null,
      ts: 0
    });
    expect(await rows(EDGES)).toEqual([edge(30, 1412), edge(30, 3352), edge(3352, 30), edge(7, 7)]);
    expect(await rows(ACCOUNTS)).toEqual(
      ["1412", "30", "3352", "7"].map((id) => ({account_id: `edgelist:${id}`, network: "edgelist", handle: id}))
    );
    expect(manifest.sources[0]).toMatchObject({
      format: "edgelist",
      records_read: 7,
      records_accepted: 4,
      rejected: 0,
      skipped: 3,
      skipped_by_reason: {"comment line": 3},
      // 8 node mentions, 4 distinct nodes: the other 4 are merged into the stored accounts.
      written: {accounts: 4, interactions: 4},
      merged: {accounts: 4}
    });
  });

  it("reads CR CR LF line ends and a last line without newline (email-Eu-core as committed)", async () => {
    const manifest = await importFile(fixture("crcrlf-no-final-newline.txt"));
    expect(await rows("SELECT actor_id, target_id FROM interactions ORDER BY actor_id, target_id")).toEqual([
      {actor_id: "edgelist:0", target_id: "edgelist:1"},
      {actor_id: "edgelist:2", target_id: "edgelist:0"},
      {actor_id: "edgelist:2", target_id: "edgelist:3"}
    ]);
    expect(manifest.sources[0]).toMatchObject({records_read: 3, records_accepted: 3, skipped: 0, rejected: 0});
  });

  it("reads a KONECT out file: % comments, `from to weight ts`, self-loops and repeated edges kept", async () => {
    const manifest = await importFile(fixture("out.toy_reply"));
    const edge = (actor: number, target: number, weight: number, seconds: number) => ({
      actor_id: `edgelist:${actor}`,
      target_id: `edgelist:${target}`,
      kind: "mention",
      weight,
      ts: seconds * 1000
    });
    expect(await rows(EDGES)).toEqual([
      edge(1, 2, 1, 1225229529),
      edge(3, 2, 1, 1225369697),
      edge(2, 2, 1, 1225376543),
      edge(1, 2, 1, 1225397251),
      edge(4, 1, 2, 1225397300)
    ]);
    expect(manifest.sources[0]).toMatchObject({
      records_read: 7,
      records_accepted: 5,
      skipped_by_reason: {"comment line": 2},
      written: {accounts: 4, interactions: 5}
    });
  });

  it("reads a KONECT release given as a folder or a zip archive through its out.* file", async () => {
    const folder = join(temp.dir, "konect");
    mkdirSync(folder);
    copyFileSync(fixture("out.toy_reply"), join(folder, "out.toy_reply"));
    writeFileSync(join(folder, "README.toy_reply"), "A toy network.\n");
    const fromFolder = await importFile(folder);
    expect(fromFolder.sources.map((source) => [source.file, source.records_accepted])).toEqual([
      [join(folder, "out.toy_reply"), 5]
    ]);
    const archive = join(temp.dir, "konect.zip");
    const out = readFileSync(fixture("out.toy_reply"));
    writeFileSync(archive, zipSync({"toy_reply/out.toy_reply": out, "toy_reply/meta.toy_reply": new Uint8Array(1)}));
    const fromZip = await importInto("edgelist", [archive], join(temp.dir, "from-zip"));
    expect(fromZip.sources.map((source) => [source.file, source.records_accepted])).toEqual([
      [`${archive}/toy_reply/out.toy_reply`, 5]
    ]);
  });

  it("skips a header line and reads signed ratings with --columns src,dst,rating,ts (kind rating)", async () => {
    const manifest = await importFile(fixture("ratings-header.csv"), {columns: "src,dst,rating,ts"});
    expect(await rows(EDGES)).toEqual([
      {actor_id: "edgelist:1", target_id: "edgelist:430", kind: "rating", weight: 2, ts: 1369713600_000},
      {actor_id: "edgelist:430", target_id: "edgelist:1", kind: "rating", weight: -10, ts: 1376539200_000},
      {actor_id: "edgelist:7188", target_id: "edgelist:1", kind: "rating", weight: 10, ts: 1407470400_000}
    ]);
    expect(manifest.sources[0]).toMatchObject({
      records_read: 4,
      records_accepted: 3,
      skipped_by_reason: {"header line": 1}
    });
  });

  it("without --columns reads four fields as src,dst,weight,ts of kind mention", async () => {
    await importFile(fixture("ratings-header.csv"));
    expect(await rows("SELECT kind, weight, ts FROM interactions ORDER BY ts")).toEqual([
      {kind: "mention", weight: 2, ts: 1369713600_000},
      {kind: "mention", weight: -10, ts: 1376539200_000},
      {kind: "mention", weight: 10, ts: 1407470400_000}
    ]);
  });

  it("reads a third column as ts when it looks like unix seconds (CollegeMsg), else as weight (Higgs networks)", async () => {
    await importFile(fixture("messages.txt"));
    expect(await rows("SELECT actor_id, target_id, weight, ts FROM interactions ORDER BY ts")).toEqual([
      {actor_id: "edgelist:1", target_id: "edgelist:2", weight: null, ts: 1082040961_000},
      {actor_id: "edgelist:3", target_id: "edgelist:4", weight: null, ts: 1082155839_000},
      {actor_id: "edgelist:1", target_id: "edgelist:2", weight: null, ts: 1082414391_000}
    ]);
    temp.remove();
    temp = tempDir();
    await importFile(fixture("weighted.txt"));
    expect(await rows("SELECT actor_id, target_id, weight, ts FROM interactions ORDER BY actor_id")).toEqual([
      {actor_id: "edgelist:1", target_id: "edgelist:2", weight: 3, ts: 0},
      {actor_id: "edgelist:2", target_id: "edgelist:3", weight: 1, ts: 0},
      {actor_id: "edgelist:3", target_id: "edgelist:1", weight: 29, ts: 0}
    ]);
  });

  it("reads names as node ids, a quoted header, and ISO 8601 times with and without a zone", async () => {
    const manifest = await importFile(fixture("named.tsv"));
    expect(await rows(EDGES)).toEqual([
      {actor_id: "edgelist:ada", target_id: "edgelist:grace", kind: "mention", weight: 0.5, ts: 1341100972_000},
      // 2012-07-01 10:00:00+02:00 is 08:00 UTC.
      {actor_id: "edgelist:grace", target_id: "edgelist:ada", kind: "mention", weight: 2, ts: 1341129600_000},
      // A date alone is midnight UTC.
      {actor_id: "edgelist:ada", target_id: "edgelist:lin", kind: "mention", weight: 10, ts: 1341187200_000}
    ]);
    expect(await rows(ACCOUNTS)).toEqual(
      ["ada", "grace", "lin"].map((id) => ({account_id: `edgelist:${id}`, network: "edgelist", handle: id}))
    );
    expect(manifest.sources[0]).toMatchObject({records_read: 4, records_accepted: 3, skipped: 1});
  });

  it("accounts for every line: skips and rejections with their line numbers and reasons", async () => {
    const manifest = await importFile(fixture("bad-lines.csv"));
    const [report] = manifest.sources;
    expect(report).toMatchObject({
      records_read: 12,
      records_accepted: 2,
      rejected: 7,
      skipped: 3,
      skipped_by_reason: {"comment line": 2, "blank line": 1}
    });
    expect(report!.records_read).toBe(report!.records_accepted + report!.rejected + report!.skipped);
    expect(report!.rejected_examples).toEqual([
      {line: 5, reason: "expected 4 fields, found 3"},
      {line: 6, reason: "dst is empty"},
      {line: 7, reason: "dst contains whitespace"},
      {line: 8, reason: "weight is not a number"},
      {line: 9, reason: "ts is not unix seconds or ISO 8601"},
      {line: 10, reason: "timestamp is not a valid date"},
      // Milliseconds read as seconds: the year 44,000-something.
      {line: 11, reason: "timestamp is not a valid date"}
    ]);
    expect(await rows("SELECT actor_id, target_id, weight, ts FROM interactions ORDER BY ts")).toEqual([
      {actor_id: "edgelist:17", target_id: "edgelist:18", weight: 1.5, ts: 1341100800_250},
      {actor_id: "edgelist:1", target_id: "edgelist:2", weight: 1, ts: 1341100972_000}
    ]);
    const rejects = readFileSync(join(temp.dir, "warehouse", REJECTS_FILE), "utf8");
    expect(rejects).toContain("9,10,heavy,1341100972");
  });

  it("names the rating column in its rejection", async () => {
    const manifest = await importText("1,2,+3,1341100972\n1,2,good,1341100972\n", {columns: "src,dst,rating,ts"});
    expect(manifest.sources[0]!.rejected_examples).toEqual([{line: 2, reason: "rating is not a number"}]);
  });

  it("applies --network, --kind and --delimiter; --kind follow also writes the follow graph", async () => {
    const manifest = await importText("a;b\nb;c\n", {network: "mastodon", kind: "follow", delimiter: ";"});
    expect(await rows("SELECT actor_id, target_id, network, kind, ts FROM interactions ORDER BY actor_id")).toEqual([
      {actor_id: "mastodon:a", target_id: "mastodon:b", network: "mastodon", kind: "follow", ts: 0},
      {actor_id: "mastodon:b", target_id: "mastodon:c", network: "mastodon", kind: "follow", ts: 0}
    ]);
    // A follow graph without times says nothing of since when.
    expect(await rows("SELECT follower_id, followee_id, network, since FROM follows ORDER BY follower_id")).toEqual([
      {follower_id: "mastodon:a", followee_id: "mastodon:b", network: "mastodon", since: null},
      {follower_id: "mastodon:b", followee_id: "mastodon:c", network: "mastodon", since: null}
    ]);
    expect(manifest.sources[0]!.written).toEqual({accounts: 3, interactions: 2, follows: 2});
  });

  it("ignores columns named _ and reads columns in any order", async () => {
    await importText("x\t1341100972\t2\t1\n", {columns: "_,ts,dst,src"});
    expect(await rows("SELECT actor_id, target_id, weight, ts FROM interactions")).toEqual([
      {actor_id: "edgelist:1", target_id: "edgelist:2", weight: null, ts: 1341100972_000}
    ]);
  });

  it("reads gzip input as a stream, whatever its name", async () => {
    const manifest = await importText(gzipSync(readFileSync(fixture("out.toy_reply"))), {}, "digg.bin");
    expect(manifest.sources[0]).toMatchObject({records_read: 7, records_accepted: 5});
  });

  it("takes a single line as an edge", async () => {
    expect((await importText("1 2\n")).sources[0]).toMatchObject({records_read: 1, records_accepted: 1});
  });
});

describe("edgelist timestamps", () => {
  // Expected epoch milliseconds computed independently (Python's datetime).
  const valid: [string, number][] = [
    ["1341100972", 1341100972_000],
    ["1341100972.25", 1341100972_250],
    ["-1", -1000],
    ["2012-07-01T00:02:52Z", 1341100972_000],
    ["2012-07-01T02:02:52+02:00", 1341100972_000],
    ["2012-07-01T00:02:52.5-0130", 1341106372_500],
    ["2012-07-01 00:02:52", 1341100972_000],
    ["2000-02-29", 951782400_000],
    ["0099-01-01", -59042995200_000]
  ];
  it.each(valid)("parseTimestamp(%j) is %d ms", (text, ms) => {
    expect(parseTimestamp(text)).toBe(ms);
  });

  const invalid: [string, string][] = [
    ["2013-02-29", "invalid"],
    ["1900-02-29", "invalid"],
    ["2012-07-01T24:00:00Z", "invalid"],
    ["2012-13-01", "invalid"],
    ["1341100972000", "invalid"],
    ["yesterday", "unparseable"],
    ["2012-7-1", "unparseable"],
    ["1341100972 ", "unparseable"],
    ["", "unparseable"]
  ];
  it.each(invalid)("parseTimestamp(%j) is %s", (text, problem) => {
    expect(parseTimestamp(text)).toBe(problem);
  });

  it("tells a time from a weight in a third column", () => {
    expect(["1082040961", "100000000", "2012-07-01", "2012-07-01T00:02:52Z"].map(looksLikeTime)).toEqual([
      true,
      true,
      true,
      true
    ]);
    expect(["29", "99999999", "3.5", "-1082040961"].map(looksLikeTime)).toEqual([false, false, false, false]);
  });
});

describe("edgelist settings", () => {
  const cases: [Record<string, string>, string][] = [
    [
      {columns: "src,dst,when"},
      'edgelist --columns: unknown column "when"; name each column src, dst, weight, rating, ts or _ (ignored)'
    ],
    [{columns: "src,src,dst"}, 'edgelist --columns: "src,src,dst" must name src exactly once'],
    [{columns: "src,weight"}, 'edgelist --columns: "src,weight" must name dst exactly once'],
    [{columns: "src,dst,ts,ts"}, 'edgelist --columns: "src,dst,ts,ts" must name ts at most once'],
    [
      {columns: "src,dst,weight,rating"},
      'edgelist --columns: "src,dst,weight,rating" names both weight and rating; both fill the weight, name one'
    ],
    [
      {kind: "boost"},
      'edgelist --kind: "boost" is not one of like, repost, reply, mention, quote, follow, comment, share, rating'
    ],
    [{network: "my net"}, 'edgelist --network: "my net" is not a network name (no colon or space)'],
    [
      {delimiter: "ab"},
      'edgelist --delimiter: "ab" is not a delimiter; use tab, comma, space (runs of spaces and tabs), semicolon, pipe or one punctuation character'
    ]
  ];
  it.each(cases)("refuses %j before reading anything", async (params, message) => {
    await expect(importText("1 2\n", params)).rejects.toThrow(message);
  });

  it("ignores settings of other formats, which `sway import auto` hands to every format", async () => {
    expect((await importText("1 2\n", {subreddit: "science"})).sources[0]).toMatchObject({records_accepted: 1});
  });
});

describe("edgelist importer on unusable input", () => {
  const path = () => join(temp.dir, "edges.txt");
  const cases: [string, string | Uint8Array, Record<string, string>, string][] = [
    ["an empty file", "", {}, "empty file"],
    ["only comments", "# nothing here\n\n% nor here\n", {}, "no edges, only comments, blank lines or a header"],
    ["NUL bytes", new Uint8Array([0x31, 0x00, 0x32, 0x0a, 0x00]), {}, "line 1: looks binary, not text"],
    ["bad UTF-8", new Uint8Array([0x31, 0x20, 0x32, 0x0a, 0x33, 0x20, 0xff, 0x0a]), {}, "line 2: not valid UTF-8 text"],
    ["only a header", "source,target\n", {}, "no edges, only comments, blank lines or a header"],
    [
      "one field per line",
      "1\n2\n",
      {},
      "line 1: 1 field separated by whitespace; an edge list needs at least two (src and dst)"
    ],
    [
      "five fields without --columns",
      "# counts\n1,2,3,4,5\n",
      {},
      "line 2: 5 fields separated by comma; name what each holds with --columns, e.g. --columns src,dst,weight,ts,_"
    ]
  ];
  it.each(cases)("%s: one line naming the file", async (_, content, params, message) => {
    await expect(importText(content, params)).rejects.toThrow(`${path()}: ${message}`);
  });

  it("a truncated gzip file: names the file and the last line read", async () => {
    const gzip = gzipSync("1 2\n3 4\n".repeat(1000));
    await expect(importText(gzip.subarray(0, gzip.length - 10), {}, "edges.gz")).rejects.toThrow(
      new RegExp(`^${join(temp.dir, "edges.gz")}: cannot read on after line \\d+ \\(unexpected end of file\\)$`)
    );
  });

  it("a folder or archive without a KONECT out.* file", async () => {
    const archive = join(temp.dir, "photos.zip");
    writeFileSync(archive, zipSync({"a.jpg": new Uint8Array(4)}));
    await expect(importFile(archive)).rejects.toThrow(
      `${archive}: no out.* file (edgelist reads one file, or a KONECT folder or archive)`
    );
  });
});

describe("edgelist detect", () => {
  const detect = (text: string) => edgelist.detect!({name: "sample", text});

  it("recognises SNAP, KONECT and CSV edge lists, with comments and one header line", async () => {
    expect(detect(readFileSync(fixture("snap-votes.txt"), "utf8"))).toBe(
      "lines of 2 numbers separated by tab, with 3 comment lines"
    );
    expect(detect(readFileSync(fixture("out.toy_reply"), "utf8"))).toBe(
      "lines of 4 numbers separated by whitespace, with 2 comment lines"
    );
    expect(detect(readFileSync(fixture("ratings-header.csv"), "utf8"))).toBe(
      "lines of 4 numbers separated by comma, with a header line"
    );
    expect(detect("1 2 1082040961\n3 4 1082155839\n5 2 10824")).toBe("lines of 3 numbers separated by whitespace");
    const auto = await detectFormat(fileInput(fixture("messages.txt")));
    expect(auto?.importer.name).toBe("edgelist");
  });

  it("does not claim other formats or other tables of numbers", () => {
    // The Higgs activity stream belongs to snap-higgs.
    expect(detect("1 2 1341100972 RT\n3 2 1341100973 MT\n")).toBeUndefined();
    expect(detect("person_id,account_id\nada,twitter:12\n")).toBeUndefined();
    expect(detect('{"accounts": []}\n')).toBeUndefined();
    // Names are imported but not detected; nor are one or five columns, or lines of different lengths.
    expect(detect(readFileSync(fixture("named.tsv"), "utf8"))).toBeUndefined();
    expect(detect("1\n2\n3\n")).toBeUndefined();
    expect(detect("1 2 3 4 5\n6 7 8 9 10\n")).toBeUndefined();
    expect(detect("1 2\n3 4 5\n")).toBeUndefined();
    expect(detect("1.5,2,3\n")).toBeUndefined();
    expect(detect("# only a comment\n")).toBeUndefined();
    expect(detect("")).toBeUndefined();
  });
});

describe("edgelist round trip (property)", () => {
  type Edge = {src: string; dst: string; weight: number; ms: number};
  const numericId = fc.nat({max: 1_000_000_000}).map(String);
  // Names start with a prefix that no header word, comment mark or number starts with.
  const namedId = fc.stringMatching(/^[a-z0-9_.@:-]{1,8}$/).map((name) => `user-${name}`);
  const weight = fc.oneof(fc.integer({min: -1000, max: 1000}), fc.double({min: -1e6, max: 1e6, noNaN: true}));
  // 1970 to 2100, in milliseconds.
  const ms = fc.integer({min: 0, max: 4_102_444_800_000});
  const timeForm = fc.constantFrom("seconds", "decimal", "iso", "iso-space");
  const file = fc.record({
    names: fc.boolean(),
    columns: fc.constantFrom(
      ["src", "dst"],
      ["src", "dst", "weight"],
      ["src", "dst", "ts"],
      ["src", "dst", "weight", "ts"]
    ),
    delimiter: fc.constantFrom("\t", ",", ", ", " ", "   "),
    newline: fc.constantFrom("\n", "\r\n"),
    finalNewline: fc.boolean(),
    header: fc.boolean(),
    edges: fc.array(
      fc.record({src: fc.nat(), dst: fc.nat(), weight, ms, timeForm, before: fc.constantFrom("", "#", "%", "blank")}),
      {minLength: 1, maxLength: 25}
    ),
    ids: fc.array(fc.tuple(numericId, namedId), {minLength: 1, maxLength: 10})
  });

  it("random valid edge lists come back from the warehouse unchanged, every line accounted for", async () => {
    await fc.assert(
      fc.asyncProperty(file, async (spec) => {
        const {delimiter} = spec;
        const columns: readonly string[] = spec.columns;
        const id = (n: number) => spec.ids[n % spec.ids.length]![spec.names ? 1 : 0];
        const lines: string[] = [];
        let skipped = 0;
        if (spec.header) {
          lines.push(columns.join(delimiter));
          skipped++;
        }
        const expected: Edge[] = [];
        for (const edge of spec.edges) {
          if (edge.before) {
            lines.push(edge.before === "blank" ? "" : `${edge.before} a comment, with a tab\there`);
            skipped++;
          }
          const [text, time] = renderTime(edge.ms, delimiter.trim() ? edge.timeForm : "iso");
          const value = edge.weight || 0; // no negative zero: the text "-0" and 0 differ only in sign
          const fields = {src: id(edge.src), dst: id(edge.dst), weight: String(value), ts: text};
          lines.push(columns.map((column) => fields[column as keyof typeof fields]).join(delimiter));
          expected.push({
            src: `edgelist:${fields.src}`,
            dst: `edgelist:${fields.dst}`,
            weight: columns.includes("weight") ? value : NaN,
            ms: columns.includes("ts") ? time : 0
          });
        }
        const content = lines.join(spec.newline) + (spec.finalNewline ? spec.newline : "");
        temp.remove();
        temp = tempDir();
        const manifest = await importText(content, {columns: columns.join(",")});
        const [report] = manifest.sources;
        expect(report).toMatchObject({
          records_read: lines.length,
          records_accepted: spec.edges.length,
          rejected: 0,
          skipped
        });
        const back = await rows("SELECT actor_id, target_id, weight, ts FROM interactions");
        const got = back.map((row) => ({
          src: row.actor_id,
          dst: row.target_id,
          weight: row.weight === null ? NaN : row.weight,
          ms: row.ts
        }));
        expect(sortEdges(got as Edge[])).toEqual(sortEdges(expected));
      }),
      {seed: 42, numRuns: 40}
    );
  }, 120_000);

  /** The text of a time in the given form, and the milliseconds it stands for. */
  function renderTime(ms: number, form: string): [string, number] {
    const seconds = Math.floor(ms / 1000);
    switch (form) {
      case "seconds":
        return [String(seconds), seconds * 1000];
      case "decimal":
        return [`${seconds}.${String(ms % 1000).padStart(3, "0")}`, ms];
      case "iso-space":
        return [new Date(ms).toISOString().replace("T", " ").replace("Z", ""), ms];
      default:
        return [new Date(ms).toISOString(), ms];
    }
  }

  function sortEdges(edges: Edge[]): Edge[] {
    const key = (e: Edge) => `${e.src}\u0000${e.dst}\u0000${e.ms}\u0000${e.weight}`;
    return [...edges].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  }
});

describe("edgelist importer on real datasets (counts from each SOURCE.md)", () => {
  const timeout = 120_000;
  const collegeMsg = datasetFile("snap-collegemsg/CollegeMsg.txt");
  it.skipIf(!collegeMsg)(
    "SNAP CollegeMsg: src dst ts",
    async () => {
      const manifest = await importFile(collegeMsg!);
      // 59,835 rows, 1,899 nodes, 20,296 distinct pairs, 0 self-loops: from SOURCE.md.
      expect(manifest.sources[0]).toMatchObject({records_read: 59_835, records_accepted: 59_835, rejected: 0});
      expect(manifest.tables.interactions.rows).toBe(59_835);
      expect(manifest.tables.accounts.rows).toBe(1_899);
      expect(
        await rows(`SELECT count(DISTINCT (actor_id, target_id)) AS pairs, count(*) FILTER (actor_id = target_id) AS loops,
          epoch(min(ts)) AS first, epoch(max(ts)) AS last FROM interactions`)
      ).toEqual([{pairs: 20_296, loops: 0, first: 1082040961, last: 1098777142}]); // time span from SOURCE.md
    },
    timeout
  );

  const email = datasetFile("snap-email-eu-core/email-Eu-core.txt");
  it.skipIf(!email)(
    "SNAP email-Eu-core: CRLF (CR CR LF), no trailing newline, static",
    async () => {
      const manifest = await importFile(email!);
      // 25,571 edges (all distinct), 642 self-loops, 1,005 nodes: from SOURCE.md.
      expect(manifest.sources[0]).toMatchObject({records_read: 25_571, records_accepted: 25_571, rejected: 0});
      expect(manifest.tables.accounts.rows).toBe(1_005);
      expect(
        await rows(`SELECT count(*) AS edges, count(DISTINCT (actor_id, target_id)) AS pairs,
          count(*) FILTER (actor_id = target_id) AS loops, epoch(max(ts)) AS last FROM interactions`)
      ).toEqual([{edges: 25_571, pairs: 25_571, loops: 642, last: 0}]);
    },
    timeout
  );

  const otc = datasetFile("snap-bitcoin-otc/soc-sign-bitcoinotc.csv");
  it.skipIf(!otc)(
    "SNAP soc-sign-bitcoinotc: CSV without header, CRLF, signed ratings",
    async () => {
      const manifest = await importFile(otc!, {columns: "src,dst,rating,ts"});
      // 35,592 rows, 5,881 nodes, 32,029 positive and 3,563 negative ratings: from SOURCE.md.
      expect(manifest.sources[0]).toMatchObject({records_read: 35_592, records_accepted: 35_592, rejected: 0});
      expect(manifest.tables.accounts.rows).toBe(5_881);
      expect(
        await rows(`SELECT count(*) FILTER (weight > 0) AS positive, count(*) FILTER (weight < 0) AS negative,
          min(weight) AS low, max(weight) AS high, any_value(kind) AS kind,
          epoch(min(ts)) AS first, epoch(max(ts)) AS last FROM interactions`)
      ).toEqual([
        // -10..+10 and the time span: from SOURCE.md.
        {positive: 32_029, negative: 3_563, low: -10, high: 10, kind: "rating", first: 1289241912, last: 1453684324}
      ]);
    },
    timeout
  );

  const alpha = datasetFile("snap-bitcoin-alpha/soc-sign-bitcoinalpha.csv");
  it.skipIf(!alpha)(
    "SNAP soc-sign-bitcoinalpha: header line, CRLF",
    async () => {
      const manifest = await importFile(alpha!, {columns: "src,dst,rating,ts"});
      // 24,186 data rows plus 1 header row, 3,783 nodes, 22,650 positive and 1,536 negative: from SOURCE.md.
      expect(manifest.sources[0]).toMatchObject({
        records_read: 24_187,
        records_accepted: 24_186,
        skipped_by_reason: {"header line": 1},
        rejected: 0
      });
      expect(manifest.tables.accounts.rows).toBe(3_783);
      expect(
        await rows(`SELECT count(*) FILTER (weight > 0) AS positive, count(*) FILTER (weight < 0) AS negative,
          epoch(min(ts)) AS first, epoch(max(ts)) AS last FROM interactions`)
      ).toEqual([{positive: 22_650, negative: 1_536, first: 1289192400, last: 1453438800}]); // from SOURCE.md
    },
    timeout
  );

  const wikiVote = datasetFile("snap-wiki-vote/wiki-Vote.txt");
  it.skipIf(!wikiVote)(
    "SNAP wiki-Vote: 3 # comment lines, tabs, CRLF, static",
    async () => {
      const manifest = await importFile(wikiVote!);
      // 103,689 edges, 7,115 nodes, 3 leading # comment lines: from SOURCE.md.
      expect(manifest.sources[0]).toMatchObject({
        records_read: 103_692,
        records_accepted: 103_689,
        skipped_by_reason: {"comment line": 3},
        rejected: 0
      });
      expect(manifest.tables.interactions.rows).toBe(103_689);
      expect(manifest.tables.accounts.rows).toBe(7_115);
    },
    timeout
  );

  const digg = datasetFile("konect-digg-reply/out.munmun_digg_reply");
  it.skipIf(!digg)(
    "KONECT munmun_digg_reply: % comment, from to weight ts, self-loops",
    async () => {
      const manifest = await importFile(digg!);
      // 87,627 edges, 30,398 nodes, 86,404 distinct pairs, 1,424 self-loops, weight always 1: from SOURCE.md.
      expect(manifest.sources[0]).toMatchObject({
        records_read: 87_628,
        records_accepted: 87_627,
        skipped_by_reason: {"comment line": 1},
        rejected: 0
      });
      expect(manifest.tables.accounts.rows).toBe(30_398);
      expect(
        await rows(`SELECT count(*) AS edges, count(DISTINCT (actor_id, target_id)) AS pairs,
          count(*) FILTER (actor_id = target_id) AS loops, sum(weight) AS weights,
          epoch(min(ts)) AS first, epoch(max(ts)) AS last FROM interactions`)
      ).toEqual([{edges: 87_627, pairs: 86_404, loops: 1_424, weights: 87_627, first: 1225229529, last: 1226536024}]);
    },
    timeout
  );

  it.skipIf(!collegeMsg || !email || !otc || !alpha || !wikiVote || !digg)(
    "`sway import auto` recognises each as an edge list",
    async () => {
      for (const path of [collegeMsg, email, otc, alpha, wikiVote, digg]) {
        expect((await detectFormat(fileInput(path!)))?.importer.name, path).toBe("edgelist");
      }
    }
  );

  const higgs = datasetFile("snap-higgs-twitter/higgs-activity_time.txt.gz");
  it.skipIf(!higgs)("leaves the Higgs activity stream to snap-higgs", async () => {
    expect((await detectFormat(fileInput(higgs!)))?.importer.name).toBe("snap-higgs");
    expect(edgelist.detect!({name: higgs!, text: "1 2 1341100972 RT\n"})).toBeUndefined();
  });
});
