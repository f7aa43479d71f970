/** `sway evaluate pairs` as a user runs it: a separate process on a hand-made pairs file. */
import {readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it, vi} from "vitest";
import {main} from "../../cli/main.js";
import {PAIR_FEATURES} from "../../scoring/evaluate/aggregate-methods.js";
import {FIXTURE_WORLD} from "../helpers/fixture-world.js";
import {tempDir, writeWorld} from "../helpers/world.js";
import {sway, swayInProcess} from "./run-sway.js";

const temp = tempDir();
const pairsCsv = join(temp.dir, "hand.csv");

/** [choice, A followers, B followers, A listed, B listed]; every other feature is 1. */
const ROWS = [
  [1, 100, 10, 5, 1], // followers +90, right
  [0, 10, 200, 1, 9], // −190, right
  [1, 50, 50, 3, 2], // tie, ½
  [0, 300, 30, 1, 4], // +270, wrong
  [1, 80, 20, 2, 2], // +60, right
  [0, 15, 60, 2, 6], // −45, right
  [1, 40, 45, 8, 1], // −5, wrong
  [0, 25, 20, 1, 3] // +5, wrong
] as const;

function account(followers: number, listed: number): number[] {
  return PAIR_FEATURES.map((f) => (f === "follower_count" ? followers : f === "listed_count" ? listed : 1));
}

beforeAll(() => {
  const header = ["Choice", ...["A", "B"].flatMap((side) => PAIR_FEATURES.map((f) => `${side}_${f}`))];
  const lines = ROWS.map(([choice, af, bf, al, bl]) => [choice, ...account(af, al), ...account(bf, bl)].join(","));
  writeFileSync(pairsCsv, [header.join(","), ...lines].join("\n") + "\n");
});
afterAll(() => temp.remove());

// Followers, by hand: accuracy (1 + 1 + ½ + 0 + 1 + 1 + 0 + 0) / 8; AUC: A-won differences 90, 0, 60, −5 against
// B-won −190, 270, −45, 5: 90 and 60 beat three each, 0 and −5 beat two each: 10 of 16.
const FOLLOWERS = {method: "followers", n: 8, accuracy: 0.5625, auc: 0.625};

