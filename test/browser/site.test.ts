/**
 * The built site in a real browser, offline: `dist/` served on 127.0.0.1 and opened in headless Chromium.
 * Every page must load without console errors, uncaught errors or requests to any other host; the overview must
 * show the numbers that native DuckDB and the same `scoring/` module compute for the same world.
 *
 * Needs `npm run build` first (the suite fails, saying so, when `dist/` is missing). Chromium comes from Debian
 * (`/usr/bin/chromium`, or `CHROMIUM_PATH`), driven by playwright-core.
 */
import {createReadStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync} from "node:fs";
import {createServer, type Server} from "node:http";
import type {AddressInfo} from "node:net";
import {tmpdir} from "node:os";
import {extname, join, relative, resolve, sep} from "node:path";
import {fileURLToPath} from "node:url";
import {chromium, type Browser, type Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {importInto} from "../../loaders/import.js";
import type {NodeDb} from "../../loaders/node-db.js";
import {openWarehouse} from "../../loaders/warehouse.js";
import {METHODS, availableMethods, interactionKindCounts, networkCounts, scoreMethod} from "../../scoring/index.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DIST = join(ROOT, "dist");
const WORLD = join(ROOT, "data", "placeholder-world.json");

// The 34 MB wasm compiles in a few seconds on a 2-core machine; a whole page can take much longer under load.
const PAGE_TIMEOUT = 60_000;
const HOOK_TIMEOUT = 120_000;
const TEST_TIMEOUT = 240_000;

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

/** What the CDN-free build must not contain or reference (STACK.md). */
const CDN_HOSTS = /jsdelivr|googleapis|gstatic|unpkg|extensions\.duckdb\.org/;
/**
 * duckdb-wasm's own files name CDN hosts in code the site never runs: `getJsDelivrBundles()` in its JS (we pass
 * local bundle URLs) and the default extension repository in the wasm binary (the site loads no extension). The
 * request checks below are what proves that neither is ever used.
 */
const INERT_CDN_MENTIONS = /^_node\/@duckdb\/duckdb-wasm@[^/]+\//;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, {recursive: true, withFileTypes: true})
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join("/"))
    .sort();
}

