/**
 * Headless Chromium for the benchmarks, through the browser tests' harness (`test/browser/harness.ts`: Debian's
 * Chromium, a static server on 127.0.0.1, pages that record console errors and requests to other hosts), and
 * bench pages of our own: a module bundled from `bench/` with esbuild, resolving packages from node_modules,
 * so nothing comes from a CDN.
 */
import {mkdirSync, symlinkSync, writeFileSync} from "node:fs";
import {createRequire} from "node:module";
import {dirname, join} from "node:path";
import {build} from "esbuild";
import type {Browser, Page} from "playwright-core";
import {tempDir} from "../test/helpers/world.js";
import {
  DIST,
  cachedEngine,
  closeServer,
  launchBrowser,
  launchProfile,
  openPage,
  serve,
  wasmCacheBytes,
  watchPage
} from "../test/browser/harness.js";

/**
 * Writes a bench page into `dir`: `index.html` loading `bench.js`, the bundle of `entry` (a file of `bench/`),
 * and duckdb-wasm's `dist` folder linked as `dir/duckdb` for the worker and the wasm.
 */
export async function writeBenchPage(dir: string, entry: string): Promise<void> {
  mkdirSync(dir, {recursive: true});
  await build({
    entryPoints: [join(import.meta.dirname, entry)],
    outfile: join(dir, "bench.js"),
    bundle: true,
    format: "esm",
    platform: "browser",
    logLevel: "error"
  });
  const wasmDist = dirname(createRequire(import.meta.url).resolve("@duckdb/duckdb-wasm/dist/duckdb-eh.wasm"));
  symlinkSync(wasmDist, join(dir, "duckdb"));
  writeFileSync(
    join(dir, "index.html"),
    '<!doctype html>\n<meta charset="utf-8">\n<title>Sway bench</title>\n<script type="module" src="bench.js"></script>\n'
  );
}

/** Serves `root` on 127.0.0.1, starts Chromium, hands both to `use`, and stops them again. */
export async function withChromium<T>(root: string, use: (browser: Browser, origin: string) => Promise<T>): Promise<T> {
  const {server, origin} = await serve(root);
  try {
    const browser = await launchBrowser();
    try {
      return await use(browser, origin);
    } finally {
      await browser.close();
    }
  } finally {
    await closeServer(server);
  }
}

/**
 * `measure` in `runs` fresh pages of the built site (`dist/`) at `path`, one after another, each in a new browser
 * context closed after it; a console error or a request leaving the host seen by a page fails the whole call.
 */
export function inSitePages<T>(
  path: string,
  runs: number,
  measure: (page: Page, problems: string[]) => Promise<T>
): Promise<T[]> {
  return withChromium(DIST, async (browser, origin) => {
    const measured: T[] = [];
    for (let run = 0; run < runs; run++) {
      const {page, problems} = await openPage(browser, origin, path);
      measured.push(await measure(page, problems));
      await page.context().close();
      if (problems.length > 0) throw new Error(problems.join("; "));
    }
    return measured;
  });
}

/** How long a page of `inProfilePages` is kept open for Chromium to write duckdb-wasm's compiled code to its cache. */
const CACHE_WAIT_MS = 30_000;

/**
 * `measure` in `visits` pages of the built site (`dist/`) at `path`, opened one after another in one Chromium
 * profile, as a returning reader's browser keeps it: the site is served with the validators a static host sends,
 * so the HTTP cache and the compiled code carry over from one page to the next. Each page stays open until the
 * profile's code cache holds a compiled engine (at most 30 s). `measure` also gets the bytes cached before its page
 * opened. A console error, uncaught error, dialog or request leaving the host seen by a page fails the whole call.
 */
export async function inProfilePages<T>(
  path: string,
  visits: number,
  measure: (page: Page, problems: string[], cachedBytes: number) => Promise<T>
): Promise<T[]> {
  const profile = tempDir("sway-bench-profile-");
  const {server, origin} = await serve(DIST, {cacheable: true});
  try {
    const context = await launchProfile(profile.dir);
    try {
      const measured: T[] = [];
      for (let visit = 0; visit < visits; visit++) {
        const page = await context.newPage();
        const problems = await watchPage(page, {requests: "observe"});
        const cachedBytes = wasmCacheBytes(profile.dir);
        await page.goto(`${origin}/${path}`, {waitUntil: "load"});
        measured.push(await measure(page, problems, cachedBytes));
        await cachedEngine(profile.dir, CACHE_WAIT_MS);
        await page.close();
        if (problems.length > 0) throw new Error(problems.join("; "));
      }
      return measured;
    } finally {
      await context.close();
    }
  } finally {
    await closeServer(server);
    profile.remove();
  }
}
