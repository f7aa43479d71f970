/**
 * One-hour accounts against spread-out accounts: posting concentrated in a single hour of the day (a
 * scheduler, a habit) versus posting at any hour, night included.
 *
 * Parameters: `share` (default 0.06) of the accounts, half of them one-hour accounts, which post only
 * within one local hour chosen inside their waking window, half spread-out accounts, which post at any
 * local hour with equal probability. Roles: `one-hour`, `spread-out`.
 */
import {HOURS_ANY, HOURS_ONE} from "../builder.js";
import {integerBelow} from "../sampling.js";
import type {Scenario} from "./scenario.js";

export const postingHours: Scenario<void> = {
  id: "posting-hours",
  roles: ["one-hour", "spread-out"],
  defaultShare: 0.06,
  shape({build, accounts, random, pick}, share) {
    const p = build.population;
    const half = Math.round((share * accounts) / 2);
    const oneHour = build.roleCode("one-hour");
    for (const account of pick(half)) {
      p.role[account] = oneHour;
      p.postingHours[account] = HOURS_ONE;
      p.postingHour[account] = (p.wakeHour[account]! + integerBelow(random, p.wakeLength[account]!)) % 24;
    }
    const spread = build.roleCode("spread-out");
    for (const account of pick(half)) {
      p.role[account] = spread;
      p.postingHours[account] = HOURS_ANY;
    }
  }
};
