import {readdirSync, statSync, utimesSync} from "node:fs";
import {join} from "node:path";
import {describe, expect, it} from "vitest";
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
});
