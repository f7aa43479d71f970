/** The gaming scenarios, in the order the generator applies them (the order matters for determinism only). */
import {amplifierBots} from "./amplifier-bots.js";
import {boughtFollowers} from "./bought-followers.js";
import {conversation} from "./conversation.js";
import {engagementPods} from "./engagement-pods.js";
import {followRings} from "./follow-rings.js";
import {postingHours} from "./posting-hours.js";
import type {Scenario} from "./scenario.js";
import {spammers} from "./spammers.js";

export const SCENARIO_IDS = [
  "spammers",
  "follow-rings",
  "engagement-pods",
  "bought-followers",
  "amplifier-bots",
  "conversation",
  "posting-hours"
] as const;
export type ScenarioId = (typeof SCENARIO_IDS)[number];

export const SCENARIOS: Record<ScenarioId, Scenario<unknown>> = {
  spammers,
  "follow-rings": followRings,
  "engagement-pods": engagementPods,
  "bought-followers": boughtFollowers,
  "amplifier-bots": amplifierBots,
  conversation,
  "posting-hours": postingHours
} as Record<ScenarioId, Scenario<unknown>>;

/** `organic` first, then every scenario's roles: the index of a role here is its code in the world. */
export const ROLES: readonly string[] = ["organic", ...SCENARIO_IDS.flatMap((id) => SCENARIOS[id].roles)];
