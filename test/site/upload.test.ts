/**
 * The upload page's pipeline in Node: chosen files (Node's `File`, the browser's class) become importer inputs,
 * are recognised, imported into duckdb-wasm (its Node build, the browser's engine) and scored; the scores must
 * equal those of `sway import` + `sway score` (native DuckDB on a warehouse) for the same file.
 */
import {readFileSync, readdirSync} from "node:fs";
import {join} from "node:path";
import {zipSync} from "fflate";
import {afterEach, beforeAll, beforeEach, describe, expect, it} from "vitest";
import {browserInputs} from "../../loaders/browser-input.js";
import type {ArrowConnection} from "../../loaders/browser-writer.js";
import {importInto} from "../../loaders/import.js";
import {isFolder, readText, type InputFile, type InputFolder} from "../../loaders/input.js";
import {openWasmBindings} from "../../loaders/node-wasm.js";
import {openWarehouse} from "../../loaders/warehouse.js";
import {scoreMethods, scoreRows} from "../../scoring/index.js";
import {reportText, runUpload, scoreUpload, type UploadResult} from "../../src/components/upload.js";
import {wasmDb, type WasmConnection} from "../../src/components/wasm-db.js";
import {tempDir} from "../helpers/world.js";

const FIXTURES = join(import.meta.dirname, "..", "fixtures");

let temp: ReturnType<typeof tempDir>;
beforeEach(() => void (temp = tempDir()));
afterEach(() => temp.remove());

let bindings: {connect(): ArrowConnection & WasmConnection};
beforeAll(async () => void (bindings = await openWasmBindings()));

let databases = 0;
/** A new empty database on duckdb-wasm, as the page's engine gives one per upload. */
async function freshDatabase() {
  const connection = bindings.connect();
  connection.query(`ATTACH ':memory:' AS upload${++databases}`);
  connection.query(`USE upload${databases}`);
  return {connection, db: wasmDb(connection)};
}

/** A chosen file named `name`, as a folder choice gives it when `relativePath` is set. */
function chosen(name: string, content: Uint8Array | string, relativePath?: string): File {
  const file = new File([typeof content === "string" ? content : new Uint8Array(content)], name);
  if (relativePath) Object.defineProperty(file, "webkitRelativePath", {value: relativePath});
  return file;
}

const fixture = (path: string) => new Uint8Array(readFileSync(join(FIXTURES, path)));

describe("browserInputs(files)", () => {
  it("opens a zip as the folder it holds", async () => {
    const entries = Object.fromEntries(
      readdirSync(join(FIXTURES, "x-archive/data")).map((name) => [`data/${name}`, fixture(`x-archive/data/${name}`)])
    );
    const [input] = await browserInputs([chosen("twitter-2024.zip", zipSync(entries))]);
    expect(isFolder(input!)).toBe(true);
    const folder = input as InputFolder;
    expect(folder.paths).toEqual(Object.keys(entries).sort());
    expect(await readText(folder.file("data/account.js")!)).toBe(
      readFileSync(join(FIXTURES, "x-archive/data/account.js"), "utf8")
    );
  });

  it("makes the files of a chosen folder one folder input, by their relative paths", async () => {
    const files = ["outbox.json", "actor.json"].map((name) =>
      chosen(name, fixture(`mastodon/archive/${name}`), `archive/${name}`)
    );
    const inputs = await browserInputs([chosen("edges.txt", "1 2\n"), ...files]);
    expect(inputs.map((input) => input.name)).toEqual(["archive", "edges.txt"]);
    const folder = inputs[0] as InputFolder;
    expect(folder.paths).toEqual(["actor.json", "outbox.json"]);
    expect(folder.file("actor.json")!.name).toBe("archive/actor.json");
    expect(await readText(folder.file("actor.json")!)).toBe(
      readFileSync(join(FIXTURES, "mastodon/archive/actor.json"), "utf8")
    );
    expect(folder.file("likes.json")).toBeUndefined();
    expect(await readText(inputs[1] as InputFile)).toBe("1 2\n");
  });
});

