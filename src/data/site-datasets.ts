/**
 * The researcher's own datasets in the built site: the one setting `SWAY_SITE_DATASETS=name=warehouse,…`
 * names warehouse folders (as `sway import` writes them); each becomes `data/datasets/<file>.duckdb` at build
 * time, next to the built-in world.
 *
 * Framework caches a data loader's output until the loader's own source changes, whatever the loader reads.
 * So each file name carries a fingerprint of the warehouse (its path, manifest and the size and time of each
 * table file): a changed warehouse gets a new file name, hence a fresh export, and never a stale cached one.
 */
import {createHash} from "node:crypto";
import {readFileSync, statSync} from "node:fs";
import {join, resolve} from "node:path";
import {DATASET_NAME, SETTING, type DatasetName} from "../components/dataset-names.js";
import {readManifest} from "../../loaders/warehouse.js";

const MODULE = "src/data/site-datasets";

/** A dataset named in the setting. */
export interface SiteDataset extends DatasetName {
  /** The warehouse folder, absolute. */
  path: string;
}

/**
 * Parses `name=path,name=path`. Names are lower-case slugs (they appear in URLs and file names), unique, and not
 * `world` (the built-in world's name); paths are resolved against `cwd`. An empty or missing setting gives none.
 *
 * @example
 * parseSiteDatasets("higgs=out/higgs", "/work"); // => [{name: "higgs", path: "/work/out/higgs"}]
 */
export function parseSiteDatasets(setting: string | undefined, cwd: string): {name: string; path: string}[] {
  const entries = (setting ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  const seen = new Set<string>();
  return entries.map((entry) => {
    const equals = entry.indexOf("=");
    const name = entry.slice(0, Math.max(equals, 0)).trim();
    const path = entry.slice(equals + 1).trim();
    if (equals < 0 || path === "") {
      throw new Error(`${MODULE}: ${SETTING} entry "${entry}" must be name=warehouse-folder`);
    }
    if (!DATASET_NAME.test(name) || name === "world") {
      throw new Error(
        `${MODULE}: ${SETTING} name "${name}" must be lower-case letters, digits and dashes, and not "world"`
      );
    }
    if (seen.has(name)) throw new Error(`${MODULE}: ${SETTING} names "${name}" twice`);
    seen.add(name);
    return {name, path: resolve(cwd, path)};
  });
}

/** The warehouse's fingerprint: eight hex digits of a hash over its path, manifest and table files' size and time. */
export function warehouseFingerprint(dir: string): string {
  const manifest = readManifest(dir);
  const hash = createHash("sha256")
    .update(dir)
    .update(readFileSync(join(dir, "manifest.json")));
  for (const {file} of Object.values(manifest.tables)) {
    const stats = statSync(join(dir, file));
    hash.update(`${file}:${stats.size}:${stats.mtimeMs}`);
  }
  return hash.digest("hex").slice(0, 8);
}

/** The datasets the setting names, each with its file name; an unreadable warehouse is an error naming it. */
export function siteDatasets(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): SiteDataset[] {
  return parseSiteDatasets(env[SETTING], cwd).map(({name, path}) => {
    try {
      return {name, path, file: `${name}-${warehouseFingerprint(path)}`};
    } catch (error) {
      throw new Error(`${MODULE}: ${SETTING} dataset "${name}" (${path}): ${(error as Error).message}`);
    }
  });
}
