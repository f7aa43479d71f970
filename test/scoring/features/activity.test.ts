/**
 * `receivedCounts`, summed from the reaction pairs, against the `*_received` columns of
 * `activityFeatures`, a separate query with one row per account, on a random world (fixed seed).
 */
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {NodeDb} from "../../../loaders/node-db.js";
import {INTERACTION_KINDS} from "../../../loaders/schema.js";
import {activityFeatures, type ReceivedCount} from "../../../scoring/features/activity.js";
import {receivedCounts} from "../../../scoring/methods/reactions.js";
import {mulberry32} from "../../../scoring/random.js";
import {memoryWorld} from "../../helpers/world.js";

const DAY_MS = 86_400_000;
const T0 = Date.UTC(2026, 2, 1);

let db: NodeDb;
beforeAll(async () => {
  const random = mulberry32(11);
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)]!;
  const ids = Array.from({length: 12}, (_, i) => `t:${i}`);
  // Actors and targets include two ids with no account; every kind, self-reactions included.
  const everyone = [...ids, "t:out1", "t:out2"];
  db = await memoryWorld({
    accounts: ids.map((id) => ({account_id: id, network: "t", handle: id})),
    interactions: Array.from({length: 400}, () => ({
      ts: new Date(T0 + Math.floor(random() * 10 * DAY_MS)),
      network: "t",
      actor_id: pick(everyone),
      target_id: pick(everyone),
      kind: pick(INTERACTION_KINDS)
    }))
  });
});
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
