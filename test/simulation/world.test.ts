/**
 * The generated world against what it is meant to show: reproducibility, a heavy-tailed follow graph,
 * reactions that follow latent influence and waking hours, each gaming scenario's signature, rows valid
 * against the canonical schema, and the project's claim that the Klout-style score tracks the latent
 * influence better than follower counts.
 */
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {join} from "node:path";
import type {NodeDb} from "../../loaders/node-db.js";
import {TABLE_NAMES, validateRow, type TableName} from "../../loaders/schema.js";
import {openWarehouse} from "../../loaders/warehouse.js";
import {spearman} from "../../scoring/compare/spearman.js";
import {scoreMethods} from "../../scoring/score.js";
import {INTERACTION_KIND_NAMES} from "../../simulation/builder.js";
import {writeWorldWarehouse} from "../../simulation/node-writer.js";
import {resolveRecipe} from "../../simulation/recipe.js";
import {generateWorld, type World} from "../../simulation/world.js";
import {tempDir} from "../helpers/world.js";

const temp = tempDir("sway-sim-");
let world: World;
let db: NodeDb;

/** Order-independent fingerprint of every table: the xor of the row hashes and the row count. */
async function tableHashes(dir: string): Promise<Record<string, string>> {
  const {db: opened} = await openWarehouse(dir);
  const hashes: Record<string, string> = {};
  for (const table of TABLE_NAMES) {
    const [row] = await opened.query<{h: string}>(
      `SELECT count(*)::VARCHAR || ':' || coalesce(bit_xor(hash(t))::VARCHAR, '') AS h FROM ${table} t`
    );
    hashes[table] = row!.h;
  }
  opened.close();
  return hashes;
}

async function build(dir: string, recipe: object): Promise<World> {
  const generated = generateWorld(resolveRecipe(recipe));
  await writeWorldWarehouse(generated, dir);
  return generated;
}

const one = async <R extends Record<string, unknown>>(sql: string): Promise<R> =>
  (await db.query<R & Record<string, never>>(sql))[0]!;

beforeAll(async () => {
  world = await build(join(temp.dir, "main"), {seed: 11, accounts: 5000, days: 90, scenarios: "all"});
  db = (await openWarehouse(join(temp.dir, "main"))).db;
}, 300_000);
afterAll(() => {
  db?.close();
  temp.remove();
});

describe("reproducibility", () => {
  it("gives identical tables for the same seed and different ones for another seed", async () => {
    const recipe = {accounts: 1500, days: 30, scenarios: "all"};
    await build(join(temp.dir, "a"), {...recipe, seed: 3});
    await build(join(temp.dir, "b"), {...recipe, seed: 3});
    await build(join(temp.dir, "c"), {...recipe, seed: 4});
    const [a, b, c] = await Promise.all(["a", "b", "c"].map((name) => tableHashes(join(temp.dir, name))));
    expect(a).toEqual(b);
    for (const table of ["accounts", "posts", "interactions", "follows", "truth"])
      expect(c![table]).not.toBe(a![table]);
  }, 120_000);
});

