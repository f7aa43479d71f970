/**
 * The network explorer in the built site (`npm run build` first): it loads without console errors or requests
 * outside localhost, draws the default account's ego network of the built-in world with the accounts native
 * DuckDB and the same components find, and a click or Enter on an account re-centres the network on it and
 * writes it to the URL.
 */
import type {Page} from "playwright-core";
import {describe, expect, it} from "vitest";
import {egoEdges, egoNetwork, type Hops} from "../../src/components/network.js";
import {PAGE_TIMEOUT, TEST_TIMEOUT, openPage, settle, useBuiltSite, useReferenceWorld} from "./harness.js";

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
  const site = useBuiltSite();
  // The same world, generated from the same recipe: the reference for the accounts the page draws.
  const world = useReferenceWorld();

  const expectedNodes = async (centre: string, hops: Hops) =>
    egoNetwork(await egoEdges(world.db, centre, hops), centre, {hops})
      .nodes.map((node) => node.account_id)
      .sort();

  it(
    "draws the top account's network with the accounts native DuckDB finds, and re-centres on a click and on Enter",
    async () => {
      const {page, problems} = await openPage(site.browser, site.origin, "network.html");
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
      const top = await world.db.query<{target_id: string}>(
        "SELECT target_id FROM interactions GROUP BY target_id ORDER BY count(*) DESC, target_id LIMIT 1"
      );
      const account = top[0]!.target_id;
      const {page, problems} = await openPage(
        site.browser,
        site.origin,
        `network.html?account=${encodeURIComponent(account)}&hops=2`
      );
      await page.locator('[data-testid="network"] g[data-account]').nth(1).waitFor();
      await settle(page, problems);
      const expected = egoNetwork(await egoEdges(world.db, account, 2), account, {hops: 2});
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
