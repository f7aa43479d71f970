/**
 * Amplifier bots: groups of bots that follow one target account and repost and like its every post within
 * minutes.
 *
 * Parameters: `share` (default 0.02) of the accounts are bots (silent accounts of their own, on the first
 * network), `BOTS_PER_TARGET` = 12 per target; targets are people below the 80th percentile of influence
 * on the first network. On each original post of its target a bot reposts with probability `REPOST` = 0.9
 * and likes with `LIKE` = 0.8, after an exponential delay of mean `DELAY_MINUTES` = 3. Roles:
 * `amplifier-bot`, `amplified`.
 */
import {LIKE as LIKED, MINUTE_MS, REPOSTED} from "../builder.js";
import {sinceOf} from "../follow-graph.js";
import {exponential} from "../sampling.js";
import {forEachOriginalPost, type Scenario} from "./scenario.js";

export const BOTS_PER_TARGET = 12;
export const REPOST = 0.9;
export const LIKE = 0.8;
export const DELAY_MINUTES = 3;

/** Each bot's target. */
type Assignment = {bots: Int32Array; targetOf: Int32Array};

export const amplifierBots: Scenario<Assignment> = {
  id: "amplifier-bots",
  roles: ["amplifier-bot", "amplified"],
  defaultShare: 0.02,
  reserve: (accounts, share) => Math.round(share * accounts),
  shape({build, reserved, pick}) {
    const p = build.population;
    const targets = pick(Math.ceil(reserved.length / BOTS_PER_TARGET), {network: 0, belowQuantile: 0.8});
    const bot = build.roleCode("amplifier-bot");
    const amplified = build.roleCode("amplified");
    for (const account of targets) p.role[account] = amplified;
    const targetOf = new Int32Array(reserved.length);
    reserved.forEach((account, i) => {
      p.role[account] = bot;
      targetOf[i] = targets.length > 0 ? targets[i % targets.length]! : -1;
    });
    return {bots: reserved, targetOf};
  },
  follow({build, random}, {bots, targetOf}) {
    bots.forEach((account, i) => {
      if (targetOf[i]! >= 0) build.follow(account, targetOf[i]!, sinceOf(build, random, account, targetOf[i]!));
    });
  },
  react({build, random}, {bots, targetOf}) {
    const botsOf = new Map<number, number[]>();
    bots.forEach((account, i) => {
      if (targetOf[i]! >= 0) botsOf.set(targetOf[i]!, [...(botsOf.get(targetOf[i]!) ?? []), account]);
    });
    forEachOriginalPost(build, (post, author, time) => {
      for (const account of botsOf.get(author) ?? []) {
        for (const [kind, chance] of [
          [REPOSTED, REPOST],
          [LIKED, LIKE]
        ] as const) {
          if (random() >= chance) continue;
          const at = time + exponential(random, DELAY_MINUTES * MINUTE_MS);
          if (at < build.end) build.react(account, post, kind, at, random);
        }
      }
    });
  }
};