describe("generateWorld(recipe, onProgress, onStage): the stages of generateWorldInStages", () => {
  it("yields the accounts, the posts of their own, then parts of the reactions, whose rows the rest leaves as they are", () => {
    const recipe = resolveRecipe({seed: 6, accounts: 800, days: 20, scenarios: "all"});
    const yielded: {stage: string; world: World; copy: World}[] = [];
    // A copy of every column as it stands at each stage, for what the rest of the generation might change.
    const whole = generateWorld(recipe, undefined, (staged) =>
      yielded.push({...staged, copy: structuredClone(staged.world)})
    );
    expect(yielded.map((y) => y.stage)).toEqual(["accounts", "posts", "reactions", "reactions", "reactions"]);
    const [accounts, posts] = yielded;
    expect(accounts!.copy.posts.author).toHaveLength(0);
    expect(accounts!.copy.interactions.actor).toHaveLength(0);
    expect(posts!.copy.posts.author.length).toBeGreaterThan(0);
    expect(posts!.copy.posts.author.length).toBeLessThan(whole.posts.author.length);
    expect(posts!.copy.interactions.actor.length).toBeLessThan(whole.interactions.actor.length);
    // Each part of the reactions adds rows.
    for (let k = 2; k < yielded.length; k++) {
      expect(yielded[k]!.copy.interactions.actor.length).toBeGreaterThan(
        yielded[k - 1]!.copy.interactions.actor.length
      );
    }
    expect(yielded.at(-1)!.copy.interactions.actor.length).toBeLessThan(whole.interactions.actor.length);
    for (const {copy} of yielded) {
      const {posts: made, interactions: made2, ...rest} = copy;
      const {posts: final, interactions: final2, ...wholeRest} = whole;
      expect(rest).toEqual(wholeRest);
      for (const [madeColumns, finalColumns] of [
        [made, final],
        [made2, final2]
      ] as const) {
        for (const [column, values] of Object.entries(madeColumns)) {
          const finalValues = finalColumns[column as keyof typeof finalColumns] as typeof values;
          expect(values, column).toEqual(finalValues.subarray(0, values.length));
        }
      }
    }
  });
});

describe("rows", () => {
  it("are every one valid against the canonical schema", async () => {
    for (const table of TABLE_NAMES) {
      const reader = await db.connection.runAndReadAll(`SELECT * FROM ${table} USING SAMPLE 20000 ROWS (reservoir, 1)`);
      const rows = reader.getRowObjectsJS();
      expect(rows.length).toBeGreaterThan(0);
      for (const raw of rows) {
        const row = Object.fromEntries(
          Object.entries(raw).map(([key, value]) => [
            key,
            typeof value === "bigint" ? Number(value) : value === null ? undefined : value
          ])
        );
        expect(validateRow(table as TableName, row)).toBeUndefined();
      }
    }
  });

  it("refer to accounts and posts that exist, on the author's network", async () => {
    const dangling = await one<{n: number}>(`
      SELECT (SELECT count(*) FROM interactions WHERE actor_id NOT IN (SELECT account_id FROM accounts) OR target_id NOT IN (SELECT account_id FROM accounts))
        + (SELECT count(*) FROM interactions WHERE post_id IS NOT NULL AND post_id NOT IN (SELECT post_id FROM posts))
        + (SELECT count(*) FROM posts WHERE parent_post_id IS NOT NULL AND parent_post_id NOT IN (SELECT post_id FROM posts))
        + (SELECT count(*) FROM follows f JOIN accounts a ON a.account_id = f.followee_id WHERE a.network <> f.network)
        + (SELECT count(*) FROM posts p JOIN accounts a USING (account_id) WHERE a.network <> p.network) AS n`);
    expect(dangling.n).toBe(0);
    const ids = await one<{n: number; distinct_ids: number}>(
      "SELECT count(*) AS n, count(DISTINCT post_id) AS distinct_ids FROM posts"
    );
    expect(ids.distinct_ids).toBe(ids.n);
    const handles = await one<{n: number; distinct_handles: number}>(
      "SELECT count(*) AS n, count(DISTINCT (network, handle)) AS distinct_handles FROM accounts"
    );
    expect(handles.distinct_handles).toBe(handles.n);
  });

  it("report follower and following counts equal to the follow graph, and link people across networks", async () => {
    const mismatched = await one<{n: number}>(`
      WITH i AS (SELECT followee_id AS account_id, count(*) AS n FROM follows GROUP BY 1),
           o AS (SELECT follower_id AS account_id, count(*) AS n FROM follows GROUP BY 1)
      SELECT count(*) AS n FROM accounts a LEFT JOIN i USING (account_id) LEFT JOIN o USING (account_id)
      WHERE a.followers <> coalesce(i.n, 0) OR a.following <> coalesce(o.n, 0)`);
    expect(mismatched.n).toBe(0);
    const people = await one<{linked: number; networks: number}>(`
      SELECT count(DISTINCT i.person_id) AS linked, min(c) AS networks FROM identities i
      JOIN (SELECT x.person_id, count(DISTINCT a.network) AS c FROM identities x JOIN accounts a USING (account_id) GROUP BY 1) USING (person_id)`);
    expect(people.linked).toBeGreaterThan(500);
    expect(people.networks).toBe(2);
  });
});

