/**
 * Spammers: accounts that post all day and draw little ("good morning" six times a day).
 *
 * Parameters: `share` (default 0.005) of the accounts, taken among people below the 60th percentile of
 * influence; they post `POSTS_PER_DAY` = 6 times a day, every post a pleasantry, their posts' appeal is
 * `APPEAL` = 0.1 of an ordinary account's, and they follow `FOLLOWING_FACTOR` = 4 times as many accounts
 * (hoping to be followed back). Role: `spammer`.
 */
import {MIX_SPAM} from "../builder.js";
import type {Scenario} from "./scenario.js";

export const POSTS_PER_DAY = 6;
export const APPEAL = 0.1;
export const FOLLOWING_FACTOR = 4;

export const spammers: Scenario<void> = {
  id: "spammers",
  roles: ["spammer"],
  defaultShare: 0.005,
  shape({build, accounts, pick}, share) {
    const p = build.population;
    const role = build.roleCode("spammer");
    for (const account of pick(Math.round(share * accounts), {belowQuantile: 0.6})) {
      p.role[account] = role;
      p.postsPerDay[account] = POSTS_PER_DAY;
      p.textMix[account] = MIX_SPAM;
      p.appeal[account] = APPEAL;
      p.followingFactor[account] = FOLLOWING_FACTOR;
    }
  }
};
