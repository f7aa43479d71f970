/**
 * The built site in a real browser, offline: `dist/` served on 127.0.0.1 and opened in headless Chromium.
 * Every page must load without console errors, uncaught errors or requests to any other host; the pages must
 * show the numbers that native DuckDB and the same `scoring/` module compute for the same world.
 *
 * Needs `npm run build` first (the suite fails, saying so, when `dist/` is missing). Chromium comes from Debian
 * (`/usr/bin/chromium`, or `CHROMIUM_PATH`), driven by playwright-core.
 */
import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {beforeAll, describe, expect, it} from "vitest";
import {
  METHODS,
  availableMethods,
  compareMethods,
  interactionKindCounts,
  networkCounts,
  scoreMethod,
  scoreMethods
} from "../../scoring/index.js";
import {
  DIST,
  PAGE_TIMEOUT,
  ROOT,
  TEST_TIMEOUT,
  filesUnder,
  openPage,
  settle,
  shownNumber,
  tableRows,
  useBuiltSite,
  useReferenceWorld
} from "./harness.js";

/** What the CDN-free build must not contain or reference (STACK.md). */
const CDN_HOSTS = /jsdelivr|googleapis|gstatic|unpkg|extensions\.duckdb\.org/;
/**
 * duckdb-wasm's own files name CDN hosts in code the site never runs: `getJsDelivrBundles()` in its JS (we pass
 * local bundle URLs) and the default extension repository in the wasm binary (the site loads no extension). The
 * request checks below are what proves that neither is ever used.
 */
const INERT_CDN_MENTIONS = /^_node\/@duckdb\/duckdb-wasm@[^/]+\//;

