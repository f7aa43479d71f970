/**
 * The importer registry. Adding a format: write `loaders/importers/<name>.ts` exporting an `Importer`,
 * list it here, and give it a test under `test/loaders/importers/`.
 */
import type {Importer} from "./importer.js";
import {snapHiggs} from "./snap-higgs.js";
import {swayJson} from "./sway-json.js";

export type {Importer, ImportOptions} from "./importer.js";

export const IMPORTERS: ReadonlyMap<string, Importer> = new Map(
  [snapHiggs, swayJson].map((importer) => [importer.name, importer])
);

export function getImporter(name: string): Importer {
  const importer = IMPORTERS.get(name);
  if (!importer) {
    throw new RangeError(`unknown format "${name}"; known formats: ${[...IMPORTERS.keys()].join(", ")}`);
  }
  return importer;
}
