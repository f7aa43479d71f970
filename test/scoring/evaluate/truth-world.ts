/** A hand-built simulated world for the truth evaluation (`truth.test.ts` has its expected values by hand). */
import type {WorldRows} from "../../helpers/world.js";

/**
 * Five accounts whose true influence falls from a (5) to e (1); a and b are organic, c a spammer, d and e a ring.
 * Reported followers a 10, b 50, c 40, d 30, e 5. Follows: b and c follow a, d follows b, e follows d, so the
 * influence graph (followee → follower) is a → b, a → c, b → d, d → e, and with p = 1 every cascade is certain:
 * single-seed spreads a 5, b 3 (b, d, e), c 1, d 2, e 1. In-degree (distinct followers): a 2, b 1, c 0, d 1, e 0.
 */
export const TRUTH_WORLD: WorldRows = {
  accounts: [
    {account_id: "t:a", network: "t", handle: "a", followers: 10},
    {account_id: "t:b", network: "t", handle: "b", followers: 50},
    {account_id: "t:c", network: "t", handle: "c", followers: 40},
    {account_id: "t:d", network: "t", handle: "d", followers: 30},
    {account_id: "t:e", network: "t", handle: "e", followers: 5}
  ],
  follows: [
    {follower_id: "t:b", followee_id: "t:a", network: "t"},
    {follower_id: "t:c", followee_id: "t:a", network: "t"},
    {follower_id: "t:d", followee_id: "t:b", network: "t"},
    {follower_id: "t:e", followee_id: "t:d", network: "t"}
  ],
  truth: [
    {account_id: "t:a", influence: 5, role: "organic"},
    {account_id: "t:b", influence: 4, role: "organic"},
    {account_id: "t:c", influence: 3, role: "spammer"},
    {account_id: "t:d", influence: 2, role: "ring"},
    {account_id: "t:e", influence: 1, role: "ring"}
  ]
};
