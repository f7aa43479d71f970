/**
 * Which dataset a page shows. The build ships the built-in world (`data/world.duckdb`) and one file per
 * dataset named in the `SWAY_SITE_DATASETS` setting (`data/datasets/<file>.duckdb`, see
 * `src/data/site-datasets.ts`); the build lists those files in a `<meta name="sway-datasets">` element of
 * every page, which the picker reads. The choice lives in the URL (`?dataset=`) and follows the reader through
 * the site's navigation links.
 */
import * as Inputs from "@observablehq/inputs";
import {BUILT_IN, META_NAME, parseDatasetsMeta, type DatasetName} from "./dataset-names.js";
import type {WorldDb} from "./duckdb.js";
import {replaceUrlState, withState} from "./url-state.js";

export {BUILT_IN, type DatasetName} from "./dataset-names.js";

/** The datasets of this build, from the page's `<meta>` element. */
export function pageDatasets(document: Document = globalThis.document): DatasetName[] {
  return parseDatasetsMeta(document.querySelector(`meta[name="${META_NAME}"]`)?.getAttribute("content"));
}

/** The dataset named `name`, or the built-in world when there is none of that name. */
export function findDataset(datasets: readonly DatasetName[], name: string | undefined): DatasetName {
  return datasets.find((dataset) => dataset.name === name) ?? datasets[0]!;
}

/**
 * Where the dataset's database file is: `world` (the built-in world's URL, which Framework gives the page) or
 * `data/datasets/<file>.duckdb` under the site's `root`.
 */
export function datasetUrl(dataset: DatasetName, {world, root}: {world: string; root: string | URL}): string {
  return dataset.file ? new URL(`data/datasets/${dataset.file}.duckdb`, root).href : world;
}

/**
 * The site's root URL. This module is served two folders below it (`_import/components/`), in the built site
 * and in the preview server alike.
 */
export function siteRoot(): URL {
  return new URL("../../", import.meta.url);
}

/** `href` carrying the dataset choice (none for the built-in world); links to other sites are left alone. */
export function linkWithDataset(href: string, dataset: string, origin: string): string {
  const url = new URL(href, origin);
  if (url.origin !== origin) return href;
  return withState(url.href, {dataset: dataset === BUILT_IN ? undefined : dataset});
}

/** Makes the page's links to the site (its navigation included) keep the dataset choice. */
export function carryDatasetInLinks(dataset: string, document: Document = globalThis.document): void {
  for (const link of document.querySelectorAll<HTMLAnchorElement>("a[href]")) {
    link.href = linkWithDataset(link.href, dataset, document.location.origin);
  }
}

/** A labelled select of the datasets, `data-testid="dataset"`; hidden when there is only the built-in world. */
export function datasetPicker(datasets: readonly DatasetName[], selected: DatasetName): HTMLElement {
  const input = Inputs.select(datasets, {
    label: "Dataset",
    value: selected,
    format: (dataset: DatasetName) => (dataset.name === BUILT_IN ? "built-in world" : dataset.name)
  }) as HTMLElement;
  input.dataset.testid = "dataset";
  if (datasets.length < 2) input.hidden = true;
  return input;
}

/** The URL state naming the dataset: none for the built-in world, so its links stay short. */
export function datasetState(dataset: DatasetName): {dataset?: string} {
  return {dataset: dataset.name === BUILT_IN ? undefined : dataset.name};
}

/** Records the choice in the URL and in the site's links. */
export function useDataset(dataset: DatasetName): void {
  replaceUrlState(datasetState(dataset));
  carryDatasetInLinks(dataset.name);
}

/** Opens the dataset in duckdb-wasm; `world` is the built-in world's URL (`FileAttachment(…).href`). */
export async function openDataset(dataset: DatasetName, world: string): Promise<WorldDb> {
  // duckdb-wasm's client and Arrow load when a page opens a dataset, not with every page that names one.
  const {openWorld} = await import("./duckdb.js");
  return openWorld(datasetUrl(dataset, {world, root: siteRoot()}));
}
