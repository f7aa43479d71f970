/**
 * Organic reactions, spreading by independent cascades (Goldenberg, Libai & Muller 2001; Kempe, Kleinberg &
 * Tardos 2003). A post is shown to its author's followers; each exposure is one chance to react (a follower
 * reached through several reposters has several chances, and reacts once at most), with probability
 *
 *     reactionRate × influence(author)^β × appeal(author) × appeal(style) × reactivity(follower)
 *       × (1 if the post's topic is one of the follower's, else offTopicFactor)
 *       × (1 if the follower is awake when it sees the post, else asleepFactor)
 *       × cascadeDecay^depth
 *
 * (capped at 0.95), after an exponential delay. A reaction is a like, repost, reply or quote (replies
 * weighted up for questions, down for pleasantries); a repost shows the post to the reposter's followers,
 * one level deeper, so reach emerges from the graph instead of being assigned. Reactions falling after the
 * world's end are not recorded.
 */
import {LIKE, POST, QUOTED, REPLIED, REPOSTED, STYLE_EFFECT, type WorldBuilder} from "./builder.js";
import type {FollowGraph} from "./follow-graph.js";
import type {WorldParams} from "./recipe.js";
import {MAX_REACTIVITY} from "./population.js";
import {exponential, type Rng} from "./sampling.js";
import {TEXT_STYLES} from "./texts.js";

/** Relative weights of the reaction kinds before the style's reply weight. */
const KIND_WEIGHTS = {like: 0.72, repost: 0.14, reply: 0.11, quote: 0.03};
const MAX_DEPTH = 3;
const MAX_PROBABILITY = 0.95;

/** How many followers to pass over before the next candidate: geometric, with `logMiss` = ln(1 − p). */
const skip = (random: Rng, logMiss: number): number => Math.floor(Math.log(1 - random()) / logMiss);

export function organicReactions(
  build: WorldBuilder,
  follows: FollowGraph,
  random: Rng,
  params: WorldParams,
  onProgress: (fraction: number) => void
): void {
  const p = build.population;
  const reacted = new Int32Array(p.count).fill(-1);
  const meanDelay = params.meanDelayMinutes * 60_000;
  const originals = build.postAuthor.length;
  // Cascade frontier: account whose followers see the post, its depth and when it reposted.
  const queueAccount: number[] = [];
  const queueDepth: number[] = [];
  const queueTime: number[] = [];
  for (let post = 0; post < originals; post++) {
    if ((post & 0xffff) === 0) onProgress(post / originals);
    if (build.postKind.at(post) !== POST) continue;
    const author = build.postAuthor.at(post);
    const topicBit = 1 << build.postTopic.at(post);
    const effect = STYLE_EFFECT[TEXT_STYLES[build.postStyle.at(post)]!];
    const base =
      params.reactionRate *
      p.influence[author]! ** params.reactionInfluenceExponent *
      p.appeal[author]! *
      effect.appeal;
    const replyWeight = KIND_WEIGHTS.reply * effect.reply;
    const kindTotal = KIND_WEIGHTS.like + KIND_WEIGHTS.repost + replyWeight + KIND_WEIGHTS.quote;
    reacted[author] = post;
    queueAccount.length = queueDepth.length = queueTime.length = 0;
    queueAccount.push(author);
    queueDepth.push(0);
    queueTime.push(build.postTime.at(post));
    for (let head = 0; head < queueAccount.length; head++) {
      const source = queueAccount[head]!;
      const depth = queueDepth[head]!;
      const shown = queueTime[head]!;
      const level = base * params.cascadeDecay ** depth;
      // Geometric skipping (Batagelj & Brandes 2005): jump straight to the next follower whose draw falls
      // under the highest possible chance, then accept it with probability chance / highest.
      const highest = Math.min(MAX_PROBABILITY, level * MAX_REACTIVITY);
      if (highest <= 0) continue;
      const logMiss = Math.log(1 - highest);
      const first = follows.inStart[source]!;
      const last = follows.inStart[source + 1]!;
      for (let k = first + skip(random, logMiss); k < last; k += 1 + skip(random, logMiss)) {
        const reader = follows.inList[k]!;
        if (reacted[reader] === post) continue;
        const topical = p.topics[reader]! & topicBit ? 1 : params.offTopicFactor;
        const chance = Math.min(MAX_PROBABILITY, level * p.reactivity[reader]! * topical);
        const draw = random() * highest;
        if (draw >= chance) continue;
        const time = shown + exponential(random, meanDelay);
        if (!build.awake(reader, time) && draw >= chance * params.asleepFactor) continue;
        if (time >= build.end) continue;
        reacted[reader] = post;
        const pick = random() * kindTotal;
        const kind =
          pick < KIND_WEIGHTS.like
            ? LIKE
            : pick < KIND_WEIGHTS.like + KIND_WEIGHTS.repost
              ? REPOSTED
              : pick < KIND_WEIGHTS.like + KIND_WEIGHTS.repost + replyWeight
                ? REPLIED
                : QUOTED;
        build.react(reader, post, kind, time, random);
        if (kind === REPOSTED && depth < MAX_DEPTH) {
          queueAccount.push(reader);
          queueDepth.push(depth + 1);
          queueTime.push(time);
        }
      }
    }
  }
  onProgress(1);
}
