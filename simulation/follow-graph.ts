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
import {cumulative, integerBelow, logNormal, pickWeighted, type Rng} from "./sampling.js";
import {TOPICS} from "./topics.js";

const DEGREE_SIGMA = 0.8;

export function organicFollows(build: WorldBuilder, random: Rng, params: WorldParams): void {
  const p = build.population;
  const mark = new Int32Array(p.count).fill(-1);
  for (let network = 0; network < build.networks.length; network++) {
    const members: number[] = [];
    for (let i = 0; i < p.count; i++) if (p.network[i] === network && !p.silent[i]) members.push(i);
    if (members.length < 2) continue;
    const attraction = members.map(
      (i) =>
        p.influence[i]! ** params.followInfluenceExponent *
        logNormal(random, 1, params.followNoiseSigma) *
        p.followWeight[i]!
    );
    const everywhere = {members: Int32Array.from(members), sums: cumulative(attraction)};
    const byTopic = TOPICS.map((_, t) => {
      const chosen = members.flatMap((account, k) => ((p.topics[account]! >> t) & 1 ? [k] : []));
      return {
        members: Int32Array.from(chosen, (k) => members[k]!),
        sums: cumulative(chosen.map((k) => attraction[k]!))
      };
    });
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
        const followee = pool.members[pickWeighted(random, pool.sums)]!;
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

function topicIndexes(bits: number): number[] {
  const indexes: number[] = [];
  for (let t = 0; t < TOPICS.length; t++) if ((bits >> t) & 1) indexes.push(t);
  return indexes;
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
  const outStart = new Int32Array(n + 1);
  for (const f of rawFollower) outStart[f + 1]!++;
  for (let a = 0; a < n; a++) outStart[a + 1]! += outStart[a]!;
  const order = new Int32Array(rawFollower.length);
  const cursor = outStart.slice(0, n);
  for (let e = 0; e < rawFollower.length; e++) order[cursor[rawFollower[e]!]!++] = e;
  const mark = new Int32Array(n).fill(-1);
  const follower = new Int32Array(order.length);
  const followee = new Int32Array(order.length);
  const since = new Float64Array(order.length);
  let kept = 0;
  for (let a = 0; a < n; a++) {
    const from = outStart[a]!;
    const to = outStart[a + 1]!;
    outStart[a] = kept;
    for (let k = from; k < to; k++) {
      const e = order[k]!;
      const b = rawFollowee[e]!;
      if (mark[b] === a || b === a) continue;
      mark[b] = a;
      follower[kept] = a;
      followee[kept] = b;
      since[kept] = rawSince[e]!;
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
