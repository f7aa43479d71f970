import {gzipSync} from "node:zlib";
import {describe, expect, it} from "vitest";
import {bytesInput} from "../../loaders/input.js";
import {readPairs} from "../../loaders/pairs.js";
import {PAIR_FEATURES} from "../../scoring/evaluate/aggregate-methods.js";

const COLUMNS = ["Choice", ...["A", "B"].flatMap((side) => PAIR_FEATURES.map((feature) => `${side}_${feature}`))];
/** A's features 1..11, B's 101..111. */
const A_VALUES = PAIR_FEATURES.map((_, f) => f + 1);
const B_VALUES = PAIR_FEATURES.map((_, f) => f + 101);

function csv(...rows: readonly (readonly (string | number)[])[]): string {
  return [COLUMNS, ...rows].map((row) => row.join(",")).join("\n") + "\n";
}

const read = (content: string | Uint8Array, name = "pairs.csv") => readPairs(bytesInput(name, content));

describe("readPairs(file)", () => {
  it("reads Choice and the eleven features of A and B, in file order", async () => {
    const pairs = await read(csv([1, ...A_VALUES, ...B_VALUES], [0, ...B_VALUES, ...A_VALUES]));
    expect(pairs).toHaveLength(2);
    expect(pairs[0]!.aWins).toBe(true);
    expect(pairs[1]!.aWins).toBe(false);
    expect(pairs[0]!.a).toEqual(Object.fromEntries(PAIR_FEATURES.map((feature, f) => [feature, f + 1])));
    expect(pairs[0]!.b.network_feature_3).toBe(111);
    expect(pairs[1]!.a.follower_count).toBe(101);
  });

  it("finds columns by name, ignores extra columns and reads CRLF, quotes and gzip", async () => {
    const reordered = ["id", ...COLUMNS.slice().reverse()].join(",");
    const row = ["x7", ...[...B_VALUES].reverse(), ...[...A_VALUES].reverse(), '"1"'].join(",");
    const pairs = await read(gzipSync(`${reordered}\r\n${row}\r\n`));
    expect(pairs).toHaveLength(1);
    expect(pairs[0]!.aWins).toBe(true);
    expect(pairs[0]!.a.follower_count).toBe(1);
    expect(pairs[0]!.b.follower_count).toBe(101);
  });

  it("accepts a header without rows (no pairs)", async () => {
    expect(await read(csv())).toEqual([]);
  });

  it("stops at a malformed row, naming the file, the line and the column", async () => {
    const good = [1, ...A_VALUES, ...B_VALUES];
    const withValue = (column: string, value: string) => good.map((v, i) => (COLUMNS[i] === column ? value : v));
    await expect(read(csv(good, good.slice(0, -1)), "hand.csv")).rejects.toThrow(
      "hand.csv: line 3: 22 fields, the header has 23"
    );
    await expect(read(csv(good, withValue("B_listed_count", "lots")), "hand.csv")).rejects.toThrow(
      'hand.csv: line 3: B_listed_count is "lots", expected a non-negative number'
    );
    await expect(read(csv(withValue("A_posts", "-1")))).rejects.toThrow('line 2: A_posts is "-1"');
    await expect(read(csv(withValue("A_posts", "")))).rejects.toThrow('line 2: A_posts is ""');
    await expect(read(csv(withValue("A_posts", "Infinity")))).rejects.toThrow('A_posts is "Infinity"');
    await expect(read(csv(withValue("Choice", "2")))).rejects.toThrow('line 2: Choice is "2", expected 0 or 1');
    await expect(read(csv(good, [], good))).rejects.toThrow("line 3: 0 fields, the header has 23");
  });

  it("names the missing columns of the header", async () => {
    const header = COLUMNS.filter((column) => column !== "B_posts" && column !== "Choice").join(",");
    await expect(read(`${header}\n`, "odd.csv")).rejects.toThrow(
      "odd.csv: line 1: missing columns Choice, B_posts (expected Choice, A_… and B_… columns of follower_count,"
    );
    await expect(read(`${COLUMNS.join(",")},Choice\n`)).rejects.toThrow("line 1: column Choice appears twice");
  });

  it("refuses an empty file", async () => {
    await expect(read("", "empty.csv")).rejects.toThrow("empty.csv: empty file (expected a pairs CSV with a header)");
  });
});
