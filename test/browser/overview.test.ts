/**
 * The overview's first view of the built-in world comes from the build (`src/data/overview.json.ts`, native
 * DuckDB); duckdb-wasm then recomputes it in the page and replaces it. The two must be the same view: a change in
 * one engine's results, or a stale build, fails here. The wasm download is held back until the build's views of
 * two methods have been read, so that both are seen before the page's engine can replace them.
 *
 * Needs `npm run build` first.
 */
import type {Page} from "playwright-core";
import {describe, expect, it} from "vitest";
import {METHODS} from "../../scoring/index.js";
import {TEST_TIMEOUT, openPage, settle, tableRows, useBuiltSite} from "./harness.js";

/** What the page shows for a method: the leaderboard's cells and the histogram's bars. */
async function shownView(page: Page, method: string, computed: "build" | "browser") {
  const leaderboard = page.locator(
    `[data-testid="leaderboard"][data-method="${method}"][data-computed="${computed}"] tbody tr`
  );
  await leaderboard.first().waitFor();
  const bars = page.locator(`figure[data-computed="${computed}"] g[aria-label="rect"] rect`);
  await bars.first().waitFor();
  return {
    leaderboard: await tableRows(page, "leaderboard"),
    bars: await bars.evaluateAll((rects) =>
      rects.map((rect) => ["x", "y", "width", "height"].map((name) => rect.getAttribute(name)))
    ),
    note: await page.getByTestId("computed").textContent()
  };
}

describe("the overview of the built-in world", () => {
  const site = useBuiltSite("index.html");

  it(
    "shows the build's view of two methods at once, and the page's engine computes the same views",
    async () => {
      const {page, problems} = await openPage(site.browser, site.origin, "index.html");
      // Hold back duckdb-wasm's binary, so the page's engine cannot start, and load the page again.
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      await page.route("**/*.wasm", async (route) => {
        await released;
        await route.fallback();
      });
      await page.reload();

      const firstId = await page.locator('[data-testid="leaderboard"]').getAttribute("data-method");
      const first = METHODS.find((method) => method.id === firstId)!;
      const second = METHODS.find((method) => method.id === "pagerank")!;
      expect(first.id).not.toBe(second.id);
      const firstBuilt = await shownView(page, first.id, "build");
      expect(firstBuilt.leaderboard).toHaveLength(50);
      expect(firstBuilt.note).toMatch(/when this site was built/);

      // Another method, still from the build: switching needs no engine.
      await page.locator('[data-testid="method"] select').selectOption({label: second.name});
      const secondBuilt = await shownView(page, second.id, "build");
      expect(secondBuilt.leaderboard).not.toEqual(firstBuilt.leaderboard);
      expect(new URL(page.url()).searchParams.get("method")).toBe(second.id);

      release();
      const secondLive = await shownView(page, second.id, "browser");
      expect(secondLive.note).toBe("Computed in your browser.");
      expect(secondLive.leaderboard).toEqual(secondBuilt.leaderboard);
      expect(secondLive.bars).toEqual(secondBuilt.bars);

      await page.locator('[data-testid="method"] select').selectOption({label: first.name});
      const firstLive = await shownView(page, first.id, "browser");
      expect(firstLive.leaderboard).toEqual(firstBuilt.leaderboard);
      expect(firstLive.bars).toEqual(firstBuilt.bars);
      expect(new URL(page.url()).searchParams.get("method")).toBeNull();

      await settle(page, problems);
      await page.close();
      expect(problems).toEqual([]);
    },
    TEST_TIMEOUT
  );
});
