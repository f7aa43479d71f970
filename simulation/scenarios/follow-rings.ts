/**
 * Follow-for-follow rings: groups of accounts on one network that all follow each other, inflating every
 * member's follower count without anyone reading anyone.
 *
 * Parameters: `share` (default 0.03) of the accounts, taken among people below the 70th percentile of
 * influence, in rings of `MIN_SIZE`–`MAX_SIZE` = 25–60 members on the first network; every ordered pair of
 * members is a follow. Role: `ring-member`.
 */
import {sinceOf} from "../follow-graph.js";
import {groups, type Scenario} from "./scenario.js";

export const MIN_SIZE = 25;
export const MAX_SIZE = 60;

export const followRings: Scenario<number[][]> = {
  id: "follow-rings",
  roles: ["ring-member"],
  defaultShare: 0.03,
  shape({build, accounts, random, pick}, share) {
    const members = pick(Math.round(share * accounts), {network: 0, belowQuantile: 0.7});
    const role = build.roleCode("ring-member");
    for (const account of members) build.population.role[account] = role;
    return members.length >= 2 ? groups(members, random, Math.min(MIN_SIZE, members.length), MAX_SIZE) : [];
  },
  follow({build, random}, rings) {
    for (const ring of rings) {
      for (const a of ring) for (const b of ring) if (a !== b) build.follow(a, b, sinceOf(build, random, a, b));
    }
  }
};