/** A static file server for `root` on 127.0.0.1, on a free port. */
async function serve(root: string): Promise<{server: Server; origin: string}> {
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
    response.writeHead(200, {
      "content-type": MIME_TYPES[extname(file)] ?? "application/octet-stream",
      "content-length": statSync(file).size
    });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return {server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`};
}

/** Opens `path` in a new page that records console errors, uncaught errors and (aborted) non-local requests. */
async function openPage(browser: Browser, origin: string, path: string): Promise<{page: Page; problems: string[]}> {
  const page = await browser.newPage();
  page.setDefaultTimeout(PAGE_TIMEOUT);
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`uncaught error: ${error.message}`));
  await page.route("**/*", async (route) => {
    const url = new URL(route.request().url());
    if (["127.0.0.1", "localhost"].includes(url.hostname) || ["data:", "blob:"].includes(url.protocol)) {
      await route.continue();
    } else {
      problems.push(`request outside localhost: ${url.href}`);
      await route.abort("blockedbyclient");
    }
  });
  await page.goto(`${origin}/${path}`, {waitUntil: "load"});
  return {page, problems};
}

/** The text of every cell of the top table, scrolling it until all `expected` rows are rendered. */
async function topTableRows(page: Page, expected: number): Promise<string[][]> {
  const scroller = page.locator('[data-testid="top-table"] form');
  const rows = page.locator('[data-testid="top-table"] tbody tr');
  // Inputs.table renders rows lazily as its container scrolls.
  for (let attempt = 0; attempt < 20 && (await rows.count()) < expected; attempt++) {
    await scroller.evaluate((element) => element.scrollTo(0, element.scrollHeight));
    await page.waitForTimeout(50);
  }
  return rows.evaluateAll((trs) =>
    trs.map((tr) =>
      Array.from(tr.querySelectorAll("td"))
        .slice(1)
        .map((td) => td.textContent ?? "")
    )
  );
}

describe("the built site", () => {
  let browser: Browser;
  let server: Server;
  let origin: string;
  let pages: string[];

  beforeAll(async () => {
    if (!existsSync(DIST)) throw new Error(`${DIST} is missing: run \`npm run build\` first`);
    pages = filesUnder(DIST).filter((file) => file.endsWith(".html"));
    ({server, origin} = await serve(DIST));
    browser = await chromium.launch({
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
    });
  }, HOOK_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await new Promise((done) => (server ? server.close(done) : done(undefined)));
  }, HOOK_TIMEOUT);

  it("was built without CDN modules (no dist/_npm)", () => {
    expect(existsSync(join(DIST, "_npm")), "dist/_npm exists: a page imports from the CDN").toBe(false);
    expect(pages).toContain("index.html");
  });

  it("names no CDN or font host outside duckdb-wasm's inert defaults", () => {
    const offenders = filesUnder(DIST).filter(
      (file) => !INERT_CDN_MENTIONS.test(file) && CDN_HOSTS.test(readFileSync(join(DIST, file), "latin1"))
    );
    expect(offenders).toEqual([]);
  });

  it(
    "every page loads without console errors, uncaught errors or requests outside localhost",
    async () => {
      for (const path of pages) {
        const {page, problems} = await openPage(browser, origin, path);
        // Framework holds a cell's place with <observablehq-loading> until the cell has a value or an error.
        await page.waitForFunction(() => !document.querySelector("observablehq-loading"));
        // Cells that failed render as errors in the page rather than on the console.
        const cellErrors = await page.locator(".observablehq--error").allTextContents();
        problems.push(...cellErrors.map((text) => `cell error: ${text}`));
        await page.close();
        expect(problems, path).toEqual([]);
      }
    },
    TEST_TIMEOUT
  );

  describe("the overview", () => {
    let db: NodeDb;
    let warehouse: string;

    beforeAll(async () => {
      warehouse = mkdtempSync(join(tmpdir(), "sway-site-test-"));
      await importInto("sway-json", [WORLD], join(warehouse, "world"));
      ({db} = await openWarehouse(join(warehouse, "world")));
    }, HOOK_TIMEOUT);

    afterAll(() => {
      db?.close();
      if (warehouse) rmSync(warehouse, {recursive: true, force: true});
    });

    it(
      "shows the counts and every method's top accounts that native DuckDB computes for the same world",
      async () => {
        const started = performance.now();
        const {page, problems} = await openPage(browser, origin, "index.html");
        await page.locator('[data-testid="top-table"] tbody tr').first().waitFor();
        console.info(`overview: top table shown ${Math.round(performance.now() - started)} ms after navigation`);

        const counts = await networkCounts(db);
        const shownCounts = await page
          .locator('[data-testid="counts"] tbody tr')
          .evaluateAll((trs) =>
            trs.map((tr) =>
              Array.from(tr.querySelectorAll("td"), (td) => [td.dataset.field, td.dataset.value, td.textContent])
            )
          );
        expect(shownCounts.map((cells) => Object.fromEntries(cells.map(([field, value]) => [field, value])))).toEqual(
          counts.map((row) => Object.fromEntries(Object.entries(row).map(([field, value]) => [field, String(value)])))
        );
        for (const [field, value, text] of shownCounts.flat()) {
          if (["accounts", "posts", "interactions", "follows"].includes(field!))
            expectShown(text!, Number(value), field!);
        }

        const kinds = await interactionKindCounts(db);
        const shownKinds = await page
          .locator('[data-testid="kinds"] td[data-field]:not([data-field="network"])')
          .evaluateAll((tds) =>
            tds.map((td) => [(td.parentElement as HTMLElement).dataset.key, td.dataset.field, Number(td.dataset.value)])
          );
        for (const {network, kind, interactions} of kinds)
          expect(shownKinds).toContainEqual([network, kind, interactions]);

        const handles = new Map(
          (
            await db.query<{account_id: string; handle: string; network: string}>(
              "SELECT account_id, handle, network FROM accounts"
            )
          ).map((account) => [account.account_id, account])
        );
        const {available} = await availableMethods(
          db,
          METHODS.map((m) => m.id)
        );
        for (const method of METHODS.filter((m) => available.includes(m.id))) {
          await page.locator('[data-testid="method"] select').selectOption({label: method.name});
          await page.locator(`[data-testid="top-table"][data-method="${method.id}"] tbody tr`).first().waitFor();
          const expected = (await scoreMethod(db, method.id)).slice(0, 50);
          const shown = await topTableRows(page, expected.length);
          expect(
            shown.map(([rank, handle, network]) => [Number(rank!.replace(/,/g, "")), handle, network]),
            method.id
          ).toEqual(
            expected.map((row) => [row.rank, handles.get(row.account_id)!.handle, handles.get(row.account_id)!.network])
          );
          shown.forEach(([, , , score, value], i) => {
            expectShown(score!, expected[i]!.score, `${method.id} score of row ${i + 1}`);
            expectShown(value!, expected[i]!.value, `${method.id} value of row ${i + 1}`);
          });
        }
        await page.close();
        expect(problems).toEqual([]);
      },
      TEST_TIMEOUT
    );

    it(
      "writes handles from the data as text, not HTML",
      async () => {
        const {page, problems} = await openPage(browser, origin, "index.html");
        const table = page.locator('[data-testid="top-table"]');
        await table.locator("tbody tr").first().waitFor();
        await topTableRows(page, 50);
        await expect.poll(() => table.innerText()).toContain("<b>loud</b>");
        expect(await table.locator("td b").count()).toBe(0);
        await page.close();
        expect(problems).toEqual([]);
      },
      TEST_TIMEOUT
    );
  });
});

/**
 * Checks a number as the page writes it ("1,250,000", "0.1326") against the computed one: integers exactly, other
 * numbers to the four significant digits the page shows.
 */
function expectShown(text: string, expected: number, what: string): void {
  const shown = Number(text.replace(/,/g, ""));
  if (Number.isInteger(expected)) expect(shown, what).toBe(expected);
  else
    expect(Math.abs(shown - expected), `${what}: ${text} vs ${expected}`).toBeLessThanOrEqual(
      5e-4 * Math.abs(expected)
    );
}