describe("the built site", () => {
  const site = useBuiltSite();
  // The same world, generated from the same recipe and scored natively: the reference for every number the pages show.
  const world = useReferenceWorld();
  let pages: string[];
  let handles: Map<string, {handle: string; network: string}>;
  let available: string[];

  beforeAll(async () => {
    pages = filesUnder(DIST).filter((file) => file.endsWith(".html"));
    const accounts = await world.db.query<{account_id: string; handle: string; network: string}>(
      "SELECT account_id, handle, network FROM accounts"
    );
    handles = new Map(accounts.map((account) => [account.account_id, account]));
    ({available} = await availableMethods(
      world.db,
      METHODS.map((m) => m.id)
    ));
  });

  it("was built without CDN modules (no dist/_npm), with a card page per method", () => {
    expect(existsSync(join(DIST, "_npm")), "dist/_npm exists: a page imports from the CDN").toBe(false);
    expect(pages).toEqual(
      expect.arrayContaining([
        "index.html",
        "profile.html",
        "compare.html",
        "methods/index.html",
        ...METHODS.map((m) => `methods/${m.id}.html`)
      ])
    );
  });

  it("names no CDN or font host outside duckdb-wasm's inert defaults", () => {
    const offenders = filesUnder(DIST).filter(
      (file) => !INERT_CDN_MENTIONS.test(file) && CDN_HOSTS.test(readFileSync(join(DIST, file), "latin1"))
    );
    expect(offenders).toEqual([]);
  });

  it(
    "every page loads without console errors, uncaught errors or requests outside localhost",
    async () => {
      for (const path of pages) {
        const {page, problems} = await openPage(site.browser, site.origin, path);
        await settle(page, problems);
        await page.close();
        expect(problems, path).toEqual([]);
      }
    },
    4 * TEST_TIMEOUT
  );

  describe("the overview", () => {
    it(
      "shows the counts and every method's leaderboard that native DuckDB computes for the same world",
      async () => {
        const started = performance.now();
        const {page, problems} = await openPage(site.browser, site.origin, "index.html");
        await page.locator('[data-testid="leaderboard"] tbody tr').first().waitFor();
        console.info(`overview: leaderboard shown ${Math.round(performance.now() - started)} ms after navigation`);

        const counts = await networkCounts(world.db);
        const shownCounts = await page
          .locator('[data-testid="counts"] tbody tr')
          .evaluateAll((trs) =>
            trs.map((tr) =>
              Array.from(tr.querySelectorAll("td"), (td) => [td.dataset.field, td.dataset.value, td.textContent])
            )
          );
        expect(shownCounts.map((cells) => Object.fromEntries(cells.map(([field, value]) => [field, value])))).toEqual(
          counts.map((row) => Object.fromEntries(Object.entries(row).map(([field, value]) => [field, String(value)])))
        );
        for (const [field, value, text] of shownCounts.flat()) {
          if (["accounts", "posts", "interactions", "follows"].includes(field!))
            expectShown(text!, Number(value), field!);
        }

        const kinds = await interactionKindCounts(world.db);
        const shownKinds = await page
          .locator('[data-testid="kinds"] td[data-field]:not([data-field="network"])')
          .evaluateAll((tds) =>
            tds.map((td) => [(td.parentElement as HTMLElement).dataset.key, td.dataset.field, Number(td.dataset.value)])
          );
        for (const {network, kind, interactions} of kinds)
          expect(shownKinds).toContainEqual([network, kind, interactions]);

        for (const method of METHODS.filter((m) => available.includes(m.id))) {
          await page.locator('[data-testid="method"] select').selectOption({label: method.name});
          await page.locator(`[data-testid="leaderboard"][data-method="${method.id}"] tbody tr`).first().waitFor();
          const expected = (await scoreMethod(world.db, method.id)).slice(0, 50);
          const shown = await tableRows(page, "leaderboard");
          expect(
            shown.map(([handle, network, rank]) => [handle, network, shownNumber(rank!)]),
            method.id
          ).toEqual(
            expected.map((row) => [handles.get(row.account_id)!.handle, handles.get(row.account_id)!.network, row.rank])
          );
          shown.forEach(([, , , score, value], i) => {
            expectShown(score!, expected[i]!.score, `${method.id} score of row ${i + 1}`);
            expectShown(value!, expected[i]!.value, `${method.id} value of row ${i + 1}`);
          });
        }
        // The method chosen last is in the URL, and the URL brings it back.
        const last = METHODS.filter((m) => available.includes(m.id)).at(-1)!;
        expect(new URL(page.url()).searchParams.get("method")).toBe(last.id);
        await page.reload();
        await page.locator(`[data-testid="leaderboard"][data-method="${last.id}"] tbody tr`).first().waitFor();
        await page.close();
        expect(problems).toEqual([]);
      },
      TEST_TIMEOUT
    );

    it(
      "fits a phone's width (390 px) without scrolling the page sideways",
      async () => {
        const {page, problems} = await openPage(site.browser, site.origin, "index.html", {width: 390});
        await page.locator('[data-testid="leaderboard"] tbody tr').first().waitFor();
        await settle(page, problems);
        const {scrollWidth, clientWidth} = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth
        }));
        expect(clientWidth).toBe(390);
        expect(scrollWidth, "the page is wider than the screen").toBeLessThanOrEqual(clientWidth);
        await page.close();
        expect(problems).toEqual([]);
      },
      TEST_TIMEOUT
    );
  });

  describe("the profile", () => {
    it(
      "finds an account as one types its name and shows its Klout-style score",
      async () => {
        const {page, problems} = await openPage(site.browser, site.origin, "profile.html");
        // The world's most influential account by the Klout-style score, found by the first letters of its handle.
        const {account_id, score: expected} = (await scoreMethod(world.db, "klout"))[0]!;
        const handle = handles.get(account_id)!.handle;
        await page.getByTestId("search").fill(handle.slice(0, 5).toLowerCase());
        const result = page.locator('[data-testid="search-results"] button', {hasText: handle}).first();
        await result.waitFor({timeout: PAGE_TIMEOUT});
        await result.click();
        const score = page.getByTestId("score");
        await score.waitFor();
        // The Klout-style display score that native DuckDB computes for the account, rounded as the page shows it.
        expect(shownNumber((await score.textContent())!)).toBe(Math.round(expected));
        expect(new URL(page.url()).searchParams.get("account")).toBe(account_id);
        await settle(page, problems);
        await page.close();
        expect(problems).toEqual([]);
      },
      TEST_TIMEOUT
    );

    it(
      "opened from a URL, shows the account by every method and those who react to it most",
      async () => {
        const {account_id} = (await scoreMethod(world.db, "klout"))[0]!;
        const {page, problems} = await openPage(
          site.browser,
          site.origin,
          `profile.html?account=${encodeURIComponent(account_id)}`
        );
        await page.locator('[data-testid="method-scores"] tbody tr').first().waitFor();
        await page.locator('[data-testid="reacted-by"] tbody tr').first().waitFor();
        await settle(page, problems);
        const rows = await page
          .locator('[data-testid="method-scores"] tbody tr')
          .evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.key));
        expect(rows).toEqual(available);
        // Reactions to the account from others, counted natively.
        const reactors = await world.db.query<{handle: string; n: number}>(
          `SELECT a.handle, count(*) AS n FROM interactions i JOIN accounts a ON a.account_id = i.actor_id
           WHERE i.target_id = ? AND i.actor_id <> i.target_id AND i.kind NOT IN ('follow', 'rating')
           GROUP BY a.handle ORDER BY n DESC, a.handle LIMIT 10`,
          [account_id]
        );
        expect((await tableRows(page, "reacted-by")).map(([handle, , n]) => [handle, Number(n)])).toEqual(
          reactors.map((row) => [row.handle, row.n])
        );
        await page.close();
        expect(problems).toEqual([]);
      },
      TEST_TIMEOUT
    );
  });

  describe("methods side by side", () => {
    it(
      "shows a correlation matrix over every computable method, with native DuckDB's coefficients",
      async () => {
        const {page, problems} = await openPage(site.browser, site.origin, "compare.html");
        const matrix = page.getByTestId("correlation-matrix");
        await matrix.waitFor();
        await settle(page, problems);
        expect((await matrix.getAttribute("data-methods"))!.split(",")).toEqual(available);
        expect(await matrix.locator('g[aria-label="cell"] rect').count()).toBe(available.length ** 2);
        const comparison = compareMethods(await scoreMethods(world.db, available), {k: 10});
        const shown = await tableRows(page, "correlation-matrix-table");
        expect(shown.map((cells) => cells.slice(1))).toEqual(comparison.spearman.map((row) => row.map(format2)));
        await page.close();
        expect(problems).toEqual([]);
      },
      TEST_TIMEOUT
    );

    it(
      "restores the methods, k and coefficient from the URL",
      async () => {
        const {page, problems} = await openPage(
          site.browser,
          site.origin,
          "compare.html?methods=followers,reactions,pagerank&k=3&coefficient=kendall"
        );
        const matrix = page.getByTestId("correlation-matrix");
        await matrix.waitFor();
        await settle(page, problems);
        expect(await matrix.getAttribute("data-methods")).toBe("followers,reactions,pagerank");
        expect(await page.locator("h2", {hasText: "Top-3 overlap"}).count()).toBe(1);
        const comparison = compareMethods(await scoreMethods(world.db, ["followers", "reactions", "pagerank"]), {k: 3});
        expect((await tableRows(page, "correlation-matrix-table")).map((cells) => cells.slice(1))).toEqual(
          comparison.kendall.map((row) => row.map(format2))
        );
        await page.close();
        expect(problems).toEqual([]);
      },
      TEST_TIMEOUT
    );
  });

  describe("the weights playground", () => {
    it(
      "re-ranks the leaderboard when a weight slider moves",
      async () => {
        const {page, problems} = await openPage(site.browser, site.origin, "weights.html");
        await page.locator('[data-testid="leaderboard"] tbody tr').first().waitFor();
        await settle(page, problems);
        const ranksShown = () =>
          page
            .locator('[data-testid="leaderboard"] tbody tr')
            .evaluateAll((trs) => trs.map((tr) => [(tr as HTMLElement).dataset.key!, tr.children[1]!.textContent!]));
        const before = await ranksShown();
        // Four times the default weight of followers (0.25): accounts with many reported followers and little
        // engagement (bought followers, follow rings) climb. Every account shown must have the rank that native
        // scoring with the same weights gives it.
        await page.locator('[data-testid="weight-followers"] input[type="range"]').fill("1");
        await expect.poll(ranksShown, {timeout: PAGE_TIMEOUT}).not.toEqual(before);
        const after = await ranksShown();
        const expected = new Map(
          (await scoreMethod(world.db, "klout", {weights: {followers: 1}})).map((row) => [row.account_id, row.rank])
        );
        expect(after.length).toBe(Math.min(50, expected.size));
        expect(after.map(([key, rank]) => [key, shownNumber(rank)])).toEqual(
          after.map(([key]) => [key, expected.get(key)])
        );
        await page.close();
        expect(problems).toEqual([]);
      },
      TEST_TIMEOUT
    );
  });

  describe("the method cards", () => {
    it(
      "each card shows its method's defaults and the header comment of its file, as text",
      async () => {
        for (const method of METHODS.filter((m) => ["klout", "pagerank", "followers"].includes(m.id))) {
          const {page, problems} = await openPage(site.browser, site.origin, `methods/${method.id}.html`);
          const card = page.getByTestId("method-card");
          await card.waitFor();
          await settle(page, problems);
          const file = join(ROOT, "scoring", "methods", `${method.id}.ts`);
          const firstLine = readFileSync(file, "utf8")
            .split("\n")[1]!
            .replace(/^\s*\* /, "");
          expect(await card.innerText()).toContain(firstLine.slice(0, 40));
          const facts = await tableRows(page, "method-facts");
          expect(facts).toContainEqual(["id", method.id]);
          for (const [key, weight] of Object.entries(method.weights ?? {}))
            expect(facts).toContainEqual([`weight: ${key}`, String(weight)]);
          await page.close();
          expect(problems, method.id).toEqual([]);
        }
      },
      TEST_TIMEOUT
    );
  });
});

/**
 * A coefficient as the page writes it: "n/a" when undefined, else two decimals as d3-format writes them, with a
 * minus sign (U+2212) and no sign on a value that rounds to zero.
 */
function format2(value: number): string {
  if (Number.isNaN(value)) return "n/a";
  const text = value.toFixed(2);
  return text === "-0.00" ? "0.00" : text.replace("-", "\u2212");
}

/**
 * Checks a number as the page writes it ("1,250,000", "0.1326") against the computed one: integers exactly, other
 * numbers to the four significant digits the page shows.
 */
function expectShown(text: string, expected: number, what: string): void {
  const shown = shownNumber(text);
  if (Number.isInteger(expected)) expect(shown, what).toBe(expected);
  else
    expect(Math.abs(shown - expected), `${what}: ${text} vs ${expected}`).toBeLessThanOrEqual(
      5e-4 * Math.abs(expected)
    );
}
