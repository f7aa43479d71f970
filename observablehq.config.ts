/**
 * The Sway site. Everything it needs is bundled from node_modules at build time: no CDN, font service or
 * extension download, at build time or in the page (STACK.md lists what would otherwise reach the network).
 */
export default {
  title: "Sway",
  root: "src",
  pages: [{name: "Overview", path: "/index"}],
  // Framework's default global stylesheet loads Google Fonts; the local Inputs stylesheet replaces it.
  globalStylesheets: ["observablehq:stdlib/inputs.css"],
  // System font stacks, so no page asks a font service for anything; an empty icon, so browsers do not ask the
  // server for a /favicon.ico that is not there.
  head: `<link rel="icon" href="data:,">
<style>
:root {
  --serif: ui-serif, "Iowan Old Style", "Palatino Linotype", Palatino, Georgia, "DejaVu Serif", serif;
  --sans-serif: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Arial, sans-serif;
  --monospace: ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace;
}
</style>`,
  footer:
    "Sway — an open research toolkit for social influence scores. Every number on this page is computed in your browser.",
  // The built-in DuckDB client would fetch these extensions from extensions.duckdb.org; the site brings its own.
  duckdb: {extensions: {json: null, parquet: null}},
  // Links end in .html, so any plain static file server can host the built site.
  preserveExtension: true,
  search: false
};
