/**
 * The topics page in a real browser, offline: it lists the built-in world's topics, shows the most authoritative
 * accounts of the first one as native DuckDB and the same `scoring/` module rank them, and changing the topic
 * changes the rows and the URL. Needs `npm run build` first.
 */
import type {Page} from "playwright-core";
import {beforeAll, describe, expect, it} from "vitest";
import {topicMembersByAuthority, topicSizes, type TopicSize} from "../../scoring/methods/peerindex-topics.js";
import {PAGE_TIMEOUT, TEST_TIMEOUT, openPage, settle, tableRows, useBuiltSite, useReferenceWorld} from "./harness.js";

describe("the topics page", () => {
  const site = useBuiltSite();
  // The same world from the same recipe, scored natively: the reference for the rows the page shows.
  const world = useReferenceWorld();
  let topics: TopicSize[];
  let handles: Map<string, string>;

  beforeAll(async () => {
    topics = await topicSizes(world.db);
    const accounts = await world.db.query<{account_id: string; handle: string}>(
      "SELECT account_id, handle FROM accounts"
    );
    handles = new Map(accounts.map((account) => [account.account_id, account.handle]));
  });

  /** The handles of the topic's 25 most authoritative members, as natively computed. */
  async function expectedHandles(topic: string): Promise<string[]> {
    return (await topicMembersByAuthority(world.db, topic))
      .slice(0, 25)
      .map((member) => handles.get(member.account_id)!);
  }

  const shownHandles = async (page: Page) => (await tableRows(page, "topic-leaders")).map((cells) => cells[1]!);

  it(
    "shows the first topic's most authoritative accounts, and other rows for another topic",
    async () => {
      expect(topics.length).toBeGreaterThan(1);
      const [first, second] = [topics[0]!.topic, topics[1]!.topic];
      const {page, problems} = await openPage(site.browser, site.origin, "topics.html");
      await page.locator('[data-testid="topic-leaders"] tbody tr').first().waitFor();
      await settle(page, problems);
      const before = await shownHandles(page);
      expect(before).toEqual(await expectedHandles(first));
      expect(new URL(page.url()).searchParams.get("topic")).toBe(first);
      expect(await page.getByTestId("topic-agreement").textContent()).toMatch(/Spearman's ρ/);

      await page.getByTestId("topic").locator("select").selectOption({index: 1});
      await expect.poll(() => new URL(page.url()).searchParams.get("topic"), {timeout: PAGE_TIMEOUT}).toBe(second);
      const expected = await expectedHandles(second);
      await expect.poll(() => shownHandles(page), {timeout: PAGE_TIMEOUT}).toEqual(expected);
      expect(expected).not.toEqual(before);
      await settle(page, problems);
      await page.close();
      expect(problems).toEqual([]);
    },
    TEST_TIMEOUT
  );

  it(
    "opens the topic named in the URL",
    async () => {
      const last = topics.at(-1)!.topic;
      const {page, problems} = await openPage(
        site.browser,
        site.origin,
        `topics.html?topic=${encodeURIComponent(last)}`
      );
      await page.locator('[data-testid="topic-leaders"] tbody tr').first().waitFor();
      await settle(page, problems);
      expect(await shownHandles(page)).toEqual(await expectedHandles(last));
      await page.close();
      expect(problems).toEqual([]);
    },
    TEST_TIMEOUT
  );
});
