/**
 * What the browser tests share: a static file server for a built site on 127.0.0.1, headless Chromium (Debian's,
 * or `CHROMIUM_PATH`) driven by playwright-core, pages that record every console error, uncaught error, dialog
 * and request to another host, and the built-in world opened natively as the reference for what pages show.
 */
import {createReadStream, existsSync, readdirSync, statSync} from "node:fs";
import {createServer, type Server} from "node:http";
import type {AddressInfo} from "node:net";
import {extname, join, relative, resolve, sep} from "node:path";
import {fileURLToPath} from "node:url";
import {chromium, type Browser, type BrowserContext, type Page} from "playwright-core";
import {afterAll, beforeAll} from "vitest";
import type {NodeDb} from "../../loaders/node-db.js";
import {simulateWarehouse} from "../../simulation/recipe-file.js";
import {openNative, tempDir} from "../helpers/world.js";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const DIST = join(ROOT, "dist");

// The 34 MB wasm compiles in a few seconds on a 2-core machine; a whole page can take much longer under load.
export const PAGE_TIMEOUT = 90_000;
export const HOOK_TIMEOUT = 120_000;
export const TEST_TIMEOUT = 240_000;

const MIME_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".wasm": "application/wasm",
  ".duckdb": "application/octet-stream",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8"
};

export function filesUnder(dir: string): string[] {
  return readdirSync(dir, {recursive: true, withFileTypes: true})
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join("/"))
    .sort();
}

/**
 * A static file server for `root` on 127.0.0.1, on a free port. With `cacheable`, responses carry the validators and
 * lifetime a static host gives (`Last-Modified`, `Cache-Control: max-age=600`), so a browser may keep them and the
 * code it compiled from them.
 */
