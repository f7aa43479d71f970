/**
 * The Klout feature query's person index: accounts of one person (by `accounts.person_id`, else `identities`,
 * else the account itself) share an index, and persons are numbered in order of their first account, as
 * `personIndex` numbers the person keys of the accounts in id order.
 */
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {NodeDb} from "../../../loaders/node-db.js";
import {kloutFeatures} from "../../../scoring/features/klout.js";
import {personIndex} from "../../../scoring/methods/method.js";
import {memoryWorld} from "../../helpers/world.js";

const account = (id: string, extra: object = {}) => ({
  account_id: id,
  network: id.split(":")[0]!,
  handle: id,
  ...extra
});

let db: NodeDb;
beforeAll(
  async () =>
    void (db = await memoryWorld({
      accounts: [
        account("t:d", {person_id: "p2"}),
        account("m:a", {person_id: "p2"}),
        account("t:b"),
        account("m:c"),
        account("t:a"),
        account("m:e", {person_id: "p1"})
      ],
      identities: [
        {person_id: "p1", account_id: "t:b"},
        {person_id: "p3", account_id: "t:a"},
        {person_id: "p9", account_id: "t:d"}
      ]
    }))
);
afterAll(() => db?.close());

describe("kloutFeatures(db)", () => {
  it("numbers persons in order of their first account, one index per person", async () => {
    const {accounts, features} = await kloutFeatures(db);
    expect(accounts.accountIds).toEqual(["m:a", "m:c", "m:e", "t:a", "t:b", "t:d"]);
    expect(accounts.networks).toEqual(["m", "m", "m", "t", "t", "t"]);
    // Person keys by hand: the reported person, else the linked identity, else the account.
    const keys = ["p2", "m:c", "p1", "p3", "p1", "p2"];
    expect(Int32Array.from(features.person)).toEqual(personIndex(keys).persons);
  });
});
