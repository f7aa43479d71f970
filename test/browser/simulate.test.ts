/**
 * The simulation lab in the built site: a small world generated, loaded and judged in the page's Web Worker with
 * progress shown, and the truth table equal to what native DuckDB and the same `scoring/` module compute for the
 * same recipe. Needs `npm run build` first.
 */
import {beforeAll, describe, expect, it} from "vitest";
import {openNodeDb} from "../../loaders/node-db.js";
import {evaluateTruth, type TruthEvaluation} from "../../scoring/evaluate/truth.js";
import {METHODS} from "../../scoring/methods/index.js";
import {loadWorld} from "../../simulation/node-writer.js";
import {resolveRecipe} from "../../simulation/recipe.js";
import {generateWorld} from "../../simulation/world.js";
import {HOOK_TIMEOUT, TEST_TIMEOUT, openPage, settle, useBuiltSite} from "./harness.js";

const SMALL = {seed: 5, accounts: 300, days: 14, scenarios: ["spammers", "follow-rings", "bought-followers"] as const};
const RUNS = 5;
const K = 20;
/** Every method but one, so the methods control and the URL are exercised along with the whole registry. */
const LEFT_OUT = "lampos";
const SMALL_METHODS = METHODS.map((m) => m.id).filter((id) => id !== LEFT_OUT);
const SMALL_PATH = `simulate.html?seed=${SMALL.seed}&accounts=${SMALL.accounts}&days=${SMALL.days}&scenarios=${SMALL.scenarios.join(",")}&runs=${RUNS}&k=${K}&methods=${SMALL_METHODS.join(",")}`;

