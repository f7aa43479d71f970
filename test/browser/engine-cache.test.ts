/**
 * duckdb-wasm's compiled engine is kept by Chromium from one page to the next, as on a static host: a page that starts
 * duckdb-wasm and runs queries leaves the engine's optimised code in the profile's code cache, and the next page that
 * starts duckdb-wasm reads it from there instead of compiling the 34 MB module again
 * (`src/components/duckdb-worker-setup.ts`). Needs `npm run build` first.
 */
import type {Page} from "playwright-core";
import {describe, expect, it} from "vitest";
import {tempDir} from "../helpers/world.js";
import {DIST, TEST_TIMEOUT, cachedEngine, closeServer, launchProfile, serve, watchPage} from "./harness.js";

/** Runs the lab on a world of `accounts` accounts in `page` and waits for its summary. */
async function runLab(page: Page, origin: string, accounts: number): Promise<void> {
  await page.goto(`${origin}/simulate.html?accounts=${accounts}`);
  await page.getByTestId("simulate-run").click();
  await page.getByTestId("simulate-summary").waitFor({timeout: TEST_TIMEOUT});
}

describe("duckdb-wasm's compiled engine", () => {
  it(
    "is cached by the first page that runs queries and read back by the next",
    async () => {
      const profile = tempDir("sway-profile-");
      const {server, origin} = await serve(DIST, {cacheable: true});
      const context = await launchProfile(profile.dir);
      try {
        // The lab's default world is enough for duckdb-wasm's hot functions to be optimised, which is when Chromium
        // writes the module to its cache; the writing is asynchronous, so the test waits for it.
        const first = await context.newPage();
        const firstProblems = await watchPage(first, {requests: "observe"});
        await runLab(first, origin, 2000);
        expect(await cachedEngine(profile.dir, 60_000)).toBe(true);
        await first.close();

        const second = await context.newPage();
        const secondProblems = await watchPage(second, {requests: "observe"});
        const cdp = await context.newCDPSession(second);
        const events: {name: string}[] = [];
        cdp.on("Tracing.dataCollected", ({value}) => events.push(...(value as {name: string}[])));
        const traced = new Promise((done) => cdp.once("Tracing.tracingComplete", done));
        await cdp.send("Tracing.start", {categories: "v8.wasm", transferMode: "ReportEvents"});
        await runLab(second, origin, 300);
        await cdp.send("Tracing.end");
        await traced;
        const names = new Set(events.map((event) => event.name));
        expect(names.has("wasm.Deserialize")).toBe(true);
        expect([...firstProblems, ...secondProblems]).toEqual([]);
      } finally {
        await context.close();
        await closeServer(server);
        profile.remove();
      }
    },
    TEST_TIMEOUT
  );
});
