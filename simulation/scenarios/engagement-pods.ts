/**
 * Engagement pods: small groups whose members react to each other's every post within minutes, whatever it
 * says, to push it up the feeds.
 *
 * Parameters: `share` (default 0.02) of the accounts, in pods of `MIN_SIZE`–`MAX_SIZE` = 8–15 members on
 * one network; on each original post of a member, every other member likes it with probability `LIKE` =
 * 0.9, reposts it with `REPOST` = 0.3 and replies with `REPLY` = 0.25, after an exponential delay of mean
 * `DELAY_MINUTES` = 10. Role: `pod-member`.
 */
import {LIKE as LIKED, MINUTE_MS, REPLIED, REPOSTED} from "../builder.js";
import {exponential} from "../sampling.js";
import {forEachOriginalPost, groups, type Scenario} from "./scenario.js";

export const MIN_SIZE = 8;
export const MAX_SIZE = 15;
export const LIKE = 0.9;
export const REPOST = 0.3;
export const REPLY = 0.25;
export const DELAY_MINUTES = 10;

export const engagementPods: Scenario<number[][]> = {
  id: "engagement-pods",
  roles: ["pod-member"],
  defaultShare: 0.02,
  shape({build, accounts, random, pick}, share) {
    const pods: number[][] = [];
    const perNetwork = Math.round((share * accounts) / build.networks.length);
    build.networks.forEach((_, network) => {
      const members = pick(perNetwork, {network});
      if (members.length >= 2) pods.push(...groups(members, random, Math.min(MIN_SIZE, members.length), MAX_SIZE));
    });
    const role = build.roleCode("pod-member");
    for (const pod of pods) for (const account of pod) build.population.role[account] = role;
    return pods;
  },
  react({build, random}, pods) {
    const podOf = new Int32Array(build.population.count).fill(-1);
    pods.forEach((pod, index) => pod.forEach((account) => (podOf[account] = index)));
    forEachOriginalPost(build, (post, author, time) => {
      const pod = podOf[author]!;
      if (pod < 0) return;
      for (const member of pods[pod]!) {
        if (member === author) continue;
        for (const [kind, chance] of [
          [LIKED, LIKE],
          [REPOSTED, REPOST],
          [REPLIED, REPLY]
        ] as const) {
          if (random() >= chance) continue;
          const at = time + exponential(random, DELAY_MINUTES * MINUTE_MS);
          if (at < build.end) build.react(member, post, kind, at, random);
        }
      }
    });
  }
};