describe("the simulation lab", () => {
  const site = useBuiltSite();
  let expected: TruthEvaluation;

  beforeAll(async () => {
    // The reference: the same recipe, generated and judged on native DuckDB.
    const db = await openNodeDb();
    await loadWorld(db, generateWorld(resolveRecipe({...SMALL, scenarios: [...SMALL.scenarios]})));
    expected = await evaluateTruth(db, {runs: RUNS, k: K, methods: SMALL_METHODS});
    db.close();
  }, HOOK_TIMEOUT);

  it(
    "runs a small world from its URL with progress shown, and shows the truth native DuckDB computes",
    async () => {
      const {page, problems} = await openPage(site.browser, site.origin, SMALL_PATH);
      await settle(page, problems);
      expect(await page.locator('input[type="range"]').first().inputValue()).toBe(String(SMALL.accounts));
      const methodBox = (id: string) =>
        page.getByRole("checkbox", {name: METHODS.find((m) => m.id === id)!.name, exact: true});
      expect(await methodBox(LEFT_OUT).isChecked()).toBe(false);
      expect(await methodBox("klout").isChecked()).toBe(true);
      // Every stage text shown next to the progress bar, and every value it takes.
      await page.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as {seen: string[]}).seen = seen;
        const status = document.querySelector('[data-testid="simulate-stage"]')!;
        const bar = document.querySelector<HTMLProgressElement>('[data-testid="simulate-progress"]')!;
        new MutationObserver(() => seen.push(`${bar.value} ${status.textContent}`)).observe(status, {
          childList: true,
          characterData: true,
          subtree: true
        });
      });
      await page.getByTestId("simulate-run").click();
      await page.locator('[data-testid="simulate-truth"] tbody tr').first().waitFor({timeout: TEST_TIMEOUT});
      const seen = await page.evaluate(() => (window as unknown as {seen: string[]}).seen);
      for (const stage of ["Generating the world", "Loading the world into DuckDB", "Scoring the methods"])
        expect(
          seen.some((line) => line.includes(stage)),
          `${stage} in ${seen.join(" | ")}`
        ).toBe(true);
      const fractions = seen.map((line) => Number(line.split(" ")[0]));
      expect(fractions.every((f, i) => i === 0 || f >= fractions[i - 1]!)).toBe(true);
      expect(fractions.some((f) => f > 0 && f < 1)).toBe(true);
      expect(
        await page.locator('[data-testid="simulate-progress"]').evaluate((bar) => (bar as HTMLProgressElement).value)
      ).toBe(1);

      const shown = await page.locator('[data-testid="simulate-truth"] tbody tr').evaluateAll((trs) =>
        trs.map((tr) => ({
          method: (tr as HTMLElement).dataset.key!,
          values: Object.fromEntries(
            Array.from(tr.querySelectorAll("td"), (td) => [td.dataset.field!, Number(td.dataset.value)])
          ) as Record<string, number>
        }))
      );
      expect(shown.map((row) => row.method).sort()).toEqual(expected.methods.map((m) => m.method).sort());
      for (const m of expected.methods) {
        const {values} = shown.find((r) => r.method === m.method)!;
        for (const field of ["spearman", "kendall", "spreadSpearman", "precisionAtK"] as const) {
          if (Number.isNaN(m[field])) expect(values[field], `${m.method} ${field}`).toBeNaN();
          else expect(values[field], `${m.method} ${field}`).toBeCloseTo(m[field], 9);
        }
      }
      // Charts: a bar per method with a defined correlation, a cell per (method, role).
      await page.locator("figure svg, svg").first().waitFor();
      const roles = Object.keys(expected.methods[0]!.inflation).length;
      expect(roles).toBeGreaterThan(0);
      expect(await page.locator("svg rect").count()).toBeGreaterThanOrEqual(expected.methods.length * (1 + roles));
      await page.close();
      expect(problems).toEqual([]);
    },
    TEST_TIMEOUT
  );

  it(
    "runs again in the same page on the engine the first run kept, with the same summary and table for the same seed",
    async () => {
      const {page, problems} = await openPage(
        site.browser,
        site.origin,
        `simulate.html?seed=${SMALL.seed}&accounts=${SMALL.accounts}&days=${SMALL.days}&runs=${RUNS}&k=${K}&methods=klout,followers`
      );
      await settle(page, problems);
      const run = async () => {
        await page.getByTestId("simulate-run").click();
        await page.waitForFunction(
          () => document.querySelector('[data-testid="simulate-stage"]')?.textContent?.startsWith("Done"),
          undefined,
          {timeout: TEST_TIMEOUT}
        );
        const summary = page.getByTestId("simulate-summary");
        const text = (await summary.textContent())!;
        const data = await summary.evaluate((p) => ({...(p as HTMLElement).dataset}));
        const table = await page.locator('[data-testid="simulate-truth"] tbody').innerHTML();
        return {world: text.slice(0, text.indexOf("Generated in")), data, table};
      };
      const first = await run();
      const second = await run();
      expect(first.world).toMatch(/^\s*Seed 5: 300 accounts over 14 days/);
      expect(second.world).toBe(first.world);
      expect(second.table).toBe(first.table);
      for (const {data} of [first, second]) {
        for (const stage of ["generate", "engine", "load", "judge"]) {
          expect(Number(data[`${stage}Ms`]), stage).toBeGreaterThanOrEqual(0);
        }
      }
      await page.close();
      expect(problems).toEqual([]);
    },
    TEST_TIMEOUT
  );

  it(
    "cancels a run, keeping the page usable",
    async () => {
      const {page, problems} = await openPage(site.browser, site.origin, "simulate.html?accounts=20000");
      await settle(page, problems);
      await page.getByTestId("simulate-run").click();
      await page.waitForFunction(() =>
        document.querySelector('[data-testid="simulate-stage"]')?.textContent?.startsWith("Generating")
      );
      await page.getByTestId("simulate-cancel").click();
      await page.getByText("The simulation was cancelled.").waitFor();
      expect(await page.getByTestId("simulate-stage").textContent()).toBe("Cancelled.");
      expect(await page.getByTestId("simulate-run").isEnabled()).toBe(true);
      expect(await page.getByTestId("simulate-cancel").isDisabled()).toBe(true);
      await page.close();
      expect(problems).toEqual([]);
    },
    TEST_TIMEOUT
  );
});
