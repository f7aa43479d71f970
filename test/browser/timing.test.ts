/**
 * The timing page in a real browser, offline: with no account chosen it shows the heatmap of the account that
 * received most reactions, with native DuckDB's count of them; the URL carries the offset, and choosing another
 * offset moves the clock without losing a reaction; the best publishing hour named is the one native DuckDB finds. Needs `npm run build` first.
 */
import {beforeAll, describe, expect, it} from "vitest";
import {UTC_OFFSETS, hourSpan} from "../../src/components/timing.js";
import {PAGE_TIMEOUT, TEST_TIMEOUT, openPage, settle, useBuiltSite, useReferenceWorld} from "./harness.js";

describe("the timing page", () => {
  const site = useBuiltSite();
  const world = useReferenceWorld();
  let top: {account_id: string; handle: string; reactions: number};
  let bestHour: {hour: number; posts: number; mean: number} | undefined;

  beforeAll(async () => {
    // The account with most reactions from others, counted natively, written independently of the page's query.
    [top] = await world.db.query<{account_id: string; handle: string; reactions: number}>(
      `SELECT a.account_id, a.handle, count(*) AS reactions FROM interactions i JOIN accounts a ON a.account_id = i.target_id
       WHERE i.actor_id <> i.target_id AND i.kind NOT IN ('follow', 'rating')
       GROUP BY a.account_id, a.handle ORDER BY reactions DESC, a.account_id LIMIT 1`
    );
    // Its own posts (not reposts) by UTC hour of publication, with the reactions from others each drew: the hour
    // of most reactions per post among hours of at least 3 posts (ties: more posts, then the earlier hour).
    [bestHour] = await world.db.query<{hour: number; posts: number; mean: number}>(
      `WITH received AS (
         SELECT post_id, count(*) AS n FROM interactions
         WHERE target_id = ?1 AND actor_id <> target_id AND kind NOT IN ('follow', 'rating') AND post_id IS NOT NULL
         GROUP BY post_id)
       SELECT hour(p.created_at)::INTEGER AS hour, count(*)::INTEGER AS posts, avg(coalesce(r.n, 0)) AS mean
       FROM posts p LEFT JOIN received r USING (post_id)
       WHERE p.account_id = ?1 AND p.kind <> 'repost'
       GROUP BY ALL HAVING count(*) >= 3 ORDER BY mean DESC, posts DESC, hour LIMIT 1`,
      [top!.account_id]
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
      expect(await page.getByTestId("best-hours").textContent()).toMatch(
        bestHour
          ? `At UTC, posts published ${hourSpan(bestHour.hour)} drew most reactions`
          : "No hour has 3 or more posts"
      );

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
