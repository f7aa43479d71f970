/**
 * The profile's daily score history and score moments in the built site, against the same world generated and
 * scored natively. Needs `npm run build` first.
 */
import {describe, expect, it} from "vitest";
import {dataDays} from "../../scoring/history.js";
import {scoreMethod} from "../../scoring/score.js";
import {accountHistory, accountMoments} from "../../src/components/profile.js";
import {
  PAGE_TIMEOUT,
  TEST_TIMEOUT,
  openPage,
  settle,
  shownNumber,
  tableRows,
  useBuiltSite,
  useReferenceWorld
} from "./harness.js";

describe("the profile's history and moments", () => {
  const site = useBuiltSite();
  const world = useReferenceWorld();

  it(
    "charts the account's daily Klout-style score and lists the posts that moved it, as native DuckDB has them",
    async () => {
      // The world's most influential account by the Klout-style score.
      const [top] = await scoreMethod(world.db, "klout");
      const {account_id} = top!;
      const {page, problems} = await openPage(
        site.browser,
        site.origin,
        `profile.html?account=${encodeURIComponent(account_id)}`
      );
      const history = page.getByTestId("history");
      await history.locator('g[aria-label="line"] path').waitFor({timeout: PAGE_TIMEOUT});
      await page.locator('[data-testid="moments"] tbody tr').first().waitFor({timeout: PAGE_TIMEOUT});
      await settle(page, problems);

      // The headline score is still there, and the history has one point per day of the data.
      expect(shownNumber((await page.getByTestId("score").textContent())!)).toBe(Math.round(top!.score));
      const days = await dataDays(world.db);
      expect(Number(await history.getAttribute("data-days"))).toBe(days.length);
      expect(await accountHistory(world.db, account_id)).toHaveLength(days.length);
      expect(await page.locator("main").textContent()).toMatch(/rolling window of the\s+90\s+days ending\s+then/);

      // The moments: the same posts in the same order, their texts shown as text.
      const moments = await accountMoments(world.db, account_id);
      expect(moments.length).toBeGreaterThan(0);
      const shown = await tableRows(page, "moments");
      expect(shown.map(([date, text, reactions]) => [date, text, shownNumber(reactions!)])).toEqual(
        moments.map((moment) => [moment.date, moment.text, moment.reactions])
      );
      const keys = await page
        .locator('[data-testid="moments"] tbody tr')
        .evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.key));
      expect(keys).toEqual(moments.map((moment) => moment.post_id));
      expect(await page.locator(".sway-pending").count()).toBe(0);
      await page.close();
      expect(problems).toEqual([]);
    },
    TEST_TIMEOUT
  );

  it(
    "says so when no account is chosen, and shows no history",
    async () => {
      const {page, problems} = await openPage(site.browser, site.origin, "profile.html");
      await page.getByText("Search for an account above").waitFor({timeout: PAGE_TIMEOUT});
      await settle(page, problems);
      expect(await page.getByTestId("history").count()).toBe(0);
      expect(await page.getByTestId("moments").count()).toBe(0);
      await page.close();
      expect(problems).toEqual([]);
    },
    TEST_TIMEOUT
  );
});