describe("the organic world", () => {
  it("has a heavy-tailed follower in-degree", async () => {
    // Top 1% of accounts by in-degree against their share under equal degrees (1%).
    const tail = await one<{top_share: number; ratio: number}>(`
      WITH d AS (SELECT a.account_id, count(f.follower_id) AS n FROM accounts a LEFT JOIN follows f ON f.followee_id = a.account_id
                 JOIN truth t ON t.account_id = a.account_id WHERE t.role = 'organic' GROUP BY 1),
           r AS (SELECT n, row_number() OVER (ORDER BY n DESC) AS k, count(*) OVER () AS total FROM d)
      SELECT sum(n) FILTER (WHERE k <= total / 100) / sum(n) AS top_share, max(n) / median(n) AS ratio FROM r`);
    expect(tail.top_share).toBeGreaterThan(0.08);
    expect(tail.ratio).toBeGreaterThan(15);
  });

  it("draws more reactions to more influential people", async () => {
    const rows = await db.query<{received: number; influence: number}>(`
      SELECT coalesce(r.n, 0) AS received, t.influence FROM truth t
      LEFT JOIN (SELECT target_id, count(*) AS n FROM interactions WHERE actor_id <> target_id AND kind <> 'mention' GROUP BY 1) r ON r.target_id = t.account_id
      JOIN accounts a USING (account_id) WHERE t.role = 'organic' AND a.person_id IS NULL`);
    const rho = spearman(
      rows.map((r) => r.received),
      rows.map((r) => r.influence)
    );
    expect(rho).toBeGreaterThan(0.5);
  });

  it("reacts when the audience is awake", () => {
    // Local hour = UTC hour + offset; awake inside [wakeHour, wakeHour + wakeLength). About 35% of the day is
    // asleep; a reactor asleep reacts at a tenth of the rate, so far fewer than 35% of reactions fall there.
    const p = world.population;
    const organic = world.roles.indexOf("organic");
    const mention = INTERACTION_KIND_NAMES.indexOf("mention");
    let reactions = 0;
    let asleep = 0;
    let asleepHours = 0;
    for (let i = 0; i < world.interactions.actor.length; i++) {
      const actor = world.interactions.actor[i]!;
      if (p.role[actor] !== organic || world.interactions.kind[i] === mention) continue;
      const hour = (((Math.floor(world.interactions.time[i]! / 3_600_000) + p.utcOffset[actor]!) % 24) + 24) % 24;
      reactions++;
      if ((hour - p.wakeHour[actor]! + 24) % 24 >= p.wakeLength[actor]!) asleep++;
      asleepHours += (24 - p.wakeLength[actor]!) / 24;
    }
    expect(asleepHours / reactions).toBeGreaterThan(0.25);
    expect(asleep / reactions).toBeLessThan(0.1);
  });
});

