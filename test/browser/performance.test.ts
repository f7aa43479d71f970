/**
 * The `/performance` page of the built site in headless Chromium: it shows the newest full benchmark run of
 * `bench/results/` (read here with the same reader as the page's data loader) — the machine and date, the
 * budgets, a chart and a table per kernel, and the growth chart or the sentence saying the run has none — with
 * no console error and no request leaving localhost. Needs `npm run build` first.
 */
import {join} from "node:path";
import {describe, expect, it} from "vitest";
import {newestFullResults} from "../../bench/results-file.js";
import {growthPoints, kernels, rowGroups} from "../../src/components/performance.js";
import {ROOT, TEST_TIMEOUT, openPage, settle, tableRows, useBuiltSite} from "./harness.js";

describe("the performance page", () => {
  const site = useBuiltSite("performance.html");
  const results = newestFullResults(join(ROOT, "bench", "results"));

  it(
    "shows the newest full run's machine, budgets, kernels and charts, with no error and nothing off-host",
    async () => {
      const {page, problems} = await openPage(site.browser, site.origin, "performance.html");
      await settle(page, problems);

      const run = await page.locator('[data-testid="run"]').textContent();
      expect(run).toContain(`“${results.machine.hostname}”`);
      expect(run).toContain(new Date(results.date).toUTCString());
      expect(run).toContain(results.file);

      const budgets = await tableRows(page, "budgets");
      expect(budgets.map((cells) => [cells[0], cells[3]])).toEqual(
        results.budgets.map((budget) => [budget.name, budget.met ? "met" : "missed"])
      );

      const sections = page.locator('[data-testid="kernel"]');
      expect(await sections.locator("h3").allTextContents()).toEqual(kernels(results.rows));
      // Every row of the run is in its kernel's table, in the order of the groups, with its ratio to Sway.
      const shown = await page
        .locator('[data-testid="bench-table"] tbody tr')
        .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll("td"), (td) => td.dataset.value)));
      const expected = kernels(results.rows).flatMap((kernel) =>
        rowGroups(results.rows.filter((row) => row.kernel === kernel)).flatMap((group) =>
          group.rows.map((row) => [row.size, row.tool, String(row.medianMs), String(row.timesSway)])
        )
      );
      expect(shown.map((cells) => [cells[0], cells[1], cells[2], cells[6]])).toEqual(expected);
      // A kernel with peers has its chart: PageRank always has them.
      expect(await sections.filter({hasText: "pagerank"}).first().locator("svg").count()).toBeGreaterThan(0);

      const growth = page.locator('[data-testid="growth"]');
      if (growthPoints(results.rows).length > 0) {
        expect(await growth.locator("svg").count()).toBe(2);
      } else {
        expect(await growth.textContent()).toContain("This run has no growth rows");
      }

      expect(problems).toEqual([]);
    },
    TEST_TIMEOUT
  );
});
