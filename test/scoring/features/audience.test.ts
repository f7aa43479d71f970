/**
 * PeerIndex's engaged audience: each reactor's worth from its rate of actions per active day, capped by the 99th
 * percentile of the rates and cut for silent reactors, on a hand-worked case; and the worths and audiences against a
 * query that computes them in SQL (`quantile_disc`, groups by actor-day), on a random world with posts.
 */
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {NodeDb} from "../../../loaders/node-db.js";
import {accountList} from "../../../scoring/features/accounts.js";
import {indexedRelations} from "../../../scoring/features/indexed.js";
import {REACTION_KIND_LIST} from "../../../scoring/features/activity.js";
import {audience, reactorWorths, silentActorsSql} from "../../../scoring/features/peerindex.js";
import {byActor, windowActions} from "../../../scoring/features/reaction-pairs.js";
import {windowParams} from "../../../scoring/features/window.js";
import {memoryWorld, randomInteractions} from "../../helpers/world.js";

const T0 = Date.UTC(2026, 2, 1);
const DAY_MS = 86_400_000;

// Each reactor's worth in SQL, as a second implementation: rates by actor-day, the threshold by quantile_disc.
const WORTHS_SQL = `
WITH active_days AS (
  SELECT actor_id, min(network) AS network, count(*) AS actions FROM interactions
  WHERE ts >= ? AND ts < ? GROUP BY actor_id, CAST(ts AS DATE)
),
rates AS (
  SELECT actor_id, min(network) AS network, sum(actions)::DOUBLE / count(*) AS per_day FROM active_days
  GROUP BY actor_id
),
threshold AS (SELECT quantile_disc(per_day, 0.99) AS per_day FROM rates),
posting AS (SELECT DISTINCT account_id FROM posts WHERE created_at >= ? AND created_at < ?)
SELECT r.actor_id, least(1::DOUBLE, t.per_day / r.per_day)
  * CASE WHEN p.account_id IS NULL AND r.network IN (SELECT network FROM posts) THEN ?::DOUBLE ELSE 1 END AS weight
FROM rates r CROSS JOIN threshold t LEFT JOIN posting p ON p.account_id = r.actor_id
ORDER BY r.actor_id`;

// Who reacted to which account, each pair once.
const PAIRS_SQL = `
SELECT DISTINCT i.actor_id, i.target_id FROM interactions i JOIN accounts a ON a.account_id = i.target_id
WHERE i.kind IN (${REACTION_KIND_LIST}) AND i.actor_id <> i.target_id AND i.ts >= ? AND i.ts < ?`;

describe("reactorWorths(byActor(actions), silent, silentWeight)", () => {
  it("caps each rate at the 99th percentile of the rates and cuts the silent", () => {
    // 200 actors: 0…197 act once (rate 1); 198 acts 4 times over 2 days (rate 2); 199 acts 10 times on one day
    // (rate 10). ⌈0.99 · 200⌉ = 198: the 198th smallest rate is 1, so 198 is worth 1/2 and 199 1/10. 5 and 199 are
    // silent (weight 0.25).
    const actor: number[] = [];
    const day: number[] = [];
    const act = (who: number, times: number, on: (k: number) => number) => {
      for (let k = 0; k < times; k++) {
        actor.push(who);
        day.push(on(k));
      }
    };
    for (let who = 0; who < 198; who++) act(who, 1, () => 3);
    act(198, 4, (k) => 3 + (k % 2));
    act(199, 10, () => 5);
    // Ratings (kind −1) to nobody in particular: actions, no reactions.
    const none = actor.map(() => -1);
    const {actor: actors, weight} = reactorWorths(byActor({actor, target: none, kind: none, day}), [199, 5], 0.25);
    expect(Array.from(actors)).toEqual(Array.from({length: 200}, (_, i) => i));
    const expected = Array.from({length: 200}, (_, i): number => (i === 5 ? 0.25 : 1));
    expected[198] = 0.5;
    expected[199] = 0.1 * 0.25;
    expect(Array.from(weight)).toEqual(expected);
  });
});

describe("audience(db, window, {silentWeight})", () => {
  let db: NodeDb;
  beforeAll(async () => {
    const world = randomInteractions({seed: 31, accounts: 150, strangers: 5, interactions: 3000, start: T0, days: 10});
    // Accounts with an even number post once a day, on days 0 to 4.
    const posts = world.accounts!.flatMap(({account_id}, i) =>
      i % 2 === 0
        ? Array.from({length: 5}, (_, d) => ({
            post_id: `${account_id}/${d}`,
            account_id,
            network: "t",
            created_at: new Date(T0 + d * DAY_MS + 3_600_000),
            kind: "post" as const
          }))
        : []
    );
    db = await memoryWorld({...world, posts});
  });
  afterAll(() => db?.close());

  for (const [name, from, to] of [
    ["all time", T0, T0 + 10 * DAY_MS],
    ["days 3 to 7", T0 + 3 * DAY_MS, T0 + 7 * DAY_MS]
  ] as const) {
    it(`gives the worths and audiences of the query in SQL, over ${name}`, async () => {
      const bounds = [new Date(from).toISOString(), new Date(to).toISOString()];
      const rows = await db.query<{actor_id: string; weight: number}>(WORTHS_SQL, [...bounds, ...bounds, 0.5]);
      const {from: f, to: t} = from === T0 ? {from: null, to: null} : {from, to};
      const window = {from: f, to: t};
      const relations = await indexedRelations(db);
      const params = [...windowParams(window), ...windowParams(window)];
      const silent = await db.queryColumns<{actor: number}>(silentActorsSql(relations), params);
      const worths = reactorWorths(byActor(await windowActions(db, window)), silent.actor, 0.5);
      const codes = await db.query<{account_id: string; account: number}>(`SELECT * FROM ${relations.codes}`);
      const idOf = new Map(codes.map((row) => [row.account, row.account_id]));
      const computed = Array.from(worths.actor, (actor, i) => [idOf.get(actor), worths.weight[i]] as const);
      expect(computed.sort(([a], [b]) => (a! < b! ? -1 : 1))).toEqual(rows.map((row) => [row.actor_id, row.weight]));
      // Both the cap and the cut of the silent are met.
      expect(rows.some((row) => row.weight !== 1 && row.weight !== 0.5)).toBe(true);
      expect(rows.some((row) => row.weight === 0.5)).toBe(true);

      // The audiences: each account's distinct reactors from the interactions, their SQL worths added in reactor
      // code order (strangers by id, then accounts by index), as audienceSums promises.
      const {accountIds} = await accountList(db);
      const worthOf = new Map(rows.map((row) => [row.actor_id, row.weight]));
      const codeOf = new Map(codes.map((row) => [row.account_id, row.account]));
      const reacted = await db.query<{actor_id: string; target_id: string}>(PAIRS_SQL, bounds);
      const expected = accountIds.map((id) =>
        reacted
          .filter((pair) => pair.target_id === id)
          .map((pair) => codeOf.get(pair.actor_id)!)
          .sort((a, b) => a - b)
          .reduce((sum, code) => sum + worthOf.get(idOf.get(code)!)!, 0)
      );
      expect(expected.some((value) => value > 0)).toBe(true);
      expect(Array.from(await audience(db, window, {silentWeight: 0.5}))).toEqual(expected);
    });
  }
});
