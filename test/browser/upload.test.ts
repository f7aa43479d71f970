/**
 * The upload page in a real browser: files set on its input as a reader would choose them, for each format a
 * researcher is likely to bring, must be recognised, imported and scored in the page, with a leaderboard; GEXF
 * and GraphML must be read as `sway import` reads them; a folder dropped on the page (a real drag, through the
 * DevTools protocol) must be read as the folder picker reads it; a damaged file must show the importer's own
 * message. No request may leave localhost, and none may carry a file: every request the page makes is a GET
 * with no body.
 *
 * Needs `npm run build` first.
 */
import {readFileSync, readdirSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import {zipSync} from "fflate";
import type {Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {importInto} from "../../loaders/import.js";
import {formatSourceReport} from "../../loaders/report.js";
import {tempDir} from "../helpers/world.js";
import {FIXTURES, blueskyCar} from "../loaders/browser-fixtures.js";
import {TEST_TIMEOUT, openPage, recordTexts, settle, tableRows, uploadFinished, useBuiltSite} from "./harness.js";

const site = useBuiltSite();
let temp: ReturnType<typeof tempDir>;

/** The fixture folder `dir`'s files as zip entries under `prefix`. */
function zipOf(dir: string, prefix = ""): Uint8Array {
  const entries = Object.fromEntries(
    readdirSync(join(FIXTURES, dir)).map((name) => [
      `${prefix}${name}`,
      new Uint8Array(readFileSync(join(FIXTURES, dir, name)))
    ])
  );
  return zipSync(entries);
}

function write(name: string, content: Uint8Array): string {
  const path = join(temp.dir, name);
  writeFileSync(path, content);
  return path;
}

beforeAll(() => {
  temp = tempDir("sway-upload-test-");
});

afterAll(() => {
  temp?.remove();
});

/** Opens the upload page, recording problems and every request made after it loaded. */
async function openUpload(): Promise<{page: Page; problems: string[]; requests: string[]}> {
  const {page, problems} = await openPage(site.browser, site.origin, "upload.html");
  await settle(page, problems);
  const requests: string[] = [];
  page.on("request", (request) => {
    const body = request.postDataBuffer();
    if (request.method() !== "GET" || (body && body.byteLength > 0)) {
      requests.push(`${request.method()} ${request.url()} with ${body?.byteLength ?? 0} bytes`);
    }
  });
  return {page, problems, requests};
}

/** Waits until the page has finished with the files just set: scored, or an error shown. */
async function uploaded(page: Page, problems: string[]): Promise<void> {
  await uploadFinished(page);
  await settle(page, problems);
}

/**
 * Drags the files and folders at `paths` from outside the browser onto the middle of `selector`'s element and drops
 * them there, as a reader does from a file manager (Chromium's DevTools protocol; playwright has no file drag).
 */
async function dropFiles(page: Page, selector: string, paths: string[]): Promise<void> {
  const box = (await page.locator(selector).boundingBox())!;
  const cdp = await page.context().newCDPSession(page);
  const at = {x: box.x + box.width / 2, y: box.y + box.height / 2};
  const data = {items: [], files: paths, dragOperationsMask: 1};
  for (const type of ["dragEnter", "dragOver", "drop"] as const)
    await cdp.send("Input.dispatchDragEvent", {type, ...at, data});
  await cdp.detach();
}

describe("the upload page", () => {
  it(
    "renders with a labelled file input and says that nothing leaves the browser",
    async () => {
      const {page, problems} = await openUpload();
      const input = page.locator('input[type="file"][data-testid="upload"]');
      expect(await input.getAttribute("multiple")).not.toBeNull();
      const id = await input.getAttribute("id");
      expect(await page.locator(`label[for="${id}"]`).textContent()).toBe("Files");
      expect(await page.locator("main").textContent()).toContain("Nothing leaves your browser.");
      expect(problems).toEqual([]);
      await page.close();
    },
    TEST_TIMEOUT
  );

  const CASES: [string, () => Promise<string>, string][] = [
    ["a Mastodon export (.zip)", async () => write("archive.zip", zipOf("mastodon/archive")), "mastodon"],
    ["a Bluesky repository (.car)", async () => write("repo.car", await blueskyCar()), "bluesky"],
    ["Twitter API v2 JSON", async () => join(FIXTURES, "twitter-api/v2-search.json"), "twitter-api"],
    ["an X archive (.zip)", async () => write("twitter-archive.zip", zipOf("x-archive/data", "data/")), "x-archive"],
    ["an edge-list CSV", async () => join(FIXTURES, "edgelist/ratings-header.csv"), "edgelist"],
    ["a GEXF graph (Gephi)", async () => join(FIXTURES, "gexf/network.gexf"), "gexf"],
    ["a GraphML graph", async () => join(FIXTURES, "graphml/network.graphml"), "graphml"]
  ];

  it.each(CASES)(
    "recognises, imports and scores %s",
    async (_, file, format) => {
      const path = await file();
      const {page, problems, requests} = await openUpload();
      const statuses = await recordTexts(page, "upload-status");
      await page.locator('[data-testid="upload"]').setInputFiles(path);
      await uploaded(page, problems);
      // Scoring showed its progress, method by method, up to every method scored.
      const scored = Number(
        (await page.getByTestId("upload-status").textContent())!.match(/scored by (\d+) methods/)![1]
      );
      const progress = (await statuses()).filter((text) => text.startsWith("Scoring:"));
      expect(progress.at(-1)).toMatch(
        new RegExp(`^Scoring: ${scored} of ${scored} methods done \\(last: [a-z-]+\\)…$`)
      );
      const name = path.replace(/^.*\//, "");
      expect(await tableRows(page, "upload-formats")).toEqual([[name, format, expect.any(String)]]);
      // The report is the importer's: it names the file and what was read from it.
      const report = (await page.locator('[data-testid="upload-report"]').textContent()) ?? "";
      expect(report).toMatch(new RegExp(`\\(${format}\\): read [\\d,]+ records`));
      const leaderboard = await tableRows(page, "leaderboard");
      expect(leaderboard.length).toBeGreaterThan(0);
      // Ranks start at 1 and every score is a number.
      expect(leaderboard[0]![2]).toBe("1");
      for (const row of leaderboard) expect(Number(row[3]!.replace(/,/g, "").replace("\u2212", "-"))).not.toBeNaN();
      expect(await page.locator('[data-testid="leaderboard"] a').count()).toBe(0);
      expect(await tableRows(page, "upload-methods")).not.toEqual([]);
      expect(problems).toEqual([]);
      expect(requests).toEqual([]);
      await page.close();
    },
    TEST_TIMEOUT
  );

  it(
    "reads the files of a chosen folder as one export",
    async () => {
      const {page, problems, requests} = await openUpload();
      await page.locator('[data-testid="upload-folder"]').setInputFiles(join(FIXTURES, "mastodon/archive"));
      await uploaded(page, problems);
      expect(await tableRows(page, "upload-formats")).toEqual([["archive", "mastodon", expect.any(String)]]);
      expect((await tableRows(page, "leaderboard")).length).toBeGreaterThan(0);
      expect(problems).toEqual([]);
      expect(requests).toEqual([]);
      await page.close();
    },
    TEST_TIMEOUT
  );

  it.each([
    ["gexf", "gexf/network.gexf"],
    ["graphml", "graphml/network.graphml"]
  ])(
    "reads %s with the browser's XML parser as sway import reads it",
    async (format, fixture) => {
      const manifest = await importInto(format, [join(FIXTURES, fixture)], join(temp.dir, format));
      const name = fixture.replace(/^.*\//, "");
      const expected = manifest.sources.map((source) => formatSourceReport({...source, file: name})).join("\n\n");
      const {page, problems, requests} = await openUpload();
      await page.locator('[data-testid="upload"]').setInputFiles(join(FIXTURES, fixture));
      await uploaded(page, problems);
      // Every record accounted for alike: read, accepted, rejected and skipped by reason, rows written per table.
      const report = (await page.locator('[data-testid="upload-report"]').textContent()) ?? "";
      expect(report.split("\n\nRejected records:")[0]).toBe(expected);
      expect(problems).toEqual([]);
      expect(requests).toEqual([]);
      await page.close();
    },
    TEST_TIMEOUT
  );

  it(
    "reads a folder dropped on the page as the folder picker reads it",
    async () => {
      const folder = join(FIXTURES, "mastodon/archive");
      const picked = await openUpload();
      await picked.page.locator('[data-testid="upload-folder"]').setInputFiles(folder);
      await uploaded(picked.page, picked.problems);
      const read = (page: Page) =>
        Promise.all([
          tableRows(page, "upload-formats"),
          page.locator('[data-testid="upload-report"]').textContent(),
          tableRows(page, "upload-methods")
        ]);
      const expected = await read(picked.page);
      await picked.page.close();

      const {page, problems, requests} = await openUpload();
      await dropFiles(page, '[data-testid="upload-zone"]', [folder]);
      await uploaded(page, problems);
      const got = await read(page);
      expect(got[0]).toEqual([["archive", "mastodon", expect.any(String)]]);
      expect(got).toEqual(expected);
      expect((await tableRows(page, "leaderboard")).length).toBeGreaterThan(0);
      expect(problems).toEqual([]);
      expect(requests).toEqual([]);
      await page.close();
    },
    TEST_TIMEOUT
  );

  it(
    "refuses files dropped beside the drop zone, so that the browser does not open them in place of the page",
    async () => {
      const {page, problems, requests} = await openUpload();
      // The cell that shows the zone also installs the page's listeners, which then run first; what is left of
      // each drag event for the browser's default is recorded.
      await page.locator('[data-testid="upload-zone"]').waitFor();
      await page.evaluate(() => {
        const seen: string[] = ((window as unknown as {seen: string[]}).seen = []);
        for (const type of ["dragover", "drop"]) {
          window.addEventListener(type, (event) => {
            const {dropEffect} = (event as DragEvent).dataTransfer!;
            seen.push(`${type} ${event.defaultPrevented ? "prevented" : "allowed"} ${dropEffect}`);
          });
        }
      });
      const address = page.url();
      await dropFiles(page, "h1", [join(FIXTURES, "gexf/network.gexf")]);
      const seen = await page.evaluate(() => (window as unknown as {seen: string[]}).seen);
      expect(seen.length).toBeGreaterThan(0);
      // Every dragover is taken with no drop allowed; a drop, if the browser still sends one, is taken too.
      for (const event of seen) expect(event).toMatch(/^(dragover prevented none|drop prevented \w+)$/);
      expect(page.url()).toBe(address);
      expect(await page.locator('[data-testid="upload-status"]').textContent()).toBe("Choose or drop files to begin.");
      expect(problems).toEqual([]);
      expect(requests).toEqual([]);
      await page.close();
    },
    TEST_TIMEOUT
  );

  it(
    "shows the importer's message for a damaged file, and scores nothing",
    async () => {
      const car = await blueskyCar();
      const path = write("cut.car", car.subarray(0, car.byteLength - 20));
      // The message the command line gives for the same bytes, with the page's file name.
      const expected = await importInto("bluesky", [path], join(temp.dir, "cut")).then(
        () => "",
        (error: Error) => error.message.replace(path, "cut.car")
      );
      expect(expected).toMatch(/^cut\.car: truncated CAR/);
      const {page, problems, requests} = await openUpload();
      await page.locator('[data-testid="upload"]').setInputFiles(path);
      await uploaded(page, problems);
      expect(await page.locator('[data-testid="upload-error"]').textContent()).toBe(expected);
      expect(await page.locator('[data-testid="leaderboard"]').count()).toBe(0);
      expect(problems).toEqual([]);
      expect(requests).toEqual([]);
      await page.close();
    },
    TEST_TIMEOUT
  );
});
