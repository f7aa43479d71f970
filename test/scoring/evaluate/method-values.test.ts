/**
 * `methodValues` gives a method's value of each account asked for, in the order asked, whether or not that is the
 * order the method lists its accounts in.
 */
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {NodeDb} from "../../../loaders/node-db.js";
import {methodValues} from "../../../scoring/evaluate/method-values.js";
import {memoryWorld} from "../../helpers/world.js";

// Reported followers: the `followers` method's value of each account.
const account = (id: string, followers: number) => ({account_id: id, network: "t", handle: id, followers});
let db: NodeDb;
beforeAll(
  async () => void (db = await memoryWorld({accounts: [account("t:c", 30), account("t:a", 10), account("t:b", 20)]}))
);
afterAll(() => db?.close());

describe("methodValues(db, method, ids)", () => {
  it("gives the values in the order of the accounts listed, by id or not", async () => {
    expect(Array.from(await methodValues(db, "followers", ["t:a", "t:b", "t:c"], {}, "test"))).toEqual([10, 20, 30]);
    expect(Array.from(await methodValues(db, "followers", ["t:c", "t:a", "t:b"], {}, "test"))).toEqual([30, 10, 20]);
    expect(Array.from(await methodValues(db, "followers", ["t:b"], {}, "test"))).toEqual([20]);
  });

  it("names the account the method gave no value for", async () => {
    await expect(methodValues(db, "followers", ["t:a", "t:x", "t:c"], {}, "test")).rejects.toThrow(
      "test: followers gave no value for t:x"
    );
  });
});
