/** `sway moments` as a user runs it: the table, JSON, and errors in one line. */
import {join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {Interaction} from "../../loaders/schema.js";
import {tempDir, writeWorld} from "../helpers/world.js";
import {sway} from "./run-sway.js";

const temp = tempDir();
const world = join(temp.dir, "world");

const T0 = Date.UTC(2026, 2, 1);
const hour = (h: number) => new Date(T0 + h * 3_600_000);
const react = (actor: string, postId: string, h: number): Interaction => ({
  ts: hour(h),
  network: "t",
  actor_id: actor,
  target_id: "t:a",
  post_id: postId,
  kind: "repost"
});

// t:a posts p1 (reposted by t:b and t:c) and p2 (reposted by t:b): t:b acts twice on 1 March (1/2 each), t:c
// once (1).
beforeAll(() =>
  writeWorld(world, {
    accounts: ["t:a", "t:b", "t:c"].map((id) => ({account_id: id, network: "t", handle: id})),
    posts: [
      {
        post_id: "t:p1",
        account_id: "t:a",
        network: "t",
        created_at: hour(1),
        kind: "post",
        text: "hello\u001b[31m world"
      },
      {post_id: "t:p2", account_id: "t:a", network: "t", created_at: hour(2), kind: "post"}
    ],
    interactions: [react("t:b", "t:p1", 5), react("t:c", "t:p1", 6), react("t:b", "t:p2", 7)]
  })
);
afterAll(() => temp.remove());

describe("sway moments", () => {
  it("lists the posts by delta, largest first, with their reactions and text as plain text", async () => {
    const {stdout, code} = await sway("moments", world, "t:a", "--from", "2026-02-28", "--to", "2026-03-02");
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^t:a, klout: 0\.00000 at --from, \d+\.\d+ at --to$/);
    expect(lines[1]).toMatch(/^post_id\s+created_at\s+delta\s+reactions\s+text$/);
    // p1 carries 2 of 3 reactions and the only reaction of t:c, so it moves the score more than p2.
    expect(lines[2]).toMatch(/^t:p1\s+2026-03-01T01:00:00Z\s+[\d.]+\s+repost 2\s+hello \[31m world$/);
    expect(lines[3]).toMatch(/^t:p2\s+2026-03-01T02:00:00Z\s+[\d.]+\s+repost 1$/);
    expect(stdout).not.toContain("\u001b");
  });

  it("prints JSON with --json and refuses a method that cannot leave reactions out", async () => {
    const json = await sway(
      "moments",
      world,
      "t:a",
      "--from",
      "2026-02-28",
      "--to",
      "2026-03-02",
      "--json",
      "--limit",
      "1"
    );
    expect(json.code).toBe(0);
    const result = JSON.parse(json.stdout);
    expect(result.moments.map((m: {post_id: string}) => m.post_id)).toEqual(["t:p1"]);
    expect(result.moments[0].text).toBe("hello\u001b[31m world");
    const bad = await sway(
      "moments",
      world,
      "t:a",
      "--from",
      "2026-02-28",
      "--to",
      "2026-03-02",
      "--method",
      "pagerank"
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^sway: --method: pagerank cannot leave a post's reactions out; use one of klout/);
    const dates = await sway("moments", world, "t:a", "--from", "2026-03-02", "--to", "2026-02-28");
    expect(dates).toMatchObject({code: 1, stderr: "sway: --from (2026-03-02) must be before --to (2026-02-28)\n"});
  });
});
