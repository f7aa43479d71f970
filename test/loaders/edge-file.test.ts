import {mkdirSync, readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {gzipSync} from "node:zlib";
import fc from "fast-check";
import {afterEach, beforeEach, describe, expect, it, vi} from "vitest";
import {edgelist} from "../../loaders/importers/edgelist/index.js";
import {snapHiggs} from "../../loaders/importers/snap-higgs.js";
import type {Importer} from "../../loaders/importers/importer.js";
import {bytesInput} from "../../loaders/input.js";
import {fileInput} from "../../loaders/node-input.js";
import {SourceRecorder} from "../../loaders/report.js";
import {TABLE_NAMES} from "../../loaders/schema.js";
import {openWarehouse, REJECTS_FILE, WarehouseWriter} from "../../loaders/warehouse.js";
import {tempDir} from "../helpers/world.js";

let temp: ReturnType<typeof tempDir>;
let runs = 0;
beforeEach(() => void (temp = tempDir()));
afterEach(() => {
  vi.restoreAllMocks();
  temp.remove();
});

/** Everything a warehouse holds: every table's rows in one order, the rejects and the per-file reports. */
async function contents(dir: string) {
  const {db, manifest} = await openWarehouse(dir);
  try {
    const tables: Record<string, unknown[]> = {};
    for (const table of TABLE_NAMES) tables[table] = await db.query(`SELECT * FROM ${table} ORDER BY ALL`);
    return {tables, rejects: readFileSync(join(dir, REJECTS_FILE), "utf8"), sources: JSON.stringify(manifest.sources)};
  } finally {
    db.close();
  }
}

/**
 * Imports `content` twice with `importer`: from a file on disk, which the warehouse writer may read with DuckDB
 * (`acceptEdgeFile`), and from the same bytes in memory, which the importer reads line by line. Returns both
 * warehouses' contents and whether DuckDB read the file.
 */
async function importBothWays(importer: Importer, content: string | Uint8Array, params: Record<string, string> = {}) {
  const run = join(temp.dir, String(++runs));
  mkdirSync(run);
  const path = join(run, "edges");
  writeFileSync(path, content);
  const read = async (input: ReturnType<typeof fileInput>, dir: string) => {
    const writer = await WarehouseWriter.create(join(run, dir));
    await importer.read(input, writer, {params});
    await writer.finish();
    return contents(join(run, dir));
  };
  const accepted = vi.spyOn(SourceRecorder.prototype, "acceptEdgeFile");
  const fromFile = await read(fileInput(path), "from-file");
  const byDuckDb = accepted.mock.results.length > 0 && (await accepted.mock.results[0]!.value) === true;
  accepted.mockRestore();
  const lineByLine = await read(bytesInput(path, readFileSync(path)), "line-by-line");
  return {fromFile, lineByLine, byDuckDb};
}

/** Each case imports twice, a warehouse writer each time: seconds on a loaded machine. */
const SLOW = 300_000;

describe("edge files read by DuckDB", () => {
  it(
    "give the rows and reports of reading them line by line, comments and header included",
    async () => {
      const files: [Importer, string | Uint8Array, Record<string, string>?][] = [
        [edgelist, "# a comment\n\nsrc,dst,weight,ts\n1,2,3,1341100972\n2,1,-4,1341100973\n0,16777215,0,0001\n"],
        [edgelist, "1 2 1082040961\n3 4 1082155839\n1 2 1082414391"],
        [edgelist, "% sym\n1\t2\n2\t3\n3\t1\n3\t3\n", {kind: "follow", network: "konect"}],
        [edgelist, "5 6 1 1225229529\n6 5 1 1225369697\n", {kind: "follow", columns: "src,dst,rating,ts"}],
        [edgelist, gzipSync("223789 213163 2\n213163 223789 1\n376989 50329 4\n")],
        [snapHiggs, "223789 213163 1341100972 RT\n213163 223789 1341100973 MT\n0 16777215 1 RE"],
        [snapHiggs, gzipSync("376989 50329 1341376200 RE\n50329 376989 1341376201 RT\n")]
      ];
      for (const [importer, content, params] of files) {
        const {fromFile, lineByLine, byDuckDb} = await importBothWays(importer, content, params);
        expect(byDuckDb).toBe(true);
        expect(fromFile).toEqual(lineByLine);
      }
    },
    SLOW
  );

  it(
    "give the rows and reports of reading them line by line when one warehouse takes several",
    async () => {
      const files = [
        [snapHiggs, "higgs.gz", gzipSync("376989 50329 1341376200 RE\n50329 376989 1341376201 RT\n7 8 1 MT\n")],
        [edgelist, "follows.tsv", "% sym\n1\t2\n2\t3\n3\t1\n", {kind: "follow", network: "konect"}],
        [edgelist, "votes.txt", "8 7 1341376202\n50329 9 1341376203\n"],
        [snapHiggs, "odd.txt", "1 2 1341100972 RT\n7 8 1341100974 LK\n"]
      ] as const;
      for (const [, name, content] of files) writeFileSync(join(temp.dir, name), content);
      const read = async (dir: string, input: (name: string) => ReturnType<typeof fileInput>) => {
        const writer = await WarehouseWriter.create(join(temp.dir, dir));
        for (const [importer, name, , params] of files) await importer.read(input(name), writer, {params});
        await writer.finish();
        return contents(join(temp.dir, dir));
      };
      const accepted = vi.spyOn(SourceRecorder.prototype, "acceptEdgeFile");
      const fromFiles = await read("from-files", (name) => fileInput(join(temp.dir, name)));
      expect(await Promise.all(accepted.mock.results.map((result) => result.value))).toEqual([true, true, true, false]);
      accepted.mockRestore();
      const path = (name: string) => join(temp.dir, name);
      const lineByLine = await read("line-by-line", (name) => bytesInput(path(name), readFileSync(path(name))));
      expect(fromFiles).toEqual(lineByLine);
    },
    SLOW
  );

  it.each([
    {
      format: "an edge list",
      importer: edgelist,
      before: "1,2,3,1341100972\n4,5,6,1341100973\n",
      odd: [
        "7,8,9,1341100974\n\n", // a blank line, which DuckDB's reader passes over
        "7,8,9,1341100974\r\n", // CRLF
        "007,8,9,1341100974\n", // a node id with a leading zero is a name
        "16777216,8,9,1341100974\n", // beyond the numbers staged as numbers
        "7,8,+9,1341100974\n",
        "7,8,9.5,1341100974\n",
        "7,8,-0,1341100974\n",
        "7,8,9,2012-07-01T00:02:52Z\n",
        "7,8,9,123456789012\n",
        "7, 8,9,1341100974\n",
        '"7",8,9,1341100974\n',
        "7,8,9\n",
        "7,8,x,1341100974\n",
        "# a comment after the first edge\n"
      ],
      after: "9,10,11,1341100975\n"
    },
    {
      format: "an activity stream",
      importer: snapHiggs,
      before: "1 2 1341100972 RT\n4 5 1341100973 MT\n",
      odd: [
        "7 8 1341100974 RE\n\n",
        "7 8 1341100974 RE\r\n",
        "007 8 1341100974 RE\n",
        "7 8 1341100974 LK\n",
        "7  8 1341100974 RE\n",
        "7 8 1341100974 RE \n",
        "7 8 1341100974\n",
        "7 8 123456789012 RE\n"
      ],
      after: "9 10 1341100975 RT\n"
    }
  ])(
    "are read line by line, with the same result, when any line of $format is not in the plain form",
    async ({importer, before, odd, after}) => {
      for (const line of odd) {
        const {fromFile, lineByLine, byDuckDb} = await importBothWays(importer, before + line + after);
        expect(byDuckDb, JSON.stringify(line)).toBe(false);
        expect(fromFile, JSON.stringify(line)).toEqual(lineByLine);
      }
    },
    SLOW
  );

  it(
    "give the same result as line by line for any mix of plain and odd lines",
    async () => {
      const field = fc.constantFrom("0", "1", "17", "007", "-3", "+2", "1.5", "", " 4", "1341100972", "x");
      const line = fc.oneof(
        fc.tuple(field, field, field, field).map((fields) => fields.join(",")),
        fc.constantFrom("", "# note", "1,2", "1,2,3,4,5", "3,4,5,6\r")
      );
      await fc.assert(
        fc.asyncProperty(fc.array(line, {minLength: 1, maxLength: 6}), fc.boolean(), async (lines, finalNewline) => {
          const content = "1,2,3,1341100972\n" + lines.join("\n") + (finalNewline ? "\n" : "");
          const {fromFile, lineByLine} = await importBothWays(edgelist, content);
          expect(fromFile).toEqual(lineByLine);
        }),
        {numRuns: 10, seed: 42}
      );
    },
    SLOW
  );
});
