/**
 * The overview of the built-in world comes from the build (`src/data/overview.json.ts`, native DuckDB): the page
 * shows it, for any method, without starting duckdb-wasm or downloading the world. (That the build's numbers are
 * the ones native DuckDB computes for the world is checked in site.test.ts.)
 *
 * Needs `npm run build` first.
 */
import type {Page} from "playwright-core";
import {describe, expect, it} from "vitest";
import {METHODS} from "../../scoring/index.js";
import {TEST_TIMEOUT, openPage, settle, tableRows, useBuiltSite} from "./harness.js";

/** What the page shows for a method: the leaderboard's cells and the histogram's bars. */
async function shownView(page: Page, method: string) {
  const leaderboard = page.locator(
    `[data-testid="leaderboard"][data-method="${method}"][data-computed="build"] tbody tr`
  );
  await leaderboard.first().waitFor();
  const bars = page.locator(`figure[data-computed="build"] g[aria-label="rect"] rect`);
  await bars.first().waitFor();
  return {
    leaderboard: await tableRows(page, "leaderboard"),
    bars: await bars.count(),
    note: await page.getByTestId("computed").textContent()
  };
}

describe("the overview of the built-in world", () => {
  const site = useBuiltSite("index.html");

  it(
    "shows the build's view of two methods without starting duckdb-wasm or fetching the world",
    async () => {
      const {page, problems} = await openPage(site.browser, site.origin, "index.html");
      const engine: string[] = [];
      page.on("request", (request) => {
        if (/\.wasm$|\.duckdb$|duckdb-browser/.test(new URL(request.url()).pathname)) engine.push(request.url());
      });
      await page.reload();

      const firstId = await page.locator('[data-testid="leaderboard"]').getAttribute("data-method");
      const first = METHODS.find((method) => method.id === firstId)!;
      const second = METHODS.find((method) => method.id === "pagerank")!;
      expect(first.id).not.toBe(second.id);
      const firstView = await shownView(page, first.id);
      expect(firstView.leaderboard).toHaveLength(50);
      expect(firstView.bars).toBeGreaterThan(1);
      expect(firstView.note).toMatch(/when this site was built/);

      await page.locator('[data-testid="method"] select').selectOption({label: second.name});
      const secondView = await shownView(page, second.id);
      expect(secondView.leaderboard).not.toEqual(firstView.leaderboard);
      expect(new URL(page.url()).searchParams.get("method")).toBe(second.id);

      await settle(page, problems);
      expect(engine).toEqual([]);
      await page.close();
      expect(problems).toEqual([]);
    },
    TEST_TIMEOUT
  );
});