// Each run starts a process that compiles the CLI with tsx: seconds each on a busy machine.
describe("sway evaluate pairs", {timeout: 120_000}, () => {
  it("prints a table of accuracy and AUC per method, sorted by AUC, then the methods that do not apply", async () => {
    const {stdout, code} = await sway("evaluate", "pairs", pairsCsv);
    expect(code).toBe(0);
    const [table, notApplicable] = stdout.split("\n\nnot applicable:\n");
    const lines = table!.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^method\s+n\s+accuracy\s+AUC\s+note$/);
    expect(lines).toContainEqual(expect.stringMatching(/^followers\s+8\s+0\.5625\s+0\.6250\s+follower count/));
    expect(lines).toHaveLength(11);
    const aucs = lines.slice(1).map((line) => Number(line.split(/\s+/)[3]));
    expect(aucs).toEqual([...aucs].sort((x, y) => y - x));
    expect(notApplicable).toMatch(/^ {2}pagerank\s+needs the interaction graph/m);
  });

  it("prints with --json exactly an array of {method, n, accuracy, auc}, the rest on stderr", async () => {
    const {stdout, stderr, code} = await sway("evaluate", "pairs", pairsCsv, "--json");
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as Record<string, unknown>[];
    expect(Array.isArray(rows)).toBe(true);
    for (const row of rows) expect(Object.keys(row)).toEqual(["method", "n", "accuracy", "auc"]);
    expect(rows).toContainEqual(FOLLOWERS);
    const [blank, heading, ...notApplicable] = stderr.trimEnd().split("\n");
    expect([blank, heading]).toEqual(["", "not applicable:"]);
    for (const line of notApplicable) expect(line).toMatch(/^ {2}\S+\s+needs \S/);
    expect(stderr).toMatch(/^ {2}pagerank\s+needs the interaction graph/m);
  });

  it("learns weights with --learn, writes them with --out, and evaluates them again with --weights", async () => {
    const out = join(temp.dir, "weights.json");
    const learned = await sway("evaluate", "pairs", pairsCsv, "--learn", "--folds", "4", "--seed", "2", "--out", out);
    expect(learned.code).toBe(0);
    expect(learned.stdout).toMatch(/^pairs-logistic\s+8\s+[01]\.\d{4}\s+(n\/a|[01]\.\d{4})\s+logistic on/m);
    expect(learned.stderr).toBe(`wrote the weights fitted on all 8 pairs to ${out}\n`);
    const file = JSON.parse(readFileSync(out, "utf8"));
    expect(Object.keys(file)).toEqual(["method", "note", "weights", "fitted_on", "l2", "cv"]);
    expect(file.note).toBe(`sway evaluate pairs ${pairsCsv} --learn --folds 4 --seed 2 --l2 1 --out ${out}`);
    expect(file).toMatchObject({method: "pairs-logistic", fitted_on: pairsCsv, l2: 1, cv: {folds: 4, seed: 2}});
    expect(Object.keys(file.weights)).toEqual([...PAIR_FEATURES]);

    const again = await sway("evaluate", "pairs", pairsCsv, "--weights", out, "--json");
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).map((row: {method: string}) => row.method)).toContain("pairs-logistic");
    const table = await sway("evaluate", "pairs", pairsCsv, "--weights", out);
    expect(table.stdout).toMatch(/^pairs-logistic .* weights from \S+ \(fitted on these pairs: in-sample\)$/m);

    writeFileSync(out, JSON.stringify({...file, weights: {...file.weights, followers: 1}}));
    const bad = await sway("evaluate", "pairs", pairsCsv, "--weights", out);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(new RegExp(`^sway: ${out}: unknown key "weights.followers" \\(known: [^\\n]*\\)\\n$`));
  });

  it("writes weights that sway score takes for pairs-logistic", async () => {
    const out = join(temp.dir, "learned.json");
    expect((await swayInProcess("evaluate", "pairs", pairsCsv, "--learn", "--folds", "2", "--out", out)).code).toBe(0);
    const warehouse = join(temp.dir, "world");
    await writeWorld(warehouse, FIXTURE_WORLD);
    const args = ["score", warehouse, "--methods", "pairs-logistic", "--format", "json"];
    const learned = await swayInProcess(...args, "--weights", out);
    const preset = await swayInProcess(...args);
    expect([learned.code, learned.stderr, preset.code]).toEqual([0, "", 0]);
    const values = (result: {stdout: string}) =>
      (JSON.parse(result.stdout) as {account_id: string; value: number}[]).map((row) => row.value).sort();
    expect(values(learned)).toHaveLength(FIXTURE_WORLD.accounts!.length);
    expect(values(learned)).not.toEqual(values(preset));
  });

  it("explains bad input in one line", async () => {
    const malformed = join(temp.dir, "malformed.csv");
    writeFileSync(malformed, readFileSync(pairsCsv, "utf8").replace(/\n0,10,/, "\n0,ten,"));
    const nowhere = join(temp.dir, "nowhere.csv");
    const cases: [string[], string][] = [
      [[pairsCsv, "--out", "x.json"], "sway: --out needs --learn\n"],
      [[pairsCsv, "--learn", "--folds", "9"], "sway: --folds must be from 2 to the number of pairs (8), got 9\n"],
      [[pairsCsv, "--learn", "--seed", "x"], 'sway: --seed must be an integer, got "x"\n'],
      [[pairsCsv, "--learn", "--l2", "-1"], 'sway: --l2 must be a non-negative number, got "-1"\n'],
      [[pairsCsv, "--learn", "--weights", "w.json"], "sway: --learn and --weights cannot be combined\n"],
      [[nowhere], `sway: ${nowhere}: no such file\n`],
      [[malformed], `sway: ${malformed}: line 3: A_follower_count is "ten", expected a non-negative number\n`]
    ];
    // In this process (the same `main` as bin/sway.js runs), to spare a process start per case.
    for (const [args, message] of cases) {
      const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
      try {
        expect(await main(["node", "sway", "evaluate", "pairs", ...args])).toBe(1);
        expect(stderr.mock.calls.map(([text]) => String(text)).join("")).toBe(message);
      } finally {
        stderr.mockRestore();
      }
    }
  });

  it("has --help", async () => {
    const {stdout, code} = await sway("evaluate", "pairs", "--help");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: sway evaluate pairs \[options\] <csv>/);
  });
});
