/**
 * The importer registry. Adding a format: write `loaders/importers/<name>.ts` exporting an `Importer`,
 * list it here, and give it a test under `test/loaders/importers/`. `sway import auto` asks the importers in
 * this order, so a specific format comes before a general one (edge lists last).
 */
import {bluesky} from "./bluesky/index.js";
import {cascades} from "./cascades/index.js";
import {edgelist} from "./edgelist/index.js";
import {gexf} from "./gexf.js";
import {graphml} from "./graphml.js";
import {identities} from "./identities.js";
import type {Importer} from "./importer.js";
import {mastodon} from "./mastodon/index.js";
import {reddit} from "./reddit.js";
import {snapHiggs} from "./snap-higgs.js";
import {swayJson} from "./sway-json.js";
import {twitterApi} from "./twitter-api.js";
import {xArchive} from "./x-archive.js";

export type {Importer, ImportOptions} from "./importer.js";

export const IMPORTERS: ReadonlyMap<string, Importer> = new Map(
  [
    snapHiggs,
    swayJson,
    identities,
    twitterApi,
    xArchive,
    mastodon,
    bluesky,
    reddit,
    cascades,
    gexf,
    graphml,
    edgelist
  ].map((importer) => [importer.name, importer])
);

export function getImporter(name: string): Importer {
  const importer = IMPORTERS.get(name);
  if (!importer) {
    throw new RangeError(`unknown format "${name}"; known formats: ${[...IMPORTERS.keys()].join(", ")}`);
  }
  return importer;
}
