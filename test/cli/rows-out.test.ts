/** The command line's row writer: the same text as formatting every row at once, written a chunk at a time. */
import {execFile} from "node:child_process";
import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {promisify} from "node:util";
import {csvFormat} from "d3";
import {afterAll, describe, expect, it} from "vitest";
import {writeRows, type OutputColumns} from "../../cli/rows-out.js";
import {tempDir} from "../helpers/world.js";

const temp = tempDir();
afterAll(() => temp.remove());

const COLUMNS: OutputColumns = [
  ["account_id", "VARCHAR"],
  ["method", "VARCHAR"],
  ["value", "DOUBLE"],
  ["rank", "INTEGER"]
];

/** Rows whose cells need every rule of CSV: commas, quotes, line breaks, empty cells, and numbers of every form. */
function trickyRows(count: number, offset = 0) {
  const ids = ["plain", "with,comma", 'with "quotes"', "line\nbreak", "carriage\rreturn", "", "  spaced  ", "ünï"];
  const values = [0, -0, 1, -2.5, 1e-7, 1.5e21, 0.1 + 0.2, NaN, Infinity, 29.353122529490392];
  return Array.from({length: count}, (_, i) => ({
    account_id: ids[(i + offset) % ids.length]! + String(i + offset),
    method: (i + offset) % 3 === 0 ? "klout" : "page,rank",
    value: values[(i + offset) % values.length]!,
    rank: i + offset + 1
  }));
}

describe("writeRows", () => {
  it("writes CSV byte for byte as d3's csvFormat writes all the rows at once, across chunks and slices", async () => {
    // More rows than one slice of the writer, in chunks of uneven size, one of them empty.
    const chunks = [trickyRows(5000), [], trickyRows(3, 5000), trickyRows(4200, 5003)];
    const out = join(temp.dir, "rows.csv");
    await writeRows(chunks, COLUMNS, "csv", {out});
    const expected = csvFormat(chunks.flat(), ["account_id", "method", "value", "rank"]) + "\n";
    expect(readFileSync(out, "utf8")).toBe(expected);
  });

  it("writes an empty cell for a missing value, as csvFormat does", async () => {
    const rows = [{account_id: "a", method: null, value: undefined, rank: 1}];
    const out = join(temp.dir, "missing.csv");
    await writeRows([rows], COLUMNS, "csv", {out});
    expect(readFileSync(out, "utf8")).toBe("account_id,method,value,rank\na,,,1\n");
  });

  it("writes JSON exactly as JSON.stringify writes the rows in one array, empty chunks included", async () => {
    const chunks = [[], trickyRows(7), [], trickyRows(2, 7)];
    const out = join(temp.dir, "rows.json");
    await writeRows(chunks, COLUMNS, "json", {out});
    expect(readFileSync(out, "utf8")).toBe(JSON.stringify(chunks.flat()) + "\n");
    await writeRows([[], []], COLUMNS, "json", {out});
    expect(readFileSync(out, "utf8")).toBe("[]\n");
  });

  it("writes only the header when there are no rows", async () => {
    const out = join(temp.dir, "none.csv");
    await writeRows([], COLUMNS, "csv", {out});
    expect(readFileSync(out, "utf8")).toBe(csvFormat([], ["account_id", "method", "value", "rank"]) + "\n");
  });

  it("names the file it cannot write", async () => {
    const out = join(temp.dir, "no-such-folder", "rows.csv");
    await expect(writeRows([trickyRows(3)], COLUMNS, "csv", {out})).rejects.toThrow(`cannot write ${out}: ENOENT`);
  });

  it("leaves no file behind when the rows fail part way", async () => {
    const out = join(temp.dir, "failed.csv");
    function* failing() {
      yield trickyRows(5000);
      throw new Error("the third method failed");
    }
    await expect(writeRows(failing(), COLUMNS, "csv", {out})).rejects.toThrow("the third method failed");
    expect(existsSync(out)).toBe(false);
  });

  it("ends quietly when the reader of stdout stops early, as `sway score … | head` does", async () => {
    // 200,000 rows (several MB) into a pipe that `head` closes after 100 bytes.
    const script = [
      'import {writeRows} from "./cli/rows-out.ts";',
      'const rows = Array.from({length: 200000}, (_, i) => ({account_id: "a" + i, method: "m", value: i / 7, rank: i}));',
      'await writeRows([rows], [["account_id", "VARCHAR"], ["method", "VARCHAR"], ["value", "DOUBLE"], ["rank", "INTEGER"]], "csv", {});',
      'process.stderr.write("finished\\n");'
    ].join("\n");
    const command = `node --import tsx --input-type=module -e '${script}' | head -c 100 > /dev/null; echo "status $\{PIPESTATUS[0]}"`;
    const {stdout, stderr} = await promisify(execFile)("bash", ["-c", command]);
    expect(stderr).toBe("finished\n");
    expect(stdout).toBe("status 0\n");
  });
});
