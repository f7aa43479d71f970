/** `sway compare` as a user runs it, on the fixture world. */
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {METHODS} from "../../scoring/methods/index.js";
import {FIXTURE_WORLD} from "../helpers/fixture-world.js";
import {tempDir, writeWorld} from "../helpers/world.js";
import {sway, swayInProcess} from "./run-sway.js";

const temp = tempDir();
const world = join(temp.dir, "world");

beforeAll(() => writeWorld(world, FIXTURE_WORLD));
afterAll(() => temp.remove());

const THREE = ["followers", "reactions", "pagerank"];

// `node bin/sway.js` bundles the TypeScript sources when one changed: seconds for the first process on a busy
// machine, so the cases that start one get more than the default 30 s.
describe("sway compare", {timeout: 120_000}, () => {
  it("prints Spearman, Kendall and top-k matrices with aligned columns and 1.000 on the diagonal", async () => {
    const {stdout, stderr, code} = await sway("compare", world, "--methods", THREE.join(","));
    expect([code, stderr]).toEqual([0, ""]);
    expect(stdout).toMatch(/^6 accounts scored by every method\.\n/);
    const sections = stdout.split("\n\n");
    for (const title of ["Spearman's rank correlation", "Kendall's tau-b", "Top-6 overlap"]) {
      const section = sections.find((s) => s.startsWith(title))!;
      const [header, ...rows] = section.split("\n").slice(1, 5);
      expect(header.trim().split(/\s+/)).toEqual(THREE);
      expect(rows.map((row) => row.split(/\s+/)[0])).toEqual(THREE);
      rows.forEach((row, i) => {
        const cells = row.split(/\s+/).slice(1);
        expect(cells).toHaveLength(3);
        expect(cells[i]).toBe("1.000");
        expect(row.length).toBe(header.length); // right-aligned under the header
      });
    }
    // Hand-computed in test/scoring/compare/index.test.ts: ρ(followers, reactions) = 8.25 / √280.5 = 0.4926.
    expect(sections.find((s) => s.startsWith("Spearman"))!.split("\n")[2]).toMatch(/^followers\s+1\.000\s+0\.493\s/);
    expect(stdout).toContain("Largest disagreements, followers vs reactions");
    expect(stdout).toMatch(/mastodon:x\s+xena@example\.social\s+5\s+2\s+0\.700\n/);
  });

  it("prints one JSON object with the same content under --json", async () => {
    const {stdout, code} = await sway("compare", world, "-m", THREE.join(","), "--json", "--k", "3", "--top", "2");
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(Object.keys(report)).toEqual([
      "methods",
      "accounts",
      "excluded",
      "spearman",
      "kendall",
      "topK",
      "disagreements"
    ]);
    expect(report.methods).toEqual(THREE);
    for (const matrix of [report.spearman, report.kendall, report.topK.overlap, report.topK.jaccard]) {
      expect(matrix).toHaveLength(3);
      matrix.forEach((row: number[], i: number) => {
        expect(row).toHaveLength(3);
        expect(row[i]).toBe(1);
      });
    }
    // Hand-computed (test/scoring/compare/index.test.ts): 9 concordant, 3 discordant pairs, 1 tie in followers,
    // 2 in reactions: τ_b = 6 / √(14 · 13). Top 3: followers a b c, reactions a x b (b before c by id): 2 of 3.
    expect(report.kendall[0][1]).toBeCloseTo(6 / Math.sqrt(182), 12);
    expect(report.topK).toMatchObject({k: 3, tiedAtCutoff: [false, true, expect.any(Boolean)]});
    expect(report.topK.overlap[0][1]).toBeCloseTo(2 / 3, 15);
    expect(report.disagreements.map((pair: {methods: string[]}) => pair.methods)).toEqual([
      ["followers", "reactions"],
      ["followers", "pagerank"],
      ["reactions", "pagerank"]
    ]);
    expect(report.disagreements[0].accounts).toHaveLength(2);
    expect(report.disagreements[0].accounts[0]).toEqual({
      account_id: "mastodon:x",
      handle: "xena@example.social",
      ranks: [5, 2],
      percentiles: [0.9, 0.2],
      difference: expect.closeTo(0.7, 15)
    });
  });

  it("compares every method the data can feed by default, saying which it skips", async () => {
    const {stdout, stderr, code} = await swayInProcess("compare", world, "--json", "--top", "0");
    expect(code).toBe(0);
    // The fixture world's posts carry no topics, so TwitterRank cannot run on it.
    expect(stderr).toBe("sway: skipping twitterrank: no post carries topics\n");
    expect(JSON.parse(stdout).methods).toEqual(METHODS.map((method) => method.id).filter((id) => id !== "twitterrank"));
  });

  it("explains bad input in one line, without a stack trace", async () => {
    const unknown = await swayInProcess("compare", world, "--methods", "followers,klout9000");
    const one = await swayInProcess("compare", world, "--methods", "followers,followers");
    const k = await swayInProcess("compare", world, "--k", "0");
    const top = await swayInProcess("compare", world, "--top", "ten");
    const missing = await swayInProcess("compare", join(temp.dir, "nowhere"), "-m", "followers,reactions");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^sway: unknown method "klout9000"; known methods: [^\n]+\n$/);
    expect([one.code, one.stderr]).toEqual([
      1,
      "sway: compare needs at least two methods; --methods names followers\n"
    ]);
    expect([k.code, k.stderr]).toEqual([1, 'sway: --k must be an integer of at least 1, got "0"\n']);
    expect([top.code, top.stderr]).toEqual([1, 'sway: --top must be an integer of at least 0, got "ten"\n']);
    expect([missing.code, missing.stderr]).toEqual([
      1,
      `sway: ${join(temp.dir, "nowhere")} is not a warehouse: manifest.json is missing\n`
    ]);
  });

  it("has --help", async () => {
    const {stdout, code} = await sway("compare", "--help"); // a subcommand's help calls process.exit itself
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: sway compare \[options\] <dir>/);
    expect(stdout).toContain("--json");
  });
});
