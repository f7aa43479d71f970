// @vitest-environment jsdom
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {containsPattern, searchAccounts, searchResults} from "../../src/components/search.js";
import type {Db} from "../../scoring/db.js";
import {openNative, openWasm, tempDir, writeWorld, type WorldRows} from "../helpers/world.js";

const WORLD: WorldRows = {
  accounts: [
    {account_id: "t:1", network: "twitter", handle: "50%off", display_name: "Fifty"},
    {account_id: "t:2", network: "twitter", handle: "50xoff", display_name: "a_b"},
    {account_id: "t:3", network: "twitter", handle: "axb", display_name: "Back\\slash"},
    {account_id: "m:1", network: "mastodon", handle: "Anna", display_name: null},
    {account_id: "m:2", network: "mastodon", handle: "joanna", display_name: "Anna J."},
    {account_id: "m:3", network: "mastodon", handle: "annabel", display_name: null}
  ]
};

describe("containsPattern", () => {
  it("containsPattern(text) escapes the LIKE wildcards and the escape character", () => {
    expect(containsPattern("50%_off")).toBe("%50\\%\\_off%");
    expect(containsPattern("a\\b")).toBe("%a\\\\b%");
    expect(containsPattern("plain")).toBe("%plain%");
  });
});

describe.each([
  ["native DuckDB", openNative],
  ["duckdb-wasm", openWasm]
])("searchAccounts on %s", (_engine, open) => {
  let db: Db;
  let remove: () => void;
  beforeAll(async () => {
    const temp = tempDir();
    remove = temp.remove;
    await writeWorld(temp.dir, WORLD);
    db = await open(temp.dir);
  });
  afterAll(() => remove?.());

  const ids = async (text: string) => (await searchAccounts(db, text)).map((match) => match.account_id);

  it("searchAccounts(db, text) treats % and _ as themselves, not as wildcards", async () => {
    expect(await ids("50%")).toEqual(["t:1"]); // a wildcard % would also match 50xoff
    expect(await ids("a_b")).toEqual(["t:2"]); // a wildcard _ would also match axb
    expect(await ids("k\\s")).toEqual(["t:3"]);
  });

  it("searchAccounts(db, text) matches handle or display name in any case; exact, then prefix, then by handle", async () => {
    // "anna": exact handle Anna, then the handle starting with it (annabel), then joanna (contains it).
    expect(await ids("anna")).toEqual(["m:1", "m:3", "m:2"]);
    expect(await ids("ANNA J")).toEqual(["m:2"]);
  });

  it("searchAccounts(db, text, {limit}) caps the matches, and empty text finds nothing", async () => {
    expect(await ids("   ")).toEqual([]);
    expect((await searchAccounts(db, "a", {limit: 2})).length).toBe(2);
  });
});

describe("searchResults", () => {
  const matches = [
    {account_id: "x:1", network: "x", handle: "<img src=x onerror=alert(1)>", display_name: "<script>alert(2)</script>"}
  ];

  it("searchResults(matches) writes handles and names as text, and a click picks the account", () => {
    const picked: string[] = [];
    const results = searchResults(matches, "img", {onPick: (id) => picked.push(id)});
    expect(results.querySelector("img, script")).toBeNull();
    const button = results.querySelector("button")!;
    expect(button.textContent).toBe("<img src=x onerror=alert(1)> — <script>alert(2)</script> · x");
    button.click();
    expect(picked).toEqual(["x:1"]);
  });

  it("searchResults(matches, text) says when nothing matches, and shows nothing for empty text", () => {
    expect(searchResults([], "<b>zz</b>", {onPick: () => {}}).textContent).toBe("No account matches “<b>zz</b>”.");
    expect(searchResults([], "  ", {onPick: () => {}}).textContent).toBe("");
  });
});
