/**
 * A researcher's own dataset in the built site: one extra build with `SWAY_SITE_DATASETS` naming a small warehouse
 * whose handles and display names are markup (`<img src=x onerror=alert(1)>`, `<script>…</script>`). The dataset
 * picker must switch to it and keep it in the URL, and every page must show those names literally and run
 * nothing: no dialog opens and no element is injected.
 *
 * The build writes to a temporary folder (the site's `dist/` is left alone) through a configuration that extends
 * `observablehq.config.ts` with another output.
 */
import {execFile} from "node:child_process";
import {mkdtempSync, rmSync, writeFileSync} from "node:fs";
import type {Server} from "node:http";
import {tmpdir} from "node:os";
import {delimiter, join} from "node:path";
import {promisify} from "node:util";
import type {Browser, Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {siteDatasets} from "../../src/data/site-datasets.js";
import {writeWorld} from "../helpers/world.js";
import {
  HOOK_TIMEOUT,
  PAGE_TIMEOUT,
  ROOT,
  TEST_TIMEOUT,
  closeServer,
  launchBrowser,
  openPage,
  serve,
  settle,
  tableRows
} from "./harness.js";

const IMG = "<img src=x onerror=alert(1)>";
const SCRIPT = "<script>alert(2)</script>";
const at = (hour: number) => new Date(Date.UTC(2026, 2, 1, hour));

/** Hostile names everywhere a name can appear, and a few reactions so that every page has something to show. */
const HOSTILE_WORLD = {
  accounts: [
    {account_id: "x:1", network: "x", handle: IMG, display_name: SCRIPT, followers: 10},
    {account_id: "x:2", network: "x", handle: SCRIPT, display_name: IMG, followers: 5},
    {account_id: "x:3", network: "x", handle: `"q" & <b>bold</b>`, display_name: "<svg onload=alert(3)>", followers: 1}
  ],
  posts: [
    {post_id: "x:p1", account_id: "x:1", network: "x", created_at: at(1), kind: "post" as const},
    {post_id: "x:p2", account_id: "x:2", network: "x", created_at: at(2), kind: "post" as const}
  ],
  interactions: [
    {ts: at(3), network: "x", actor_id: "x:2", target_id: "x:1", post_id: "x:p1", kind: "like" as const},
    {ts: at(4), network: "x", actor_id: "x:3", target_id: "x:1", post_id: "x:p1", kind: "repost" as const},
    {ts: at(5), network: "x", actor_id: "x:1", target_id: "x:2", post_id: "x:p2", kind: "reply" as const}
  ]
};

/** Fails on anything the hostile names could have injected: an image, a script or an SVG element carrying them. */
async function expectNothingInjected(page: Page, what: string): Promise<void> {
  const injected = await page.evaluate(() => [
    ...Array.from(document.querySelectorAll('img[src="x"], svg[onload], [onerror], [onload]'), (e) => e.outerHTML),
    ...Array.from(document.querySelectorAll("script"), (s) => s.textContent ?? "").filter((t) => t.includes("alert("))
  ]);
  expect(injected, what).toEqual([]);
}

describe("a researcher's dataset in the built site", () => {
  let temp: string;
  let cachedFile: string;
  let browser: Browser;
  let server: Server;
  let origin: string;

  beforeAll(async () => {
    temp = mkdtempSync(join(tmpdir(), "sway-site-datasets-"));
    await writeWorld(join(temp, "hostile"), HOSTILE_WORLD);
    const env = {
      ...process.env,
      SWAY_SITE_DATASETS: `hostile=${join(temp, "hostile")}`,
      OBSERVABLE_TELEMETRY_DISABLE: "true",
      // Framework runs the data loaders with the `tsx` command.
      PATH: [join(ROOT, "node_modules", ".bin"), process.env.PATH].join(delimiter)
    };
    cachedFile = join(
      ROOT,
      "src",
      ".observablehq",
      "cache",
      "data",
      "datasets",
      `${siteDatasets(env, ROOT)[0]!.file}.duckdb`
    );
    const config = join(temp, "observablehq.config.ts");
    writeFileSync(
      config,
      `import config from ${JSON.stringify(join(ROOT, "observablehq.config.ts"))};\n` +
        `export default {...config, output: ${JSON.stringify(join(temp, "site"))}};\n`
    );
    // Framework imports a configuration named with --config as is: tsx lets it be TypeScript.
    const framework = join(ROOT, "node_modules", "@observablehq", "framework", "dist", "bin", "observable.js");
    await promisify(execFile)(join(ROOT, "node_modules", ".bin", "tsx"), [framework, "build", "--config", config], {
      cwd: ROOT,
      env,
      maxBuffer: 64 * 1024 * 1024
    });
    ({server, origin} = await serve(join(temp, "site")));
    browser = await launchBrowser();
  }, 5 * HOOK_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await closeServer(server);
    if (temp) rmSync(temp, {recursive: true, force: true});
    // The loader's cached output is named after this run's temporary warehouse: no later build can use it.
    if (cachedFile) rmSync(cachedFile, {force: true});
  }, HOOK_TIMEOUT);

  it(
    "the dataset picker switches to it, and the URL and the site's links keep the choice",
    async () => {
      const {page, problems} = await openPage(browser, origin, "index.html");
      await page.locator('[data-testid="leaderboard"] tbody tr').first().waitFor();
      await page.locator('[data-testid="dataset"] select').selectOption({label: "hostile"});
      await expect
        .poll(async () => (await tableRows(page, "leaderboard")).map(([handle]) => handle).sort(), {
          timeout: PAGE_TIMEOUT
        })
        .toEqual([IMG, SCRIPT, `"q" & <b>bold</b>`].sort());
      expect(new URL(page.url()).searchParams.get("dataset")).toBe("hostile");
      const profileLink = await page.locator('#observablehq-sidebar a[href*="profile"]').getAttribute("href");
      expect(new URL(profileLink!, origin).searchParams.get("dataset")).toBe("hostile");
      await page.locator('[data-testid="dataset"] select').selectOption({label: "built-in world"});
      await expect.poll(() => page.url(), {timeout: PAGE_TIMEOUT}).not.toContain("dataset=");
      await expect
        .poll(async () => (await tableRows(page, "leaderboard")).length, {timeout: PAGE_TIMEOUT})
        .toBeGreaterThan(3);
      await settle(page, problems);
      await page.close();
      expect(problems).toEqual([]);
    },
    TEST_TIMEOUT
  );

  it(
    "shows markup in handles and names literally on every page, and runs none of it",
    async () => {
      const {page, problems} = await openPage(browser, origin, "index.html?dataset=hostile");
      await page.locator('[data-testid="leaderboard"] tbody tr').first().waitFor();
      await settle(page, problems);
      expect(await page.getByTestId("leaderboard").innerText()).toContain(IMG);
      await expectNothingInjected(page, "overview");
      await page.close();

      const profile = await openPage(browser, origin, "profile.html?dataset=hostile");
      problems.push(...profile.problems);
      await profile.page.getByTestId("search").fill("<img");
      const result = profile.page.locator('[data-testid="search-results"] button').first();
      await expect.poll(() => result.textContent(), {timeout: PAGE_TIMEOUT}).toBe(`${IMG} — ${SCRIPT} · x`);
      await result.click();
      await profile.page.getByTestId("score").waitFor();
      await profile.page.locator('[data-testid="reacted-by"] tbody tr').first().waitFor();
      await settle(profile.page, problems);
      expect(await profile.page.locator("h2").first().textContent()).toBe(IMG);
      expect((await tableRows(profile.page, "reacted-by")).map(([handle]) => handle).sort()).toEqual(
        [SCRIPT, `"q" & <b>bold</b>`].sort()
      );
      await expectNothingInjected(profile.page, "profile");
      await profile.page.close();

      const compare = await openPage(browser, origin, "compare.html?dataset=hostile");
      problems.push(...compare.problems);
      await compare.page.getByTestId("correlation-matrix").waitFor();
      await settle(compare.page, problems);
      await expectNothingInjected(compare.page, "compare");
      await compare.page.close();

      // In the hostile world x:1 reacts with x:2 and x:3.
      const network = await openPage(browser, origin, "network.html?dataset=hostile&account=x%3A1");
      problems.push(...network.problems);
      await network.page.locator('[data-testid="network"] g[data-account]').nth(2).waitFor();
      await settle(network.page, problems);
      expect(await network.page.locator('[data-testid="network"] g[data-account="x:1"] text').textContent()).toBe(IMG);
      expect((await tableRows(network.page, "neighbours")).map(([handle]) => handle).sort()).toEqual(
        [SCRIPT, `"q" & <b>bold</b>`].sort()
      );
      await expectNothingInjected(network.page, "network");
      await network.page.close();

      const timing = await openPage(browser, origin, "timing.html?dataset=hostile&account=x%3A1");
      problems.push(...timing.problems);
      await expect.poll(() => timing.page.locator("h2").first().textContent(), {timeout: PAGE_TIMEOUT}).toBe(IMG);
      await settle(timing.page, problems);
      await expectNothingInjected(timing.page, "timing");
      await timing.page.close();
      expect(problems).toEqual([]);
    },
    2 * TEST_TIMEOUT
  );
});