export async function serve(
  root: string,
  {cacheable = false}: {cacheable?: boolean} = {}
): Promise<{server: Server; origin: string}> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://127.0.0.1").pathname);
    let file = resolve(root, `.${path}`);
    if (file !== root && !file.startsWith(root + sep)) {
      response.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404, {"content-type": "text/plain"}).end(`not found: ${path}`);
      return;
    }
    const stat = statSync(file);
    response.writeHead(200, {
      "content-type": MIME_TYPES[extname(file)] ?? "application/octet-stream",
      "content-length": stat.size,
      ...(cacheable ? {"last-modified": stat.mtime.toUTCString(), "cache-control": "max-age=600"} : {})
    });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return {server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`};
}

export function closeServer(server: Server | undefined): Promise<unknown> {
  return new Promise((done) => (server ? server.close(done) : done(undefined)));
}

/** Headless Chromium with the flags that work as root on these machines (STACK.md). */
const CHROMIUM = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync"
  ]
};

/** Chromium (`CHROMIUM`) for pages in throwaway contexts, which keep nothing from one to the next. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch(CHROMIUM);
}

/**
 * Chromium with a profile kept in `dir`, as a returning reader's browser is: its HTTP cache and code cache last from
 * one page to the next (the pages of `openPage` live in throwaway contexts whose request routing turns the cache
 * off).
 */
export async function launchProfile(dir: string): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(dir, CHROMIUM);
  context.setDefaultTimeout(PAGE_TIMEOUT);
  return context;
}

/** Bytes of compiled wasm that Chromium keeps in its code cache in the profile at `dir`. */
export function wasmCacheBytes(dir: string): number {
  const cache = join(dir, "Default", "Code Cache", "wasm");
  if (!existsSync(cache)) return 0;
  return readdirSync(cache, {recursive: true, withFileTypes: true})
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);
}

/** Below this, a code cache holds no compiled engine (an empty cache's index takes a few kB). */
const CACHED_ENGINE_BYTES = 1e6;

/**
 * Waits until the code cache in the profile at `dir` holds a compiled engine, which Chromium writes some time after
 * the engine's hot code is optimised, looking every 0.5 s for at most `timeoutMs`; whether it came.
 */
export async function cachedEngine(dir: string, timeoutMs: number): Promise<boolean> {
  for (let waited = 0; ; waited += 500) {
    if (wasmCacheBytes(dir) >= CACHED_ENGINE_BYTES) return true;
    if (waited >= timeoutMs) return false;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * The built site served from `dist/` and a browser, set up before the tests of the enclosing `describe` (or file)
 * and closed after them; the returned object is filled in before the first test. Fails, saying so, when `needed`
 * (a file of `dist/`, or `dist/` itself) is missing.
 */
export function useBuiltSite(needed = ""): {browser: Browser; origin: string} {
  const site = {} as {browser: Browser; origin: string};
  let server: Server | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    const file = join(DIST, needed);
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
    ({server, origin: site.origin} = await serve(DIST));
    site.browser = browser = await launchBrowser();
  }, HOOK_TIMEOUT);
  afterAll(async () => {
    await browser?.close();
    await closeServer(server);
  }, HOOK_TIMEOUT);
  return site;
}

/**
 * The built-in world, generated from the recipe the site's loader uses into a temporary folder and opened on native
 * DuckDB before the tests of the enclosing `describe` (or file), then closed and removed: the reference for what
 * the pages show.
 */
export function useReferenceWorld(): {db: NodeDb} {
  const world = {} as {db: NodeDb};
  let temp: ReturnType<typeof tempDir> | undefined;
  let db: NodeDb | undefined;
  beforeAll(async () => {
    temp = tempDir("sway-reference-world-");
    await simulateWarehouse(join(ROOT, "data", "worlds", "default.json"), join(temp.dir, "world"));
    world.db = db = await openNative(join(temp.dir, "world"));
  }, HOOK_TIMEOUT);
  afterAll(() => {
    db?.close();
    temp?.remove();
  }, HOOK_TIMEOUT);
  return world;
}

/** Whether a page may ask for `url`: the local server, or data the page made itself. */
function isLocal(url: URL): boolean {
  return ["127.0.0.1", "localhost"].includes(url.hostname) || ["data:", "blob:"].includes(url.protocol);
}

/**
 * Records in the list returned what goes wrong in `page`: console errors, uncaught errors, dialogs (dismissed) and
 * requests to other hosts, which `requests: "block"` aborts (by routing every request) and "observe" lets through
 * (routing turns the browser's cache off, which a kept profile needs).
 */
export async function watchPage(page: Page, {requests}: {requests: "observe" | "block"}): Promise<string[]> {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`uncaught error: ${error.message}`));
  page.on("dialog", async (dialog) => {
    problems.push(`dialog: ${dialog.type()} ${dialog.message()}`);
    await dialog.dismiss();
  });
  const offHost = (href: string) => problems.push(`request outside localhost: ${href}`);
  if (requests === "observe") {
    page.on("request", (request) => {
      const url = new URL(request.url());
      if (!isLocal(url)) offHost(url.href);
    });
  } else {
    await page.route("**/*", async (route) => {
      const url = new URL(route.request().url());
      if (isLocal(url)) {
        await route.continue();
      } else {
        offHost(url.href);
        await route.abort("blockedbyclient");
      }
    });
  }
  return problems;
}

/**
 * Opens `path` in a new page that records console errors, uncaught errors, dialogs (dismissed) and (aborted)
 * non-local requests in `problems`.
 */
export async function openPage(
  browser: Browser,
  origin: string,
  path: string,
  {width}: {width?: number} = {}
): Promise<{page: Page; problems: string[]}> {
  const page = await browser.newPage(width ? {viewport: {width, height: 844}} : {});
  page.setDefaultTimeout(PAGE_TIMEOUT);
  const problems = await watchPage(page, {requests: "block"});
  await page.goto(`${origin}/${path}`, {waitUntil: "load"});
  return {page, problems};
}

/** Waits until Framework has settled every cell, then adds the cells that failed to `problems`. */
export async function settle(page: Page, problems: string[]): Promise<void> {
  // Framework holds a cell's place with <observablehq-loading> until the cell has a value or an error.
  await page.waitForFunction(() => !document.querySelector("observablehq-loading"));
  // Cells that failed render as errors in the page rather than on the console.
  const cellErrors = await page.locator(".observablehq--error").allTextContents();
  problems.push(...cellErrors.map((text) => `cell error: ${text}`));
}

/** The text of each cell of each body row of the table `testid`. */
export function tableRows(page: Page, testid: string): Promise<string[][]> {
  return page
    .locator(`[data-testid="${testid}"] tbody tr`)
    .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll("td"), (td) => td.textContent ?? "")));
}

/**
 * Checks a number as the page writes it ("1,250,000", "0.1326") against the computed one: integers exactly, other
 * numbers to the four significant digits the page shows.
 */
export function shownNumber(text: string): number {
  return Number(text.replace(/,/g, "").replace(/\u2212/g, "-"));
}

/**
 * Starts recording every text the element `testid` shows from now on, also across cells that replace the element;
 * the function returned reads the texts recorded, each change once.
 */
export async function recordTexts(page: Page, testid: string): Promise<() => Promise<string[]>> {
  await page.evaluate((testid) => {
    const seen: string[] = [];
    (window as unknown as {recordedTexts: string[]}).recordedTexts = seen;
    new MutationObserver(() => {
      const text = document.querySelector(`[data-testid="${testid}"]`)?.textContent ?? "";
      if (text !== seen.at(-1)) seen.push(text);
    }).observe(document.body, {childList: true, characterData: true, subtree: true});
  }, testid);
  return () => page.evaluate(() => (window as unknown as {recordedTexts: string[]}).recordedTexts);
}

/** Waits until the upload page has finished with the files just chosen: scored, or an error shown. */
export async function uploadFinished(page: Page, timeout?: number): Promise<void> {
  await page.waitForFunction(
    () => {
      const status = document.querySelector('[data-testid="upload-status"]')?.textContent ?? "";
      return status.startsWith("Imported") || status.startsWith("The files could not");
    },
    undefined,
    {timeout}
  );
}
