/**
 * Daily counts gathered against the account list: rows may name their account by index (`ACCOUNT_INDEX_SQL`)
 * or by id, with the same result; the index numbering is the order of `accountList`, ids that sort differently
 * by byte and by case included.
 */
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {NodeDb} from "../../../loaders/node-db.js";
import {ACCOUNT_INDEX_SQL, accountList} from "../../../scoring/features/accounts.js";
import {DAY_MS, dailyCounts, utcDay} from "../../../scoring/features/daily.js";
import {ownPersons} from "../../../scoring/methods/method.js";
import {memoryWorld} from "../../helpers/world.js";

const IDS = ["t:b", "t:B", "m:a", "t:ä", "t:a", "t:10", "t:9"];

let db: NodeDb;
beforeAll(
  async () =>
    void (db = await memoryWorld({
      accounts: IDS.map((id) => ({account_id: id, network: id.split(":")[0]!, handle: id}))
    }))
);
afterAll(() => db?.close());

async function table() {
  const {accountIds, networks} = await accountList(db);
  return {accountIds, networks, ...ownPersons(accountIds.length), columns: {}};
}

describe("ACCOUNT_INDEX_SQL", () => {
  it("numbers the accounts 0…n−1 in the order of accountList", async () => {
    const {accountIds} = await accountList(db);
    const rows = await db.query<{account_id: string; account: number}>(`${ACCOUNT_INDEX_SQL} ORDER BY account`);
    expect(rows.map((row) => row.account)).toEqual(IDS.map((_, i) => i));
    expect(rows.map((row) => row.account_id)).toEqual(accountIds);
    expect([...accountIds].sort()).toEqual([...IDS].sort());
  });
});

describe("utcDay", () => {
  it("numbers the days from 1970-01-01 in UTC, counting back before it", async () => {
    const times = [
      "1969-12-30 23:59:59.999",
      "1969-12-31 00:00:00",
      "1969-12-31 12:00:00",
      "1969-12-31 23:59:59.999",
      "1970-01-01 00:00:00",
      "1970-01-01 23:59:59.999",
      "1970-01-02 00:00:00",
      "2026-03-01 18:30:00"
    ];
    const values = times.map(() => "(?, ?::TIMESTAMP)").join(", ");
    const rows = await db.query<{day: number}>(
      `SELECT ${utcDay("ts")} AS day FROM (VALUES ${values}) t(i, ts) ORDER BY i`,
      times.flatMap((time, i) => [i, time])
    );
    expect(rows.map((row) => row.day)).toEqual([-2, -1, -1, -1, 0, 0, 1, Math.floor(Date.UTC(2026, 2, 1) / DAY_MS)]);
  });
});

describe("dailyCounts(accounts, names, columns)", () => {
  it("gives the same counts for rows named by index and by id", async () => {
    const accounts = await table();
    const rows = [
      {id: "t:ä", day: 3, likes: 2},
      {id: "m:a", day: 1, likes: 5},
      {id: "t:ä", day: 4, likes: 1}
    ];
    const byId = dailyCounts(accounts, ["likes"], {
      account_id: rows.map((row) => row.id),
      day: rows.map((row) => row.day),
      likes: rows.map((row) => row.likes)
    });
    const byIndex = dailyCounts(accounts, ["likes"], {
      account: rows.map((row) => accounts.accountIds.indexOf(row.id)),
      day: rows.map((row) => row.day),
      likes: rows.map((row) => row.likes)
    });
    expect(byIndex.account).toEqual(byId.account);
    expect(accounts.accountIds[byIndex.account[1]!]).toBe("m:a");
    expect(byIndex.values).toEqual(byId.values);
  });

  it("names the index that no account has", async () => {
    const accounts = await table();
    expect(() => dailyCounts(accounts, [], {account: [0, IDS.length], day: [1, 1]})).toThrow(
      `scoring/features/daily: no account with index ${IDS.length}`
    );
    expect(() => dailyCounts(accounts, [], {account_id: ["t:zz"], day: [1]})).toThrow(
      'scoring/features/daily: no account "t:zz"'
    );
  });
});
