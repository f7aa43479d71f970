/**
 * The people of a world and their accounts. Latent influence is log-normal (median 1, σ a recipe
 * parameter): a heavy right tail like the follower and retweet distributions measured on Twitter (Cha et
 * al. 2010; Bakshy et al. 2011), while every value stays positive and finite, which a Pareto tail with
 * α ≤ 2 would not give a stable variance. Each person has a few topics (popular topics more often), a
 * posting rate, a propensity to react, a time zone and a waking window; some hold a second account on
 * another network, sometimes nearly dormant. Accounts reserved by scenarios (bots, bought followers) follow
 * the people's accounts and have no influence of their own.
 */
import type {Population} from "./builder.js";
import {HOURS_AWAKE, MIX_ORDINARY} from "./builder.js";
import {generateName} from "./names.js";
import type {WorldParams} from "./recipe.js";
import {aliasTable, integerBelow, logNormal, pickWeighted, type Rng} from "./sampling.js";
import {TOPICS, topicWeight} from "./topics.js";

/** Time zones (UTC offsets) and the share of people living in each. */
const ZONES = [
  [-8, 0.1],
  [-5, 0.2],
  [-3, 0.07],
  [0, 0.12],
  [1, 0.2],
  [3, 0.06],
  [5, 0.06],
  [8, 0.11],
  [9, 0.08]
] as const;
const ZONE_TABLE = aliasTable(ZONES.map(([, share]) => share));
const TOPIC_TABLE = aliasTable(TOPICS.map((_, i) => topicWeight(i)));
/** How much a dormant second account keeps of its owner's activity and of its pull on followers. */
const DORMANT_ACTIVITY = 0.03;
const DORMANT_FOLLOW_WEIGHT = 0.1;
const YEAR_MS = 365.25 * 86_400_000;
/** The propensity to react is log-normal (median 1, σ 0.6), capped here so cascades can skip ahead. */
export const MAX_REACTIVITY = 4;

function emptyPopulation(count: number): Population {
  return {
    count,
    network: new Uint8Array(count),
    person: new Int32Array(count),
    multi: new Uint8Array(count),
    influence: new Float64Array(count),
    role: new Uint8Array(count),
    topics: new Uint16Array(count),
    postsPerDay: new Float64Array(count),
    reactivity: new Float64Array(count),
    appeal: new Float64Array(count).fill(1),
    followingFactor: new Float64Array(count).fill(1),
    followWeight: new Float64Array(count).fill(1),
    utcOffset: new Int8Array(count),
    wakeHour: new Uint8Array(count),
    wakeLength: new Uint8Array(count),
    postingHours: new Uint8Array(count).fill(HOURS_AWAKE),
    postingHour: new Uint8Array(count),
    textMix: new Uint8Array(count).fill(MIX_ORDINARY),
    silent: new Uint8Array(count),
    createdAt: new Float64Array(count),
    handle: new Array<string>(count),
    displayName: new Array<string>(count)
  };
}

function topicSet(random: Rng): number {
  const wanted = 1 + integerBelow(random, 3);
  let bits = 0;
  for (let tries = 0; tries < 12 && popcount(bits) < wanted; tries++) bits |= 1 << pickWeighted(random, TOPIC_TABLE);
  return bits;
}

export function popcount(bits: number): number {
  let count = 0;
  for (let b = bits; b; b &= b - 1) count++;
  return count;
}

/**
 * `accounts` accounts: people's accounts first (a person's accounts are adjacent), then `reserved`
 * scenario accounts, silent and without influence, on the first network.
 */
export function generatePopulation(
  random: Rng,
  accounts: number,
  reserved: number,
  networkCount: number,
  params: WorldParams,
  start: number
): Population {
  const p = emptyPopulation(accounts);
  const peopleAccounts = accounts - reserved;
  const taken = new Set<string>();
  let person = 0;
  let index = 0;
  while (index < peopleAccounts) {
    const influence = logNormal(random, 1, params.influenceSigma);
    const topics = topicSet(random);
    const postsPerDay = logNormal(random, params.postsPerDay, 0.8);
    const reactivity = Math.min(MAX_REACTIVITY, logNormal(random, 1, 0.6));
    const utcOffset = ZONES[pickWeighted(random, ZONE_TABLE)]![0];
    const wakeHour = 6 + integerBelow(random, 4);
    const wakeLength = 14 + integerBelow(random, 4);
    const createdAt = start - (0.1 + random() * 9) * YEAR_MS;
    const name = generateName(random, index, taken);
    const home = networkCount === 1 || random() < 0.6 ? 0 : 1 + integerBelow(random, networkCount - 1);
    const second =
      networkCount > 1 && index + 1 < peopleAccounts && random() < params.multiNetworkShare
        ? (home + 1 + integerBelow(random, networkCount - 1)) % networkCount
        : -1;
    const dormant = second >= 0 && random() < params.dormantShare;
    for (const network of second >= 0 ? [home, second] : [home]) {
      p.network[index] = network;
      p.person[index] = person;
      p.multi[index] = second >= 0 ? 1 : 0;
      p.influence[index] = influence;
      p.topics[index] = topics;
      const quiet = dormant && network === second;
      p.postsPerDay[index] = quiet ? postsPerDay * DORMANT_ACTIVITY : postsPerDay;
      p.reactivity[index] = quiet ? reactivity * DORMANT_ACTIVITY : reactivity;
      p.followWeight[index] = quiet ? DORMANT_FOLLOW_WEIGHT : 1;
      p.utcOffset[index] = utcOffset;
      p.wakeHour[index] = wakeHour;
      p.wakeLength[index] = wakeLength;
      p.createdAt[index] = network === home ? createdAt : createdAt + random() * (start - createdAt);
      p.handle[index] = name.handle;
      p.displayName[index] = name.displayName;
      index++;
    }
    person++;
  }
  for (; index < accounts; index++, person++) {
    const name = generateName(random, index, taken);
    p.person[index] = person;
    p.silent[index] = 1;
    p.topics[index] = topicSet(random);
    p.utcOffset[index] = 0;
    p.wakeLength[index] = 24;
    p.createdAt[index] = start - random() * 60 * 86_400_000;
    p.handle[index] = name.handle;
    p.displayName[index] = name.displayName;
  }
  return p;
}

/** Whether `account` is a person's account that nearly never acts on its network. */
export const isDormant = (p: Population, account: number): boolean => p.followWeight[account]! < 1;
