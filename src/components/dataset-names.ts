/**
 * Dataset names as the build writes them and the pages read them: one pure module, used by the site's
 * configuration at build time (`src/data/site-datasets.ts`) and by the pages (`datasets.ts`).
 */

/** The setting naming the researcher's datasets. */
export const SETTING = "SWAY_SITE_DATASETS";

/** The `<meta>` element's name. */
export const META_NAME = "sway-datasets";

/** A dataset's name: a lower-case slug, as it appears in URLs. */
export const DATASET_NAME = /^[a-z0-9][a-z0-9-]*$/;

/** The name of the dataset every build has. */
export const BUILT_IN = "world";

/** A dataset: its name, and the name of its file under `data/datasets/` (none for the built-in world). */
export interface DatasetName {
  name: string;
  file?: string;
}

/** A file name: the dataset's name, a dash and eight hex digits of its fingerprint. */
const FILE = /^([a-z0-9][a-z0-9-]*)-[0-9a-f]{8}$/;

/** The `<meta>` element's content for these datasets: their file names, comma-separated. */
export function datasetsMeta(datasets: readonly DatasetName[]): string {
  return datasets.map((dataset) => dataset.file).join(",");
}

/** The built-in world followed by the datasets the meta content lists; entries of any other shape are ignored. */
export function parseDatasetsMeta(content: string | null | undefined): DatasetName[] {
  const listed = (content ?? "").split(",").flatMap((file) => {
    const match = FILE.exec(file.trim());
    return match && match[1] !== BUILT_IN ? [{name: match[1]!, file: match[0]}] : [];
  });
  return [{name: BUILT_IN}, ...listed];
}
