/**
 * The timing page in a real browser, offline: with no account chosen it shows the heatmap of the account that
 * received most reactions, with native DuckDB's count of them; the URL carries the offset, and choosing another
 * offset moves the clock without losing a reaction. Needs `npm run build` first.
 */
import {beforeAll, describe, expect, it} from "vitest";
import {UTC_OFFSETS} from "../../src/components/timing.js";
import {PAGE_TIMEOUT, TEST_TIMEOUT, openPage, settle, useBuiltSite, useReferenceWorld} from "./harness.js";

describe("the timing page", () => {
  const site = useBuiltSite();
  const world = useReferenceWorld();
  let top: {account_id: string; handle: string; reactions: number};

  beforeAll(async () => {
    // The account with most reactions from others, counted natively, written independently of the page's query.
    [top] = await world.db.query<{account_id: string; handle: string; reactions: number}>(
      `SELECT a.account_id, a.handle, count(*) AS reactions FROM interactions i JOIN accounts a ON a.account_id = i.target_id
       WHERE i.actor_id <> i.target_id AND i.kind NOT IN ('follow', 'rating')
       GROUP BY a.account_id, a.handle ORDER BY reactions DESC, a.account_id LIMIT 1`
    );
  });

  it(
    "shows the heatmap of the most reacted-to account, and the URL carries the offset",
    async () => {
      const {page, problems} = await openPage(site.browser, site.origin, "timing.html");
      const heatmap = page.getByTestId("reaction-heatmap");
      await heatmap.waitFor();
      await settle(page, problems);
      expect(await page.locator("h2", {hasText: top.handle}).count()).toBe(1);
      // The simulated world dates every reaction, so every one is on the clock.
      expect(Number(await heatmap.getAttribute("data-reactions"))).toBe(top.reactions);
      expect(await heatmap.locator('g[aria-label="cell"] rect').count()).toBe(168);
      expect(new URL(page.url()).searchParams.get("offset")).toBe("0");
      expect(await page.getByTestId("best-hours").textContent()).toMatch(/^At UTC, posts published/);

      await page
        .getByTestId("offset")
        .locator("select")
        .selectOption({index: UTC_OFFSETS.indexOf(330)});
      await expect.poll(() => new URL(page.url()).searchParams.get("offset"), {timeout: PAGE_TIMEOUT}).toBe("5.5");
      await expect.poll(() => heatmap.getAttribute("data-offset"), {timeout: PAGE_TIMEOUT}).toBe("330");
      expect(Number(await heatmap.getAttribute("data-reactions"))).toBe(top.reactions);
      await settle(page, problems);
      expect(await page.getByTestId("best-hours").textContent()).toMatch(/^(At UTC\+5:30, posts published|No hour)/);
      await page.close();
      expect(problems).toEqual([]);
    },
    TEST_TIMEOUT
  );

  it(
    "opens the account and offset named in the URL",
    async () => {
      const [other] = await world.db.query<{account_id: string; handle: string}>(
        `SELECT account_id, handle FROM accounts WHERE account_id <> ? ORDER BY account_id LIMIT 1`,
        [top.account_id]
      );
      const {page, problems} = await openPage(
        site.browser,
        site.origin,
        `timing.html?account=${encodeURIComponent(other!.account_id)}&offset=-5`
      );
      await page.locator("h2", {hasText: other!.handle}).waitFor();
      await settle(page, problems);
      expect(await page.getByTestId("offset").locator("select").inputValue()).toBe(String(UTC_OFFSETS.indexOf(-300)));
      expect(new URL(page.url()).searchParams.get("offset")).toBe("-5");
      await page.close();
      expect(problems).toEqual([]);
    },
    TEST_TIMEOUT
  );
});
