/**
 * The benchmark harness: contenders run in processes of their own (so each one's peak memory is its own), each
 * `warmup` runs then `repeats` timed runs; rows of median, min, max and peak memory; budgets met or missed; a
 * table on stdout with every row's ratio to Sway's row of the same kernel and size; and the results file
 * `bench/results/<date>-<machine>.json`. Medians and ratios, not absolute times, are what survive a noisy
 * two-core machine.
 */
import {spawn} from "node:child_process";
import {mkdirSync, writeFileSync} from "node:fs";
import {arch, cpus, hostname, totalmem} from "node:os";
import {join} from "node:path";
import * as prettier from "prettier";
import {rowGroups, type Results, type ResultsFile, type Row} from "../src/components/performance.js";

export type {Budget, Results, Row, Skipped} from "../src/components/performance.js";

export function emptyResults(): Results {
  return {rows: [], skipped: [], budgets: [], notes: []};
}

export interface RunPlan {
  warmup: number;
  repeats: number;
}

export const FULL_PLAN: RunPlan = {warmup: 1, repeats: 5};

/** Median, min and max of the timed runs, the first `warmup` runs left out. */
export function summarize(runsMs: readonly number[], warmup: number): {medianMs: number; minMs: number; maxMs: number} {
  const timed = runsMs.slice(warmup);
  if (timed.length === 0) throw new Error(`bench/harness: no timed runs among ${runsMs.length} (warm-up ${warmup})`);
  return {medianMs: median(timed), minMs: Math.min(...timed), maxMs: Math.max(...timed)};
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** What every child contender prints as its last line of stdout. */
export interface ChildReport {
  runsMs: number[];
  iterations: number | null;
  maxRssKiB: number;
  [extra: string]: unknown;
}

/**
 * Runs `command args…`, waits for it (killing it after `timeoutMs`), and parses its last stdout line as a
 * `ChildReport`. Rejects with the command's stderr when it fails, so the bench can print why.
 */
export function runChild(command: string, args: readonly string[], timeoutMs: number): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {stdio: ["ignore", "pipe", "pipe"]});
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (signal === "SIGKILL") return reject(new Error(`timed out after ${Math.round(timeoutMs / 1000)} s`));
      if (code !== 0) return reject(new Error(`exit ${code}: ${lastLine(stderr) || "no message"}`));
      try {
        resolve(JSON.parse(lastLine(stdout)) as ChildReport);
      } catch {
        reject(new Error(`unreadable report: ${lastLine(stdout).slice(0, 200)}`));
      }
    });
  });
}

/** Runs a TypeScript file of `bench/` in a child Node process under tsx. */
export function runTsChild(file: string, args: readonly string[], timeoutMs: number): Promise<ChildReport> {
  return runChild(process.execPath, ["--import", "tsx", join(import.meta.dirname, file), ...args], timeoutMs);
}

function lastLine(text: string): string {
  const lines = text.trim().split("\n");
  return lines[lines.length - 1] ?? "";
}

/**
 * Decides which slow contenders run at a size: one whose whole measurement (warm-up and timed runs) is
 * expected to take longer than `limitMs` is skipped, the expectation being its wall time at the previous size
 * scaled linearly by the input size. Returns the reason to skip, or undefined to run.
 */
export class TimeLimit {
  private readonly last = new Map<string, {units: number; ms: number; size: string}>();
  constructor(readonly limitMs: number) {}

  reasonToSkip(tool: string, units: number): string | undefined {
    const previous = this.last.get(tool);
    if (!previous) return undefined;
    const estimate = (previous.ms * units) / previous.units;
    if (estimate <= this.limitMs) return undefined;
    return (
      `estimated ${(estimate / 1000).toFixed(0)} s (${(previous.ms / 1000).toFixed(1)} s at ${previous.size}, ` +
      `scaled by size), over the ${this.limitMs / 1000} s limit`
    );
  }

  record(tool: string, size: string, units: number, ms: number): void {
    this.last.set(tool, {units, ms, size});
  }
}

export interface InProcessContender {
  tool: string;
  run: () => unknown | Promise<unknown>;
}

/**
 * Runs contenders in this process, interleaved (so that a slow phase of the machine hits all of them alike),
 * for contenders that cannot run alone in a child. Peak memory is the process's resident set sampled every
 * 10 ms while the contender ran (between its awaits), so it includes the runtime and whatever the process
 * already held.
 */
