// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {leaderboard} from "../../src/components/leaderboard.js";

describe("leaderboard", () => {
  const rows = [
    {rank: 1, account_id: "x:1", handle: "<img src=x onerror=alert(1)>", network: "x", score: 99, value: 12.5},
    {rank: 2, account_id: "x:2", handle: "two", network: "x", score: 40, value: 3}
  ];

  it("leaderboard(rows, method) has a tr per account whose first cell is its handle, linked to its profile", () => {
    const table = leaderboard(
      rows,
      {id: "klout", scoreLabel: "1–100"},
      {profile: (id) => `profile.html?account=${id}`}
    );
    expect(table.dataset.testid).toBe("leaderboard");
    expect(table.dataset.method).toBe("klout");
    const trs = table.querySelectorAll("tbody tr");
    expect(Array.from(trs, (tr) => tr.querySelector("td")!.textContent)).toEqual([
      "<img src=x onerror=alert(1)>",
      "two"
    ]);
    expect(trs[0]!.querySelector("td a")!.getAttribute("href")).toBe("profile.html?account=x:1");
    expect(table.querySelector("img")).toBeNull();
    expect(Array.from(trs[0]!.querySelectorAll("td"), (td) => td.textContent)).toEqual([
      "<img src=x onerror=alert(1)>",
      "x",
      "1",
      "99",
      "12.5"
    ]);
  });

  it("leaderboard(rows, method, {limit}) keeps the top rows", () => {
    const table = leaderboard(rows, {id: "m", scoreLabel: "s"}, {profile: () => "#", limit: 1});
    expect(table.querySelectorAll("tbody tr")).toHaveLength(1);
  });
});
