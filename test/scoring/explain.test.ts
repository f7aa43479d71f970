/**
 * Explanations: contributions worked out by hand for the Klout- and Kred-style scores, and on random worlds
 * (fast-check, fixed seed) the promise that every decomposed method's contributions add up to its value.
 */
import fc from "fast-check";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {NodeDb} from "../../loaders/node-db.js";
import type {Interaction} from "../../loaders/schema.js";
import {explainMethod, explanationTerms, type ExplainedRow} from "../../scoring/explain/explain.js";
import {METHODS} from "../../scoring/methods/index.js";
import {scoreMethod} from "../../scoring/score.js";
import {memoryWorld, refillWorld, type WorldRows} from "../helpers/world.js";

const T0 = Date.UTC(2026, 2, 1);
const hour = (h: number) => new Date(T0 + h * 3_600_000);
const account = (id: string, extra: object = {}) => ({
  account_id: id,
  network: id.split(":")[0]!,
  handle: id,
  ...extra
});
const act = (actor: string, target: string, h: number, kind: Interaction["kind"] = "repost"): Interaction => ({
  ts: hour(h),
  network: actor.split(":")[0]!,
  actor_id: actor,
  target_id: target,
  kind
});

let db: NodeDb;
beforeAll(async () => void (db = await memoryWorld({})));
afterAll(() => db?.close());

const DECOMPOSED = METHODS.filter((method) => method.decomposition).map((method) => method.id);

function byAccount(rows: readonly ExplainedRow[]): Map<string, ExplainedRow> {
  return new Map(rows.map((row) => [row.account_id, row]));
}

describe("explainMethod(db, 'klout')", () => {
  it("splits the 3-norm into network shares s_n^p / Σ s^p · C and each share into its feature terms", async () => {
    // One person p on t and m. t:a: reposts from t:b and t:c, one action each that day (selective 1 + 1 = 2),
    // 2 distinct reactors, 9 reported followers. m:a: one repost from m:b (selective 1, 1 reactor).
    // No posts, so no amplification; reactor influence weighted 0 to keep PageRank out of the arithmetic.
    await refillWorld(db, {
      accounts: [
        account("t:a", {person_id: "p", followers: 9}),
        account("m:a", {person_id: "p"}),
        account("t:b"),
        account("t:c"),
        account("m:b")
      ],
      interactions: [act("t:b", "t:a", 1), act("t:c", "t:a", 2), act("m:b", "m:a", 3)]
    });
    const rows = byAccount(await explainMethod(db, "klout", {weights: {network: 0}}));
    // s_t = ln 3 + ln 3 + 0.25 · ln 10; s_m = ln 2 + ln 2; C = (s_t³ + s_m³)^(1/3).
    const st = 2 * Math.log(3) + 0.25 * Math.log(10);
    const sm = 2 * Math.log(2);
    const sumCubes = st ** 3 + sm ** 3;
    const combined = Math.cbrt(sumCubes);
    const row = rows.get("t:a")!;
    expect(row.value).toBeCloseTo(combined, 12);
    const [m, t] = row.networks; // in account order: m:a before t:a
    expect(t!.network).toBe("t");
    expect(t!.contribution).toBeCloseTo((st ** 3 / sumCubes) * combined, 12);
    expect(m!.contribution).toBeCloseTo((sm ** 3 / sumCubes) * combined, 12);
    // Feature f of t: w_f · ln(1 + x_f) · s_t² / Σ s³ · C.
    const perUnit = (st ** 2 / sumCubes) * combined;
    expect(t!.features.selective_reactions).toEqual({
      input: 2,
      contribution: expect.closeTo(Math.log(3) * perUnit, 12)
    });
    expect(t!.features.followers).toEqual({input: 9, contribution: expect.closeTo(0.25 * Math.log(10) * perUnit, 12)});
    expect(t!.features.network!.contribution).toBe(0);
    // Both of the person's accounts carry the same value and the same explanation.
    expect(rows.get("m:a")!.networks).toEqual(row.networks);
  });
});

describe("explainMethod(db, 'kred')", () => {
  it("gives the floor 1 and each kind its share of the points above it", async () => {
    // t:a: a repost (10) and a reply (10) from t:b, a mention from t:big (20,000 followers: 10 · 5 = 50): P = 70,
    // the network's top, so 1000. t:b: one mention from t:a, P = 10: 1 + 999 · (ln 11 / ln 71)^0.5.
    await refillWorld(db, {
      accounts: [account("t:a"), account("t:b"), account("t:big", {followers: 20_000})],
      interactions: [
        act("t:b", "t:a", 1),
        act("t:b", "t:a", 2, "reply"),
        act("t:big", "t:a", 3, "mention"),
        act("t:a", "t:b", 4, "mention")
      ]
    });
    const rows = byAccount(await explainMethod(db, "kred"));
    const a = rows.get("t:a")!.networks[0]!.features;
    expect(rows.get("t:a")!.value).toBeCloseTo(1000, 9);
    expect(a.floor).toEqual({input: 1, contribution: 1});
    expect(a.repost!.contribution).toBeCloseTo((999 * 10) / 70, 9);
    expect(a.reply!.contribution).toBeCloseTo((999 * 10) / 70, 9);
    // The big actor's mention counts as 5 actions.
    expect(a.mention).toEqual({input: 5, contribution: expect.closeTo((999 * 50) / 70, 9)});
    const b = rows.get("t:b")!;
    expect(b.value).toBeCloseTo(1 + 999 * Math.sqrt(Math.log(11) / Math.log(71)), 9);
    expect(b.networks[0]!.features.mention!.contribution).toBeCloseTo(999 * Math.sqrt(Math.log(11) / Math.log(71)), 9);
  });
});

