/**
 * Twitalyzer's reference features, counted from the reaction pairs, against a query that groups the interactions
 * into (target, actor) pairs in SQL, on a random world (fixed seed) whose actors and targets include ids that are
 * not accounts.
 */
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {NodeDb} from "../../../loaders/node-db.js";
import {REFERENCE_FEATURE_COLUMNS, referenceFeatures} from "../../../scoring/features/twitalyzer.js";
import {memoryWorld, randomInteractions} from "../../helpers/world.js";

const DAY_MS = 86_400_000;
const T0 = Date.UTC(2026, 2, 1);

// Per account id, its reference counts over the interactions in [from, to); pairs of distinct people first.
const REFERENCES_SQL = `
WITH pairs AS (
  SELECT target_id, actor_id,
    count(*) FILTER (WHERE kind IN ('mention', 'reply')) AS mentions_replies,
    bool_or(kind = 'quote') AS quoted,
    bool_or(kind = 'repost') AS reposted
  FROM interactions
  WHERE kind IN ('mention', 'reply', 'quote', 'repost') AND actor_id <> target_id AND ts >= ? AND ts < ?
  GROUP BY target_id, actor_id
),
received AS (
  SELECT target_id AS account_id, sum(mentions_replies) AS references_received,
    count(*) FILTER (WHERE mentions_replies > 0) AS referencers,
    count(*) FILTER (WHERE mentions_replies > 0 OR quoted) AS citers,
    count(*) FILTER (WHERE reposted) AS retweeters
  FROM pairs GROUP BY target_id
),
made AS (
  SELECT actor_id AS account_id, count(*) FILTER (WHERE mentions_replies > 0) AS referenced,
    count(*) FILTER (WHERE reposted) AS retweeted
  FROM pairs GROUP BY actor_id
)
SELECT a.account_id,
  coalesce(r.references_received, 0)::DOUBLE AS references_received, coalesce(r.referencers, 0)::DOUBLE AS referencers,
  coalesce(m.referenced, 0)::DOUBLE AS referenced, coalesce(r.citers, 0)::DOUBLE AS citers,
  coalesce(r.retweeters, 0)::DOUBLE AS retweeters, coalesce(m.retweeted, 0)::DOUBLE AS retweeted
FROM accounts a LEFT JOIN received r USING (account_id) LEFT JOIN made m USING (account_id)
ORDER BY a.account_id`;

let db: NodeDb;
beforeAll(
  async () =>
    void (db = await memoryWorld(
      randomInteractions({seed: 23, accounts: 12, strangers: 3, interactions: 500, start: T0, days: 10})
    ))
);
afterAll(() => db?.close());

describe("referenceFeatures(db, window)", () => {
  for (const [name, from, to] of [
    ["all time", T0, T0 + 10 * DAY_MS],
    ["days 3 to 7", T0 + 2 * DAY_MS, T0 + 7 * DAY_MS]
  ] as const) {
    it(`counts as the pairs grouped in SQL do, over ${name}`, async () => {
      const expected = await db.query<Record<string, string | number>>(REFERENCES_SQL, [
        new Date(from).toISOString(),
        new Date(to).toISOString()
      ]);
      const window = from === T0 ? {} : {from, to};
      const {accounts, columns} = await referenceFeatures(db, window);
      expect(accounts.accountIds).toEqual(expected.map((row) => row.account_id));
      const counted = REFERENCE_FEATURE_COLUMNS.filter(
        (column) => column !== "followers" && column !== "network_references"
      );
      for (const column of counted) {
        expect(Array.from(columns[column]), column).toEqual(expected.map((row) => row[column]));
      }
      expect(columns.referenced.some((count) => count > 0) && columns.citers.some((count) => count > 0)).toBe(true);
    });
  }
});
