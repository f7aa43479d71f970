/**
 * The Sway site. Everything it needs is bundled from node_modules at build time: no CDN, font service or
 * extension download, at build time or in the page (STACK.md lists what would otherwise reach the network).
 *
 * Datasets: the built-in world always, plus the warehouses named by `SWAY_SITE_DATASETS=name=folder,…`
 * (`src/data/site-datasets.ts`), each exported to `data/datasets/<name>-<fingerprint>.duckdb` and listed in a
 * `<meta name="sway-datasets">` element of every page for the dataset picker.
 */
import {datasetsMeta, META_NAME} from "./src/components/dataset-names.js";
import {siteDatasets} from "./src/data/site-datasets.js";
import {METHODS} from "./scoring/index.js";

const datasets = siteDatasets();

export default {
  title: "Sway",
  root: "src",
  pages: [
    {name: "Overview", path: "/index"},
    {name: "Profile search", path: "/profile"},
    {name: "Weights playground", path: "/weights"},
    {name: "Methods side by side", path: "/compare"},
    {name: "Network explorer", path: "/network"},
    {name: "Topics", path: "/topics"},
    {name: "Timing", path: "/timing"},
    {name: "Simulation lab", path: "/simulate"},
    {name: "Bring your own data", path: "/upload"},
    {name: "Method cards", path: "/methods/index"},
    {name: "Performance", path: "/performance"}
  ],
  // One card page per method of the registry (src/methods/[id].md), and one database file per dataset.
  dynamicPaths: [
    ...METHODS.map((method) => `/methods/${method.id}`),
    ...datasets.map((dataset) => `/data/datasets/${dataset.file}.duckdb`)
  ],
  // Light or dark, following the reader's system setting (prefers-color-scheme).
  theme: ["light", "dark"],
  // Framework's default global stylesheet loads Google Fonts; the local Inputs stylesheet replaces it.
  globalStylesheets: ["observablehq:stdlib/inputs.css"],
  // System font stacks, so no page asks a font service for anything; an empty icon, so browsers do not ask the
  // server for a /favicon.ico that is not there. Dataset file names are slugs (checked when the setting is read).
  head: `<link rel="icon" href="data:,">
<meta name="${META_NAME}" content="${datasetsMeta(datasets)}">
<style>
:root {
  --serif: ui-serif, "Iowan Old Style", "Palatino Linotype", Palatino, Georgia, "DejaVu Serif", serif;
  --sans-serif: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Arial, sans-serif;
  --monospace: ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace;
}
.sway-score { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.75rem; }
.sway-score-value { font-size: 3rem; font-weight: 700; line-height: 1; }
.sway-scroll { max-width: 100%; overflow-x: auto; }
.sway-controls { display: flex; flex-wrap: wrap; gap: 0.5rem 2rem; }
.sway-results { list-style: none; padding: 0; max-width: 640px; }
.sway-results button {
  width: 100%; padding: 0.35rem 0.6rem; margin: 0.15rem 0; text-align: left; font: inherit; color: inherit;
  background: none; border: 1px solid var(--theme-foreground-faint); border-radius: 4px; cursor: pointer;
}
.sway-results button:hover { background: var(--theme-background-alt); }
.sway-results button:focus-visible, a:focus-visible { outline: 2px solid var(--theme-foreground-focus); outline-offset: 2px; }
.sway-pending { color: var(--theme-foreground-muted); font-style: italic; }
pre { white-space: pre-wrap; }
</style>`,
  footer:
    "Sway — an open research toolkit for social influence scores. Every number is computed in your browser, except the overview of the built-in world, which the site's build computed with the same code.",
  // The built-in DuckDB client would fetch these extensions from extensions.duckdb.org; the site brings its own.
  duckdb: {extensions: {json: null, parquet: null}},
  // Links end in .html, so any plain static file server can host the built site.
  preserveExtension: true,
  search: false
};