describe("gaming scenarios", () => {
  const perRole = (role: string) => `
    SELECT count(p.post_id) FILTER (WHERE p.kind = 'post') / count(DISTINCT t.account_id) AS posts_per_account,
      (SELECT count(*) FROM interactions i JOIN truth r ON r.account_id = i.target_id JOIN posts q ON q.post_id = i.post_id
       WHERE r.role = '${role}' AND q.kind = 'post' AND i.kind IN ('like', 'repost', 'reply', 'quote'))
        / count(p.post_id) FILTER (WHERE p.kind = 'post') AS reactions_per_post,
      (SELECT count(*) FROM interactions i JOIN truth r ON r.account_id = i.target_id WHERE r.role = '${role}' AND i.kind = 'reply')
        / count(p.post_id) FILTER (WHERE p.kind = 'post') AS replies_per_post
    FROM truth t JOIN accounts a USING (account_id) LEFT JOIN posts p USING (account_id)
    WHERE t.role = '${role}' AND a.person_id IS NULL`;

  it("spammers post far more and draw fewer reactions per post than organic accounts", async () => {
    const spam = await one<{posts_per_account: number; reactions_per_post: number}>(perRole("spammer"));
    const organic = await one<{posts_per_account: number; reactions_per_post: number}>(perRole("organic"));
    expect(spam.posts_per_account).toBeGreaterThan(10 * organic.posts_per_account);
    expect(spam.reactions_per_post).toBeLessThan(0.3 * organic.reactions_per_post);
    const pleasantries = await one<{share: number}>(`
      SELECT avg((text IN ('good morning everyone', 'good morning! have a great day', 'happy friday!', 'good night all',
        'thank you all for the follows', 'what a lovely day', 'coffee time', 'have a nice weekend'))::INT) AS share
      FROM posts JOIN truth USING (account_id) WHERE role = 'spammer' AND kind = 'post'`);
    expect(pleasantries.share).toBe(1);
  });

  it("ring members follow each other mutually", async () => {
    const mutual = await one<{least: number; members: number}>(`
      WITH ring AS (SELECT account_id FROM truth WHERE role = 'ring-member'),
           m AS (SELECT f.follower_id AS account_id, count(*) AS n FROM follows f
                 JOIN follows b ON b.follower_id = f.followee_id AND b.followee_id = f.follower_id
                 WHERE f.follower_id IN (SELECT * FROM ring) AND f.followee_id IN (SELECT * FROM ring) GROUP BY 1)
      SELECT min(coalesce(m.n, 0)) AS least, count(*) AS members FROM ring LEFT JOIN m USING (account_id)`);
    expect(mutual.members).toBeGreaterThan(100);
    expect(mutual.least).toBeGreaterThanOrEqual(24); // rings have at least 25 members
  });

  it("pod members react to each other's posts far above the base rate", async () => {
    // Likes per (post, potential reactor) pair: from pod members on pod members' posts (a pod has at most 14
    // other members, so likes per post / 14 is a lower bound), against organic followers on organic posts.
    const rates = await one<{pod_per_post: number; base: number}>(`
      WITH pod AS (SELECT account_id FROM truth WHERE role = 'pod-member'),
           pod_posts AS (SELECT post_id FROM posts WHERE kind = 'post' AND account_id IN (SELECT * FROM pod)),
           organic AS (SELECT account_id FROM truth WHERE role = 'organic'),
           organic_posts AS (SELECT post_id, account_id FROM posts WHERE kind = 'post' AND account_id IN (SELECT * FROM organic))
      SELECT
        (SELECT count(*) FROM interactions i JOIN pod_posts p USING (post_id) WHERE i.kind = 'like' AND i.actor_id IN (SELECT * FROM pod))
          / (SELECT count(*) FROM pod_posts) AS pod_per_post,
        (SELECT count(*) FROM interactions i JOIN organic_posts p USING (post_id) WHERE i.kind = 'like' AND i.actor_id IN (SELECT * FROM organic))
          / (SELECT count(*) FROM organic_posts p JOIN follows f ON f.followee_id = p.account_id WHERE f.follower_id IN (SELECT * FROM organic)) AS base`);
    // Pods have 8–15 members, each liking with probability 0.9: 6.3 to 12.6 likes from the pod per post.
    expect(rates.pod_per_post).toBeGreaterThan(6);
    expect(rates.pod_per_post / 14).toBeGreaterThan(5 * rates.base);
  });

  it("bought followers follow and never act", async () => {
    const fake = await one<{acts: number; posts: number; follows: number; followees_not_buyers: number}>(`
      WITH fake AS (SELECT account_id FROM truth WHERE role = 'bought-follower')
      SELECT (SELECT count(*) FROM interactions WHERE actor_id IN (SELECT * FROM fake)) AS acts,
        (SELECT count(*) FROM posts WHERE account_id IN (SELECT * FROM fake)) AS posts,
        (SELECT count(*) FROM follows WHERE follower_id IN (SELECT * FROM fake)) AS follows,
        (SELECT count(*) FROM follows f JOIN truth t ON t.account_id = f.followee_id
         WHERE f.follower_id IN (SELECT * FROM fake) AND t.role <> 'follower-buyer') AS followees_not_buyers`);
    expect(fake).toEqual({acts: 0, posts: 0, follows: expect.any(Number), followees_not_buyers: 0});
    expect(fake.follows).toBeGreaterThan(1000);
  });

  it("amplifier bots each amplify one target account, on nearly every post", async () => {
    const bots = await db.query<{targets: number; role: string; reposted: number; target_posts: number}>(`
      SELECT count(DISTINCT i.target_id) AS targets, min(t.role) AS role,
        count(*) FILTER (WHERE i.kind = 'repost') AS reposted,
        (SELECT count(*) FROM posts p WHERE p.account_id = min(i.target_id) AND p.kind = 'post') AS target_posts
      FROM interactions i JOIN truth b ON b.account_id = i.actor_id JOIN truth t ON t.account_id = i.target_id
      WHERE b.role = 'amplifier-bot' GROUP BY i.actor_id`);
    expect(bots.length).toBeGreaterThan(50);
    for (const bot of bots) {
      expect(bot.targets).toBe(1);
      expect(bot.role).toBe("amplified");
    }
    // Each bot reposts each of its target's posts with probability 0.9 (less the few posted minutes before the end).
    const reposted = bots.reduce((sum, bot) => sum + bot.reposted, 0);
    const offered = bots.reduce((sum, bot) => sum + bot.target_posts, 0);
    expect(reposted / offered).toBeGreaterThan(0.8);
  });

  it("conversation starters draw more replies per post than pleasantry posters", async () => {
    const starters = await one<{replies_per_post: number}>(perRole("conversation-starter"));
    const pleasant = await one<{replies_per_post: number}>(perRole("pleasantry-poster"));
    expect(starters.replies_per_post).toBeGreaterThan(3 * pleasant.replies_per_post);
  });

  it("one-hour accounts post within one hour of the day, spread-out accounts at many", async () => {
    const hours = await db.query<{role: string; least: number; most: number}>(`
      SELECT role, min(h) AS least, max(h) AS most FROM (
        SELECT t.role, p.account_id, count(DISTINCT hour(p.created_at)) AS h FROM posts p JOIN truth t USING (account_id)
        WHERE p.kind = 'post' AND t.role IN ('one-hour', 'spread-out') GROUP BY 1, 2 HAVING count(*) >= 12)
      GROUP BY role ORDER BY role`);
    expect(hours.map((row) => row.role)).toEqual(["one-hour", "spread-out"]);
    expect(hours[0]!.most).toBe(1);
    expect(hours[1]!.least).toBeGreaterThanOrEqual(5);
  });
});

describe("the Klout-style score against the truth", () => {
  it("tracks latent influence clearly better than follower counts", async () => {
    const truth = new Map(
      (await db.query<{account_id: string; influence: number}>("SELECT account_id, influence FROM truth")).map((r) => [
        r.account_id,
        r.influence
      ])
    );
    const scores = await scoreMethods(db, ["klout", "followers"]);
    const rho = (method: string) => {
      const rows = scores.filter((row) => row.method === method);
      return spearman(
        rows.map((row) => row.value),
        rows.map((row) => truth.get(row.account_id)!)
      );
    };
    const klout = rho("klout");
    const followers = rho("followers");
    expect(klout).toBeGreaterThan(followers + 0.05);
  }, 120_000);
});
