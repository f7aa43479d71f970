/**
 * `receivedCounts`, summed from the reaction pairs, against the `*_received` columns of
 * `activityFeatures`, a separate query with one row per account, on a random world (fixed seed).
 */
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {NodeDb} from "../../../loaders/node-db.js";
import {activityFeatures, type ReceivedCount} from "../../../scoring/features/activity.js";
import {receivedCounts} from "../../../scoring/methods/reactions.js";
import {memoryWorld, randomInteractions} from "../../helpers/world.js";

const DAY_MS = 86_400_000;
const T0 = Date.UTC(2026, 2, 1);

// Actors and targets include two ids with no account; every kind, self-reactions included.
let db: NodeDb;
beforeAll(
  async () =>
    void (db = await memoryWorld(
      randomInteractions({seed: 11, accounts: 12, strangers: 2, interactions: 400, start: T0, days: 10})
    ))
);
afterAll(() => db?.close());

describe("receivedCounts(db, window)", () => {
  for (const [name, window] of [
    ["all time", {}],
    ["a window of days 3 to 7", {from: T0 + 2 * DAY_MS, to: T0 + 7 * DAY_MS}]
  ] as const) {
    it(`gives the received counts of activityFeatures over ${name}`, async () => {
      const rows = await activityFeatures(db, window);
      const {accounts, counts} = await receivedCounts(db, window);
      expect(accounts.accountIds).toEqual(rows.map((row) => row.account_id));
      expect(counts.reactions_received.some((count) => count > 0)).toBe(true);
      for (const [column, values] of Object.entries(counts)) {
        expect(Array.from(values), column).toEqual(rows.map((row) => row[column as ReceivedCount]));
      }
    });
  }
});
