/**
 * The follow graph. Each account follows a log-normal number of accounts on its own network; a followee is
 * drawn with probability proportional to its attraction, influence^α × a log-normal noise (what a follower
 * count owes to other things than influence: an old account, a news cycle) × a weight that is low for
 * dormant accounts, mostly among accounts sharing one of the follower's topics (communities by topic),
 * otherwise anywhere. Preferential choice by a heavy-tailed attraction gives a heavy-tailed in-degree
 * (Barabási & Albert 1999 give it by degree; here it is by fitness, as in Bianconi & Barabási 2001).
 * `indexFollows` then removes duplicate edges and builds the adjacency the later stages walk.
 */
import type {WorldBuilder} from "./builder.js";
import {isDormant} from "./population.js";
import type {WorldParams} from "./recipe.js";
import {aliasTable, integerBelow, logNormal, pickWeighted, type AliasTable, type Rng} from "./sampling.js";
import {TOPICS, topicIndexes} from "./topics.js";

const DEGREE_SIGMA = 0.8;

/** Accounts to draw followees from, with the alias table of their attraction. */
interface Pool {
  members: Int32Array;
  table: AliasTable;
}

/** The members (and their attraction) for which `keep` holds, as a pool. */
function poolOf(members: Int32Array, attraction: Float64Array, keep: (account: number) => boolean): Pool {
  let count = 0;
  for (let k = 0; k < members.length; k++) if (keep(members[k]!)) count++;
  const chosen = new Int32Array(count);
  const weights = new Float64Array(count);
  count = 0;
  for (let k = 0; k < members.length; k++) {
    if (!keep(members[k]!)) continue;
    chosen[count] = members[k]!;
    weights[count++] = attraction[k]!;
  }
  return {members: chosen, table: aliasTable(weights)};
}

export function organicFollows(build: WorldBuilder, random: Rng, params: WorldParams): void {
  const p = build.population;
  const mark = new Int32Array(p.count).fill(-1);
  const all = Int32Array.from({length: p.count}, (_, i) => i);
  for (let network = 0; network < build.networks.length; network++) {
    const members = all.filter((i) => p.network[i] === network && !p.silent[i]);
    if (members.length < 2) continue;
    const attraction = new Float64Array(members.length);
    for (let k = 0; k < members.length; k++) {
      const i = members[k]!;
      attraction[k] =
        p.influence[i]! ** params.followInfluenceExponent *
        logNormal(random, 1, params.followNoiseSigma) *
        p.followWeight[i]!;
    }
    const everywhere = poolOf(members, attraction, () => true);
    const byTopic = TOPICS.map((_, t) =>
      poolOf(members, attraction, (account) => ((p.topics[account]! >> t) & 1) === 1)
    );
    const median = params.meanFollowing * Math.exp((-DEGREE_SIGMA * DEGREE_SIGMA) / 2);
    for (const account of members) {
      const wanted = Math.min(
        members.length - 1,
        Math.round(
          logNormal(random, median, DEGREE_SIGMA) * p.followingFactor[account]! * (isDormant(p, account) ? 0.3 : 1)
        )
      );
      const topics = topicIndexes(p.topics[account]!);
      mark[account] = account;
      let made = 0;
      for (let tries = 0; made < wanted && tries < wanted * 4; tries++) {
        const pool =
          random() < params.followTopicShare && topics.length > 0
            ? byTopic[topics[integerBelow(random, topics.length)]!]!
            : everywhere;
        if (pool.members.length === 0) continue;
        const followee = pool.members[pickWeighted(random, pool.table)]!;
        if (mark[followee] === account) continue;
        mark[followee] = account;
        build.follow(account, followee, sinceOf(build, random, account, followee));
        made++;
      }
    }
  }
}

/** A follow's date: some time between the later of the two accounts' creation and the world's start. */
export function sinceOf(build: WorldBuilder, random: Rng, follower: number, followee: number): number {
  const created = Math.max(build.population.createdAt[follower]!, build.population.createdAt[followee]!);
  return created + random() * Math.max(0, build.start - created);
}

export interface FollowGraph {
  follower: Int32Array;
  followee: Int32Array;
  since: Float64Array;
  /** Followers of account a: `inList[inStart[a] .. inStart[a + 1])`. */
  inStart: Int32Array;
  inList: Int32Array;
  /** Followees of account a: `followee[outStart[a] .. outStart[a + 1])` (edges are ordered by follower). */
  outStart: Int32Array;
}

/** The builder's follows without duplicates, ordered by follower, with in- and out-adjacency. */
export function indexFollows(build: WorldBuilder): FollowGraph {
  const n = build.population.count;
  const rawFollower = build.follower.values();
  const rawFollowee = build.followee.values();
  const rawSince = build.followSince.values();
  // Counting sort by follower: each edge goes straight to its place (most edges arrive grouped by follower,
  // so the writes are mostly sequential).
  const outStart = new Int32Array(n + 1);
  for (let e = 0; e < rawFollower.length; e++) outStart[rawFollower[e]! + 1]!++;
  for (let a = 0; a < n; a++) outStart[a + 1]! += outStart[a]!;
  const cursor = outStart.slice(0, n);
  const followee = new Int32Array(rawFollower.length);
  const since = new Float64Array(rawFollower.length);
  for (let e = 0; e < rawFollower.length; e++) {
    const place = cursor[rawFollower[e]!]!++;
    followee[place] = rawFollowee[e]!;
    since[place] = rawSince[e]!;
  }
  // Duplicates and self-follows out, compacting in place.
  const mark = new Int32Array(n).fill(-1);
  const follower = new Int32Array(rawFollower.length);
  let kept = 0;
  for (let a = 0; a < n; a++) {
    const from = outStart[a]!;
    const to = outStart[a + 1]!;
    outStart[a] = kept;
    mark[a] = a;
    for (let k = from; k < to; k++) {
      const b = followee[k]!;
      if (mark[b] === a) continue;
      mark[b] = a;
      follower[kept] = a;
      followee[kept] = b;
      since[kept] = since[k]!;
      kept++;
    }
  }
  outStart[n] = kept;
  const inStart = new Int32Array(n + 1);
  for (let e = 0; e < kept; e++) inStart[followee[e]! + 1]!++;
  for (let a = 0; a < n; a++) inStart[a + 1]! += inStart[a]!;
  const inList = new Int32Array(kept);
  const place = inStart.slice(0, n);
  for (let e = 0; e < kept; e++) inList[place[followee[e]!]!++] = follower[e]!;
  return {
    follower: follower.subarray(0, kept),
    followee: followee.subarray(0, kept),
    since: since.subarray(0, kept),
    inStart,
    inList,
    outStart
  };
}
