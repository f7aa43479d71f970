#!/usr/bin/env node
// The `sway` command. The TypeScript sources run as one ES module bundled by esbuild, rebuilt whenever a source is
// newer than it: through tsx's loader, start-up resolved and transformed each of some 150 modules in turn (about
// 1.9 s before any work, against 0.5 s bundled). Without esbuild (an install without dev dependencies) the
// sources run through tsx as they are.
import {createHash} from "node:crypto";
import {mkdirSync, readdirSync, renameSync, statSync, writeFileSync} from "node:fs";
import {dirname, join} from "node:path";
import {fileURLToPath, pathToFileURL} from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const SOURCES = ["cli", "loaders", "scoring", "simulation", "package.json", "bin/sway.js"];
// Inside node_modules, so that the bundle's imports of packages resolve as the sources' do; one per checkout, since
// checkouts of the same repository may share their node_modules.
const bundle = join(
  root,
  "node_modules",
  ".cache",
  "sway",
  createHash("sha256").update(root).digest("hex").slice(0, 12),
  "cli.mjs"
);

/** The latest modification time of the files under `path`, in milliseconds. */
function newest(path) {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let latest = stats.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

function builtAt() {
  try {
    return statSync(bundle).mtimeMs;
  } catch {
    return -Infinity;
  }
}

/** The CLI's module from the bundle, built first when a source is newer; undefined when it cannot be built. */
async function bundled() {
  if (builtAt() <= Math.max(...SOURCES.map((source) => newest(join(root, source))))) {
    let esbuild;
    try {
      esbuild = await import("esbuild");
    } catch {
      return undefined;
    }
    mkdirSync(dirname(bundle), {recursive: true});
    const {outputFiles} = await esbuild.build({
      // The command, and the thread it runs long graph kernels on (`loaders/kernel-thread.ts` finds it beside
      // itself as `kernel-worker.mjs`).
      entryPoints: {cli: join(root, "cli", "main.ts"), "kernel-worker": join(root, "loaders", "kernel-worker.ts")},
      bundle: true,
      platform: "node",
      format: "esm",
      packages: "external",
      // Linked, not enabled: `node --enable-source-maps bin/sway.js …` gives stack traces in the TypeScript
      // sources; enabled by default, reading the map would cost every command 0.3 s.
      sourcemap: "linked",
      outdir: dirname(bundle),
      outExtension: {".js": ".mjs"},
      write: false,
      logLevel: "error"
    });
    // Each file written aside, then renamed (the map first): commands started together never read half a file.
    for (const {path, contents} of [...outputFiles].sort((a, b) => b.path.length - a.path.length)) {
      writeFileSync(`${path}.${process.pid}`, contents);
      renameSync(`${path}.${process.pid}`, path);
    }
  }
  return import(pathToFileURL(bundle).href);
}

let cli = await bundled();
if (!cli) {
  const {register} = await import("tsx/esm/api");
  register();
  cli = await import("../cli/main.ts");
}
process.exitCode = await cli.main(process.argv);