export async function measureInProcess(
  contenders: InProcessContender[],
  plan: RunPlan
): Promise<{tool: string; runsMs: number[]; peakMiB: number}[]> {
  const measured = contenders.map((c) => ({tool: c.tool, runsMs: [] as number[], peakMiB: 0}));
  for (let r = 0; r < plan.warmup + plan.repeats; r++) {
    for (const [i, contender] of contenders.entries()) {
      let peak = process.memoryUsage().rss;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
      const start = performance.now();
      try {
        await contender.run();
      } finally {
        clearInterval(sampler);
      }
      measured[i]!.runsMs.push(performance.now() - start);
      peak = Math.max(peak, process.memoryUsage().rss);
      measured[i]!.peakMiB = Math.max(measured[i]!.peakMiB, peak / 1024 ** 2);
    }
  }
  return measured;
}

/** A row from a child's report. */
export function rowOf(kernel: string, tool: string, size: string, report: ChildReport, plan: RunPlan): Row {
  return {kernel, tool, size, ...summarize(report.runsMs, plan.warmup), peakMiB: report.maxRssKiB / 1024};
}

/**
 * The table: one block per kernel and size, each row with median, min, max, peak MiB and how many times
 * Sway's speed the tool ran (above 1 means the tool took longer than Sway); then the skipped contenders,
 * the budgets and the notes.
 */
export function printResults(results: Results): void {
  const ms = (value: number) => value.toFixed(value < 10 ? 2 : 0).padStart(9);
  for (const {kernel, size, rows} of rowGroups(results.rows)) {
    console.log(`\n${kernel} · ${size}`);
    console.log(
      `  ${"tool".padEnd(34)} ${"median ms".padStart(9)} ${"min".padStart(9)} ${"max".padStart(9)} ${"peak MiB".padStart(9)}` +
        `  ${"× sway".padStart(7)}  ${"ms/iter".padStart(8)}  L1 to sway`
    );
    for (const row of rows) {
      const ratio = row.timesSway === null ? "–" : row.timesSway.toFixed(2);
      const perIteration = row.perIterationMs == null ? "–" : row.perIterationMs.toFixed(2);
      const l1 = row.l1ToSway == null ? "" : row.l1ToSway.toExponential(1);
      console.log(
        `  ${row.tool.padEnd(34)} ${ms(row.medianMs)} ${ms(row.minMs)} ${ms(row.maxMs)} ` +
          `${(row.peakMiB == null ? "–" : row.peakMiB.toFixed(0)).padStart(9)}  ${ratio.padStart(7)}  ${perIteration.padStart(8)}  ${l1}`
      );
    }
  }
  if (results.skipped.length > 0) {
    console.log("\nnot run");
    for (const s of results.skipped) console.log(`  ${s.kernel} · ${s.size} · ${s.tool}: ${s.reason}`);
  }
  if (results.budgets.length > 0) {
    console.log("\nbudgets");
    for (const b of results.budgets) {
      console.log(`  ${b.met ? "met   " : "MISSED"}  ${b.name}: target ${b.target}, measured ${b.measured}`);
    }
  }
  if (results.notes.length > 0) {
    console.log("\nnotes");
    for (const note of results.notes) console.log(`  ${note}`);
  }
}

/**
 * Writes `<dir>/<yyyy-mm-dd>-<machine>.json` (`…-quick.json` for the quick mode, whose small sizes say nothing
 * about budgets) and returns its path.
 */
export async function writeResults(dir: string, results: Results, mode: "full" | "quick"): Promise<string> {
  mkdirSync(dir, {recursive: true});
  const date = new Date().toISOString().slice(0, 10);
  const machine = hostname().replace(/[^A-Za-z0-9_.-]/g, "_");
  const file = join(dir, `${date}-${machine}${mode === "quick" ? "-quick" : ""}.json`);
  const cpu = cpus();
  const document: ResultsFile = {
    date: new Date().toISOString(),
    mode,
    machine: {
      hostname: hostname(),
      cpu: cpu[0]?.model ?? "unknown",
      cores: cpu.length,
      memoryGiB: Math.round(totalmem() / 1024 ** 3),
      arch: arch(),
      node: process.version
    },
    ...results
  };
  // Formatted as the repository's formatter would, so that `npm run lint` passes with the file committed.
  const options = await prettier.resolveConfig(file);
  writeFileSync(file, await prettier.format(JSON.stringify(document), {...options, filepath: file}));
  return file;
}
