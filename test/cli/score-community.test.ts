/** `sway score --community`: Kred-style Influence per network or per Louvain community, from the command line. */
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {Interaction} from "../../loaders/schema.js";
import {tempDir, writeWorld} from "../helpers/world.js";
import {swayInProcess} from "./run-sway.js";

const temp = tempDir();
const repost = (actor: string, target: string): Interaction => ({
  ts: new Date(Date.UTC(2026, 2, 1)),
  network: "t",
  actor_id: actor,
  target_id: target,
  kind: "repost"
});

// Two pairs on one network that only repost within the pair: x reposts y twice, v reposts w once. Points: y 20,
// w 10. By network, w scores 1 + 999·sqrt(ln 11 / ln 21); in its Louvain community (v, w) it is the top: 1000.
beforeAll(async () => {
  await writeWorld(temp.dir, {
    accounts: ["t:v", "t:w", "t:x", "t:y"].map((id) => ({account_id: id, network: "t", handle: id})),
    interactions: [repost("t:x", "t:y"), repost("t:x", "t:y"), repost("t:v", "t:w")]
  });
});
afterAll(() => temp.remove());

describe("sway score --community", () => {
  const kredOf = async (...flags: string[]) => {
    const {stdout, code} = await swayInProcess("score", temp.dir, "--methods", "kred", "--format", "json", ...flags);
    expect(code).toBe(0);
    return Object.fromEntries(
      (JSON.parse(stdout) as {account_id: string; score: number}[]).map((r) => [r.account_id, r.score])
    );
  };

  it("scales kred per network by default and per Louvain community with louvain", async () => {
    const byNetwork = Math.round(1 + 999 * Math.sqrt(Math.log(11) / Math.log(21)));
    expect(await kredOf()).toEqual({"t:y": 1000, "t:w": byNetwork, "t:v": 1, "t:x": 1});
    expect(await kredOf("--community", "network")).toEqual({"t:y": 1000, "t:w": byNetwork, "t:v": 1, "t:x": 1});
    expect(await kredOf("--community", "louvain")).toEqual({"t:y": 1000, "t:w": 1000, "t:v": 1, "t:x": 1});
  });

  it("refuses another kind of community", async () => {
    const {code, stderr} = await swayInProcess("score", temp.dir, "--methods", "kred", "--community", "topic");
    expect(code).toBe(1);
    expect(stderr).toMatch(/--community.*topic/);
  });
});
