import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterEach, beforeEach, describe, expect, it} from "vitest";
import {newestFullResults} from "../../bench/results-file.js";

const MACHINE = {hostname: "vm", cpu: "test cpu", cores: 2, memoryGiB: 8, arch: "x64", node: "v20.0.0"};

/** A hand-made results file of one row, whose tool names the run. */
function run(date: string, mode: "full" | "quick", tool: string): string {
  return JSON.stringify({
    date,
    mode,
    machine: MACHINE,
    rows: [{kernel: "pagerank", tool, size: "1M", medianMs: 10, minMs: 9, maxMs: 12, peakMiB: 100}],
    skipped: [],
    budgets: [],
    notes: []
  });
}

describe("newestFullResults(dir)", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "sway-results-"))));
  afterEach(() => rmSync(dir, {recursive: true, force: true}));

  it("picks the full run with the latest date inside the file, not the last file name, and skips quick runs", () => {
    // The file names sort in the opposite order of the dates recorded inside them.
    writeFileSync(join(dir, "2026-12-01-b.json"), run("2026-11-01T10:00:00.000Z", "full", "older"));
    writeFileSync(join(dir, "2026-01-01-a.json"), run("2026-11-20T10:00:00.000Z", "full", "newer"));
    writeFileSync(join(dir, "2026-11-30-a-quick.json"), run("2026-11-30T10:00:00.000Z", "quick", "quick"));
    writeFileSync(join(dir, "README.txt"), "not a results file");
    const newest = newestFullResults(dir);
    expect(newest.file).toBe("2026-01-01-a.json");
    expect(newest.rows[0]!.tool).toBe("newer");
    expect(newest.machine).toEqual(MACHINE);
  });

  it("says so when the folder holds no full run", () => {
    writeFileSync(join(dir, "2026-11-30-a-quick.json"), run("2026-11-30T10:00:00.000Z", "quick", "quick"));
    expect(() => newestFullResults(dir)).toThrow(`bench/results-file: no full benchmark run in ${dir}`);
  });

  it("names the file that is not valid JSON", () => {
    writeFileSync(join(dir, "broken.json"), "{");
    expect(() => newestFullResults(dir)).toThrow(`bench/results-file: ${join(dir, "broken.json")} is not valid JSON`);
  });
});