describe("explainMethod(db, method without a decomposition)", () => {
  it("explains the value as one term on the account's own network", async () => {
    await refillWorld(db, {accounts: [account("t:a"), account("t:b")], interactions: [act("t:b", "t:a", 1)]});
    const rows = byAccount(await explainMethod(db, "reactions"));
    expect(rows.get("t:a")!.networks).toEqual([
      {network: "t", account_id: "t:a", contribution: 1, features: {value: {input: 1, contribution: 1}}}
    ]);
  });
});

describe("explanationTerms(rows)", () => {
  it("writes one long row per account, method, network and feature", () => {
    const terms = explanationTerms([
      {
        account_id: "t:a",
        method: "m",
        value: 3,
        score: 3,
        rank: 1,
        networks: [
          {network: "t", account_id: "t:a", contribution: 2, features: {x: {input: 5, contribution: 2}}},
          {network: "u", account_id: "u:a", contribution: 1, features: {x: {input: 1, contribution: 1}}}
        ]
      }
    ]);
    expect(terms).toEqual([
      {
        account_id: "t:a",
        method: "m",
        value: 3,
        score: 3,
        rank: 1,
        network: "t",
        network_account_id: "t:a",
        feature: "x",
        input: 5,
        contribution: 2
      },
      {
        account_id: "t:a",
        method: "m",
        value: 3,
        score: 3,
        rank: 1,
        network: "u",
        network_account_id: "u:a",
        feature: "x",
        input: 1,
        contribution: 1
      }
    ]);
  });
});

// Random worlds: 4 accounts on t, 3 on m, some linked to one person; reactions and posts within one week.
const ACCOUNTS = ["t:0", "t:1", "t:2", "t:3", "m:0", "m:1", "m:2"];
const arbitraryWorld = fc
  .record({
    reactions: fc.array(
      fc.record({
        network: fc.constantFrom("t", "m"),
        actor: fc.nat(3),
        target: fc.nat(3),
        hour: fc.nat(24 * 7),
        kind: fc.constantFrom<Interaction["kind"]>("repost", "reply", "mention", "like", "quote", "follow")
      }),
      {maxLength: 30}
    ),
    posts: fc.array(fc.record({author: fc.nat(6), hour: fc.nat(24 * 7)}), {maxLength: 8}),
    followers: fc.array(fc.option(fc.nat(30_000), {nil: undefined}), {minLength: 7, maxLength: 7}),
    linked: fc.boolean()
  })
  .map(({reactions, posts, followers, linked}): WorldRows => ({
    accounts: ACCOUNTS.map((id, i) =>
      account(id, {
        ...(followers[i] === undefined ? {} : {followers: followers[i]}),
        ...(linked && (id === "t:0" || id === "m:0") ? {person_id: "p"} : {})
      })
    ),
    interactions: reactions.map(({network, actor, target, hour: h, kind}) => {
      const size = network === "t" ? 4 : 3;
      return act(`${network}:${actor % size}`, `${network}:${target % size}`, h, kind);
    }),
    posts: posts.map(({author, hour: h}, i) => ({
      post_id: `${ACCOUNTS[author]}:p${i}`,
      account_id: ACCOUNTS[author]!,
      network: ACCOUNTS[author]!.split(":")[0]!,
      created_at: hour(h),
      kind: "post" as const
    }))
  }));

describe("contributions on random worlds", () => {
  it("add up to the value, and the explained value is the scored value, for every decomposed method", async () => {
    expect(DECOMPOSED).toEqual(
      expect.arrayContaining(["klout", "kred", "kred-global", "kred-outreach", "twitalyzer-impact"])
    );
    await fc.assert(
      fc.asyncProperty(arbitraryWorld, async (world) => {
        await refillWorld(db, world);
        for (const id of DECOMPOSED) {
          const explained = await explainMethod(db, id);
          const scored = new Map((await scoreMethod(db, id)).map((row) => [row.account_id, row.value]));
          for (const row of explained) {
            const total = row.networks.reduce(
              (sum, part) => sum + Object.values(part.features).reduce((s, term) => s + term.contribution, 0),
              0
            );
            expect(total).toBeCloseTo(row.value, 9);
            expect(row.value).toBeCloseTo(scored.get(row.account_id)!, 12);
          }
        }
      }),
      {seed: 20261125, numRuns: 12}
    );
  }, 240_000);
});
