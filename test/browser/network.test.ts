/**
 * The network explorer in the built site (`npm run build` first): it loads without console errors or requests
 * outside localhost, draws the default account's ego network of the built-in world with the accounts native
 * DuckDB and the same components find, and a click or Enter on an account re-centres the network on it and
 * writes it to the URL.
 */
import {existsSync, mkdtempSync, rmSync} from "node:fs";
import type {Server} from "node:http";
import {tmpdir} from "node:os";
import {join} from "node:path";
import type {Browser, Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {NodeDb} from "../../loaders/node-db.js";
import {openWarehouse} from "../../loaders/warehouse.js";
import {simulateWarehouse} from "../../simulation/recipe-file.js";
import {egoEdges, egoNetwork, type Hops} from "../../src/components/network.js";
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
  settle
} from "./harness.js";

/** The account ids of the figure's circles, sorted. */
async function drawn(page: Page): Promise<string[]> {
  const ids = await page
    .locator('[data-testid="network"] g[data-account]')
    .evaluateAll((nodes) => nodes.map((node) => node.getAttribute("data-account")!));
  return ids.sort();
}

/** The account the figure is centred on, read from its accessible name. */
async function centreOf(page: Page): Promise<string> {
  return page
    .locator('[data-testid="network"] g[data-account][aria-label$=", the centre"]')
    .getAttribute("data-account") as Promise<string>;
}

describe("the network explorer", () => {
  let browser: Browser;
  let server: Server;
  let origin: string;
  let db: NodeDb;
  let warehouse: string;

  beforeAll(async () => {
    if (!existsSync(DIST)) throw new Error(`${DIST} is missing: run \`npm run build\` first`);
    ({server, origin} = await serve(DIST));
    browser = await launchBrowser();
    // The same world, generated from the same recipe: the reference for the accounts the page draws.
    warehouse = mkdtempSync(join(tmpdir(), "sway-network-test-"));
    await simulateWarehouse(join(ROOT, "data", "worlds", "default.json"), join(warehouse, "world"));
    ({db} = await openWarehouse(join(warehouse, "world")));
  }, HOOK_TIMEOUT);

  afterAll(async () => {
    db?.close();
    if (warehouse) rmSync(warehouse, {recursive: true, force: true});
    await browser?.close();
    await closeServer(server);
  }, HOOK_TIMEOUT);

  const expectedNodes = async (centre: string, hops: Hops) =>
    egoNetwork(await egoEdges(db, centre, hops), centre, {hops})
      .nodes.map((node) => node.account_id)
      .sort();

  it(
    "draws the top account's network with the accounts native DuckDB finds, and re-centres on a click and on Enter",
    async () => {
      const {page, problems} = await openPage(browser, origin, "network.html");
      await page.locator('[data-testid="network"] g[data-account]').nth(1).waitFor();
      await settle(page, problems);
      const centre = await centreOf(page);
      const first = await drawn(page);
      expect(first).toEqual(await expectedNodes(centre, 1));
      expect(new URL(page.url()).searchParams.get("account")).toBeNull();
      expect(await page.getByTestId("neighbours").locator("tbody tr").count()).toBe(first.length - 1);
      expect(await page.getByTestId("communities").locator("tbody tr").count()).toBeGreaterThan(0);

      // A click on a neighbour's circle.
      const neighbour = first.find((id) => id !== centre)!;
      await page.locator(`[data-testid="network"] g[data-account="${neighbour}"] circle`).click();
      await expect.poll(() => centreOf(page), {timeout: PAGE_TIMEOUT}).toBe(neighbour);
      expect(new URL(page.url()).searchParams.get("account")).toBe(neighbour);
      expect(await drawn(page)).toEqual(await expectedNodes(neighbour, 1));

      // Enter on a focused account of the new network.
      const next = (await drawn(page)).find((id) => id !== neighbour && id !== centre)!;
      await page.locator(`[data-testid="network"] g[data-account="${next}"]`).focus();
      await page.keyboard.press("Enter");
      await expect.poll(() => centreOf(page), {timeout: PAGE_TIMEOUT}).toBe(next);
      expect(new URL(page.url()).searchParams.get("account")).toBe(next);
      await settle(page, problems);
      await page.close();
      expect(problems).toEqual([]);
    },
    TEST_TIMEOUT
  );

  it(
    "opens a shared two-hop link on its account, caps the drawing at 150 accounts and says how many are left out",
    async () => {
      const top = await db.query<{target_id: string}>(
        "SELECT target_id FROM interactions GROUP BY target_id ORDER BY count(*) DESC, target_id LIMIT 1"
      );
      const account = top[0]!.target_id;
      const {page, problems} = await openPage(
        browser,
        origin,
        `network.html?account=${encodeURIComponent(account)}&hops=2`
      );
      await page.locator('[data-testid="network"] g[data-account]').nth(1).waitFor();
      await settle(page, problems);
      const expected = egoNetwork(await egoEdges(db, account, 2), account, {hops: 2});
      expect(await centreOf(page)).toBe(account);
      expect(await drawn(page)).toEqual(expected.nodes.map((node) => node.account_id).sort());
      expect(expected.nodes.length).toBeLessThanOrEqual(150);
      const note = await page.getByTestId("network-note").textContent();
      expect(note).toContain(`within two hops`);
      if (expected.omitted > 0) expect(note).toContain(`${expected.omitted.toLocaleString("en")} more`);
      expect(new URL(page.url()).searchParams.get("hops")).toBe("2");
      await page.close();
      expect(problems).toEqual([]);
    },
    TEST_TIMEOUT
  );
});