describe("runUpload(files, format, …)", () => {
  it("is empty with no files", async () => {
    expect(await runUpload([], "auto", freshDatabase)).toEqual({kind: "empty"});
  });

  it("gives the importer's own message for a file it cannot read", async () => {
    const state = await runUpload([chosen("repo.car", "not a car at all\n")], "bluesky", freshDatabase);
    expect(state).toEqual({kind: "error", message: "repo.car: not a CAR v1 file"});
  });

  it("says which file no format recognises", async () => {
    const state = await runUpload([chosen("notes.md", "# My notes\n\nNothing to see.\n")], "auto", freshDatabase);
    expect(state).toEqual({kind: "error", message: "notes.md: format not recognised; choose it in the Format list"});
  });

  it.each([
    ["twitter-api", "twitter-api/v2-search.json"],
    ["gexf", "gexf/network.gexf"],
    ["graphml", "graphml/network.graphml"]
  ])("scores a %s upload as sway import and sway score do", async (format, path) => {
    const name = path.replace(/^.*\//, "");
    const statuses: string[] = [];
    const state = await runUpload([chosen(name, fixture(path))], "auto", freshDatabase, (text) => statuses.push(text));
    if (state.kind !== "imported") throw new Error(`not imported: ${JSON.stringify(state)}`);
    expect(state.recognitions.map((r) => [r.input.name, r.importer.name])).toEqual([[name, format]]);
    expect(statuses[0]).toBe("Recognising the files…");
    const {scored} = await scoreUpload(state.db);
    expect(scored.size).toBeGreaterThan(0);

    const dir = join(temp.dir, "warehouse");
    const manifest = await importInto(format, [join(FIXTURES, path)], dir);
    expect(state.result.sources.map(({file, ...rest}) => ({...rest, file: file.replace(/^.*\//, "")}))).toEqual(
      manifest.sources.map(({file, ...rest}) => ({...rest, file: file.replace(/^.*\//, "")}))
    );
    const {db} = await openWarehouse(dir);
    try {
      const native = await scoreMethods(db, [...scored.keys()]);
      for (const [method, scores] of scored) {
        const rows = scoreRows(scores);
        const expected = native.filter((row) => row.method === method);
        const byAccount = <R extends {account_id: string}>(list: readonly R[]) =>
          [...list].sort((a, b) => a.account_id.localeCompare(b.account_id));
        expect(
          byAccount(rows).map((r) => [r.account_id, r.rank]),
          method
        ).toEqual(byAccount(expected).map((r) => [r.account_id, r.rank]));
        byAccount(rows).forEach((row, i) => expect(row.value, method).toBeCloseTo(byAccount(expected)[i]!.value, 9));
      }
    } finally {
      db.close();
    }
  });
});

describe("reportText(result)", () => {
  const source = {
    format: "edgelist",
    file: "edges.csv",
    records_read: 4,
    records_accepted: 1,
    rejected: 2,
    skipped: 1,
    rejected_by_reason: {"missing target": 2},
    skipped_by_reason: {comment: 1},
    rejected_examples: [
      {line: 3, reason: "missing target"},
      {line: 4, reason: "missing target"}
    ],
    written: {accounts: 2, interactions: 1},
    merged: {}
  };
  const result: UploadResult = {
    sources: [source],
    rejects: [
      {source: "edges.csv", line: 3, reason: "missing target", record: "5,"},
      {source: "edges.csv", line: 4, reason: "missing target", record: "6,"}
    ],
    tables: {accounts: 2, posts: 0, interactions: 1, follows: 0, identities: 0, truth: 0}
  };

  it("says per file what was read, written, skipped and rejected, then each rejected record's file and line", () => {
    expect(reportText(result)).toBe(
      [
        "edges.csv (edgelist): read 4 records, accepted 1, rejected 2, skipped 1",
        "  wrote 2 accounts, 1 interactions",
        "  skipped 1: comment",
        "  rejected 2: missing target (first at line 3)",
        "",
        "Rejected records:",
        "edges.csv:3: missing target",
        "edges.csv:4: missing target"
      ].join("\n")
    );
  });

  it("lists at most `limit` rejected records and says how many more there are", () => {
    expect(reportText(result, {limit: 1}).split("\n").slice(-2)).toEqual([
      "edges.csv:3: missing target",
      "… and 1 more"
    ]);
  });
});
