import {createHash} from "node:crypto";
import {existsSync, readdirSync, statSync, utimesSync} from "node:fs";
import {join, resolve} from "node:path";
import {Worker} from "node:worker_threads";
import {describe, expect, it} from "vitest";
import type {KernelRequest, KernelResponse} from "../../loaders/kernel-thread.js";
import {buildCsr} from "../../scoring/graph/csr.js";
import {influencePassivity} from "../../scoring/graph/influence-passivity.js";
import {sway} from "./run-sway.js";

const CACHE = join("node_modules", ".cache", "sway");

/** The modification time of each bundle of the command (one per checkout sharing these node_modules). */
function bundles(): Map<string, number> {
  let dirs: string[] = [];
  try {
    dirs = readdirSync(CACHE);
  } catch {
    return new Map();
  }
  return new Map(
    dirs.flatMap((dir) => {
      try {
        return [[dir, statSync(join(CACHE, dir, "cli.mjs")).mtimeMs] as const];
      } catch {
        return [];
      }
    })
  );
}

describe("bin/sway.js", {timeout: 120_000}, () => {
  it("runs the command from a bundle, made again once a source is newer than it", async () => {
    const first = await sway("--help");
    expect([first.code, first.stderr]).toEqual([0, ""]);
    expect(first.stdout).toMatch(/^Usage: sway/);
    const before = bundles();
    expect(before.size).toBeGreaterThan(0);

    // A source changed after the bundle was made: the next command bundles again, and says the same.
    // The source gets its own time back afterwards, older than the new bundle.
    const source = join("scoring", "order.ts");
    const {atime, mtime} = statSync(source);
    try {
      utimesSync(source, atime, new Date(Math.max(...before.values()) + 1000));
      const again = await sway("--help");
      expect(again).toEqual(first);
      const after = bundles();
      expect([...after].some(([dir, built]) => built > (before.get(dir) ?? -Infinity))).toBe(true);

      // Nothing newer: the bundle stays as it is.
      await sway("--help");
      expect(bundles()).toEqual(after);
    } finally {
      utimesSync(source, atime, mtime);
    }
  });

  it("bundles the kernel thread beside the command, and that thread computes what the sources do", async () => {
    await sway("--help");
    // This checkout's bundle (others sharing these node_modules have their own).
    const own = createHash("sha256").update(resolve(".")).digest("hex").slice(0, 12);
    expect(bundles().has(own)).toBe(true);
    const worker = join(CACHE, own, "kernel-worker.mjs");
    expect(existsSync(worker)).toBe(true);
    const thread = new Worker(resolve(worker));
    try {
      const graph = buildCsr(4, [1, 2, 3, 3], [0, 0, 0, 1], [1, 3, 2, 1]);
      const request: KernelRequest = {id: 7, graph, options: {posts: [4, 2, 0, 0]}};
      const answered = new Promise<KernelResponse>((done) => thread.once("message", done));
      thread.postMessage(request);
      const response = await answered;
      expect(response.id).toBe(7);
      if ("error" in response) throw new Error(response.error);
      expect(Array.from(response.result.influence)).toEqual(
        Array.from(influencePassivity(graph, {posts: [4, 2, 0, 0]}).influence)
      );
    } finally {
      await thread.terminate();
    }
  });
});
