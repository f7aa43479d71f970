/** The `sway` command as a user runs it: a separate process, its output and its exit code. */
import {writeFileSync} from "node:fs";
import {join} from "node:path";
import {csvParse} from "d3";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {FIXTURE_WORLD} from "../helpers/fixture-world.js";
import {tempDir, writeWorld} from "../helpers/world.js";
import {sway} from "./run-sway.js";

const temp = tempDir();
const world = join(temp.dir, "world");

beforeAll(() => writeWorld(world, FIXTURE_WORLD));
afterAll(() => temp.remove());

describe("sway score", () => {
  it("prints one CSV row per account and method with value, score and rank", async () => {
    const {stdout, code} = await sway("score", world, "--methods", "reactions,pagerank");
    expect(code).toBe(0);
    const rows = csvParse(stdout);
    expect(rows.columns).toEqual(["account_id", "method", "value", "score", "rank"]);
    expect(rows).toHaveLength(12);
    expect(rows[0]).toEqual({account_id: "twitter:a", method: "reactions", value: "3", score: "3", rank: "1"});
    const pagerankSum = rows.filter((r) => r.method === "pagerank").reduce((sum, r) => sum + Number(r.value), 0);
    expect(pagerankSum).toBeCloseTo(1, 12);
  });

  it("scores with every method the data allows when asked for all, saying which it skips", async () => {
    const input = join(temp.dir, "no-follows.txt");
    writeFileSync(input, "1 2 1341100972 RT\n");
    const warehouse = join(temp.dir, "no-follows");
    await sway("import", "snap-higgs", input, "--out", warehouse);
    const {stdout, stderr, code} = await sway("score", warehouse, "--methods", "all");
    expect(code).toBe(0);
    expect(stderr).toContain("sway: skipping indegree: the data has no follow graph\n");
    const scored = new Set(csvParse(stdout).map((row) => row.method));
    for (const method of ["klout", "followers", "reactions", "reposts", "mentions", "pagerank"]) {
      expect(scored).toContain(method);
    }
    for (const method of ["indegree", "lampos", "pagerank-follows"]) expect(scored).not.toContain(method);
    const named = await sway("score", warehouse, "--methods", "lampos");
    expect(named.code).toBe(1);
    expect(named.stderr).toBe(`sway: lampos cannot score ${warehouse}: the data reports no follower counts\n`);
  });

  it("scores as of a date over a window, with weights from a file", async () => {
    const weights = join(temp.dir, "weights.json");
    writeFileSync(weights, JSON.stringify({method: "pagerank", weights: {repost: 0}}));
    const {stdout, code} = await sway(
      "score",
      world,
      "-m",
      "reposts,pagerank",
      "--at",
      "2026-03-02",
      "--window-days",
      "1",
      "--weights",
      weights
    );
    expect(code).toBe(0);
    const rows = csvParse(stdout);
    // Only 1 March's reposts are inside the window: b and c repost a, y reposts x once.
    expect(rows.find((r) => r.method === "reposts" && r.account_id === "mastodon:x")?.value).toBe("1");
    const bad = join(temp.dir, "bad-weights.json");
    writeFileSync(bad, JSON.stringify({method: "pagerank", weights: {retweet: 2}}));
    const refused = await sway("score", world, "--weights", bad);
    expect(refused.stderr).toMatch(new RegExp(`^sway: ${bad}: weights for pagerank: unknown key "retweet"`));
    expect((await sway("score", world, "--at", "yesterday")).stderr).toBe(
      'sway: --at: "yesterday" is not a date (use ISO 8601, e.g. 2012-07-04)\n'
    );
  });

  it("writes JSON and Parquet files", async () => {
    const json = join(temp.dir, "scores.json");
    expect((await sway("score", world, "-m", "followers", "-f", "json", "-o", json)).code).toBe(0);
    const {stdout} = await sway("score", world, "-m", "followers", "-f", "json");
    expect(JSON.parse(stdout)[0]).toEqual({
      account_id: "twitter:a",
      method: "followers",
      value: 100,
      score: 100,
      rank: 1
    });
    const parquet = join(temp.dir, "scores.parquet");
    expect((await sway("score", world, "-m", "followers", "-f", "parquet", "-o", parquet)).code).toBe(0);
  });

  it("explains bad input in one line, without a stack trace", async () => {
    const unknown = await sway("score", world, "--methods", "klout9000");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^sway: unknown method "klout9000"; known methods: klout, .*\bpagerank\b/);
    const missing = await sway("score", join(temp.dir, "nowhere"));
    expect(missing.stderr).toBe(`sway: ${join(temp.dir, "nowhere")} is not a warehouse: manifest.json is missing\n`);
    const parquet = await sway("score", world, "-f", "parquet");
    expect(parquet.stderr).toBe("sway: --format parquet needs --out <file>\n");
  });
});

describe("sway import", () => {
  it("imports, prints the report and refuses to overwrite", async () => {
    const input = join(temp.dir, "activity.txt");
    writeFileSync(input, "1 2 1341100972 RT\n2 1 1341100973 XX\n");
    const out = join(temp.dir, "imported");
    const first = await sway("import", "snap-higgs", input, "--out", out);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("read 2 records, accepted 1, rejected 1");
    expect(first.stdout).toContain("rejected 1: unknown event type (expected RT, MT or RE) (first at line 2)");
    const again = await sway("import", "snap-higgs", input, "--out", out);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("pass --append");
  });

  it("lists the known formats for an unknown one", async () => {
    const {code, stderr} = await sway("import", "myspace", "x", "--out", join(temp.dir, "x"));
    expect(code).toBe(1);
    expect(stderr).toMatch(/^sway: unknown format "myspace"; known formats: snap-higgs/);
  });

  it("has --help on every command", async () => {
    for (const command of [[], ["import"], ["score"]]) {
      const {stdout, code} = await sway(...command, "--help");
      expect(code).toBe(0);
      expect(stdout).toMatch(/^Usage: sway/);
    }
  });
});

describe("sway import auto", () => {
  it("recognises the Higgs activity stream by content and says so", async () => {
    const input = join(temp.dir, "unnamed.dat");
    writeFileSync(input, "1 2 1341100972 RT\n2 1 1341100973 MT\n");
    const out = join(temp.dir, "auto");
    const {code, stderr, stdout} = await sway("import", "auto", input, "--out", out);
    expect(code).toBe(0);
    expect(stderr).toBe(`auto: ${input} is snap-higgs (lines of \`A B t RT|MT|RE\`)\n`);
    expect(stdout).toContain("accepted 2");
  });

  it("says when it cannot recognise a file", async () => {
    const input = join(temp.dir, "mystery.txt");
    writeFileSync(input, "hello world\n");
    const {code, stderr} = await sway("import", "auto", input, "--out", join(temp.dir, "none"));
    expect(code).toBe(1);
    expect(stderr).toBe(`sway: ${input}: format not recognised; name it instead of auto\n`);
  });
});
