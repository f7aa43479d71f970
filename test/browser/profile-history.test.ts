/**
 * The profile's daily score history and score moments in the built site, against the same world generated and
 * scored natively. Needs `npm run build` first.
 */
import {existsSync, mkdtempSync, rmSync} from "node:fs";
import type {Server} from "node:http";
import {tmpdir} from "node:os";
import {join} from "node:path";
import type {Browser} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {NodeDb} from "../../loaders/node-db.js";
import {openWarehouse} from "../../loaders/warehouse.js";
import {dataDays} from "../../scoring/history.js";
import {scoreMethod} from "../../scoring/score.js";
import {simulateWarehouse} from "../../simulation/recipe-file.js";
import {accountHistory, accountMoments} from "../../src/components/profile.js";
import {
  DIST,
  HOOK_TIMEOUT,
  PAGE_TIMEOUT,
  ROOT,
  TEST_TIMEOUT,
  closeServer,
  launchBrowser,
  openPage,
  serve,
  settle,
  shownNumber,
  tableRows
} from "./harness.js";

describe("the profile's history and moments", () => {
  let browser: Browser;
  let server: Server;
  let origin: string;
  let db: NodeDb;
  let warehouse: string;

  beforeAll(async () => {
    if (!existsSync(DIST)) throw new Error(`${DIST} is missing: run \`npm run build\` first`);
    ({server, origin} = await serve(DIST));
    browser = await launchBrowser();
    warehouse = mkdtempSync(join(tmpdir(), "sway-profile-history-"));
    await simulateWarehouse(join(ROOT, "data", "worlds", "default.json"), join(warehouse, "world"));
    ({db} = await openWarehouse(join(warehouse, "world")));
  }, HOOK_TIMEOUT);

  afterAll(async () => {
    db?.close();
    await browser?.close();
    await closeServer(server);
    if (warehouse) rmSync(warehouse, {recursive: true, force: true});
  });

  it(
    "charts the account's daily Klout-style score and lists the posts that moved it, as native DuckDB has them",
    async () => {
      // The world's most influential account by the Klout-style score.
      const [top] = await scoreMethod(db, "klout");
      const {account_id} = top!;
      const {page, problems} = await openPage(
        browser,
        origin,
        `profile.html?account=${encodeURIComponent(account_id)}`
      );
      const history = page.getByTestId("history");
      await history.locator('g[aria-label="line"] path').waitFor({timeout: PAGE_TIMEOUT});
      await page.locator('[data-testid="moments"] tbody tr').first().waitFor({timeout: PAGE_TIMEOUT});
      await settle(page, problems);

      // The headline score is still there, and the history has one point per day of the data.
      expect(shownNumber((await page.getByTestId("score").textContent())!)).toBe(Math.round(top!.score));
      const days = await dataDays(db);
      expect(Number(await history.getAttribute("data-days"))).toBe(days.length);
      expect(await accountHistory(db, account_id)).toHaveLength(days.length);
      expect(await page.locator("main").textContent()).toMatch(/rolling window of the\s+90\s+days ending\s+then/);

      // The moments: the same posts in the same order, their texts shown as text.
      const moments = await accountMoments(db, account_id);
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
      const {page, problems} = await openPage(browser, origin, "profile.html");
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
