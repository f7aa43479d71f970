/**
 * Bought followers: accounts that buy followers from a pool of silent accounts that follow and never act.
 *
 * Parameters: `share` (default 0.02) of the accounts are buyers, taken among people below the 70th
 * percentile of influence on the first network; the pool of bought followers is `POOL_FACTOR` = 4 times as
 * many accounts, created within the 60 days before the world starts; each buyer buys a log-normal number
 * of followers, median `MEDIAN_BOUGHT` = 300 (σ 0.7), at most the whole pool, drawn from the pool at
 * random. Roles: `follower-buyer`, `bought-follower`.
 */
import {sinceOf} from "../follow-graph.js";
import {integerBelow, logNormal} from "../sampling.js";
import type {Scenario} from "./scenario.js";

export const POOL_FACTOR = 4;
export const MEDIAN_BOUGHT = 300;

export const boughtFollowers: Scenario<number[]> = {
  id: "bought-followers",
  roles: ["follower-buyer", "bought-follower"],
  defaultShare: 0.02,
  reserve: (accounts, share) => Math.round(share * accounts * POOL_FACTOR),
  shape({build, accounts, reserved, pick}, share) {
    const p = build.population;
    const fake = build.roleCode("bought-follower");
    for (const account of reserved) p.role[account] = fake;
    const buyers = reserved.length > 0 ? pick(Math.round(share * accounts), {network: 0, belowQuantile: 0.7}) : [];
    const buyer = build.roleCode("follower-buyer");
    for (const account of buyers) p.role[account] = buyer;
    return buyers;
  },
  follow({build, random, reserved}, buyers) {
    const pool = Int32Array.from(reserved);
    for (const account of buyers) {
      const bought = Math.min(pool.length, Math.round(logNormal(random, MEDIAN_BOUGHT, 0.7)));
      // A partial Fisher–Yates shuffle: the first `bought` places hold a uniform sample of the pool.
      for (let i = 0; i < bought; i++) {
        const j = i + integerBelow(random, pool.length - i);
        const chosen = pool[j]!;
        pool[j] = pool[i]!;
        pool[i] = chosen;
        build.follow(chosen, account, sinceOf(build, random, chosen, account));
      }
    }
  }
};
