/**
 * Real public datasets live outside the repository, in `SWAY_DATASETS` (default `../shared/datasets`).
 * Tests that need one are skipped with the reason when it is absent, unless `SWAY_REQUIRE_DATASETS=1`
 * (set by CI), which turns the absence into a failure.
 */
import {existsSync} from "node:fs";
import {join, resolve} from "node:path";

export const DATASETS_DIR = resolve(process.env.SWAY_DATASETS ?? "../shared/datasets");

/** The path of a file in the datasets folder, or undefined (with the reason logged) when it is missing. */
export function datasetFile(relativePath: string): string | undefined {
  const path = join(DATASETS_DIR, relativePath);
  if (existsSync(path)) return path;
  const reason = `dataset ${path} not found (set SWAY_DATASETS to the datasets folder)`;
  if (process.env.SWAY_REQUIRE_DATASETS === "1") throw new Error(`${reason}; SWAY_REQUIRE_DATASETS=1 requires it`);
  console.warn(`skipped: ${reason}`);
  return undefined;
}
