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
 * world's end are not recorded. Only the followers who may react are visited: geometric skips over each group
 * of followers of similar reactivity, bounded by the group's highest chance, then acceptance by the ratio.
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
/**
 * Followers are grouped by reactivity, halving from `MAX_REACTIVITY`: group g holds reactivities in
 * (MAX / 2^(g+1), MAX / 2^g], the last group everything lower (dormant accounts), and accounts that never react
 * are left out. Skipping within a group uses the group's ceiling, so fewer followers are drawn only to be
 * turned down.
 */
const GROUPS = 6;
const CEILINGS = Float64Array.from({length: GROUPS}, (_, g) => MAX_REACTIVITY / 2 ** g);
const STYLE_APPEAL = Float64Array.from(TEXT_STYLES, (style) => STYLE_EFFECT[style].appeal);
const STYLE_REPLY = Float64Array.from(TEXT_STYLES, (style) => STYLE_EFFECT[style].reply);

/**
 * Each account's followers by reactivity group, in CSR form: group g of account a is
 * `readers[start[a·GROUPS + g] .. start[a·GROUPS + g + 1])`.
 */
function readersByReactivity(follows: FollowGraph, reactivity: Float64Array) {
  const n = reactivity.length;
  const group = new Int8Array(n).fill(-1);
  for (let a = 0; a < n; a++) {
    const r = reactivity[a]!;
    if (r <= 0) continue;
    let g = 0;
    while (g < GROUPS - 1 && r <= CEILINGS[g + 1]!) g++;
    group[a] = g;
  }
  const start = new Int32Array(n * GROUPS + 1);
  for (let a = 0; a < n; a++) {
    for (let k = follows.inStart[a]!; k < follows.inStart[a + 1]!; k++) {
      const g = group[follows.inList[k]!]!;
      if (g >= 0) start[a * GROUPS + g + 1]!++;
    }
  }
  for (let i = 0; i < n * GROUPS; i++) start[i + 1]! += start[i]!;
  const place = start.slice(0, n * GROUPS);
  const readers = new Int32Array(start[n * GROUPS]!);
  for (let a = 0; a < n; a++) {
    for (let k = follows.inStart[a]!; k < follows.inStart[a + 1]!; k++) {
      const reader = follows.inList[k]!;
      if (group[reader]! >= 0) readers[place[a * GROUPS + group[reader]!]!++] = reader;
    }
  }
  return {start, readers};
}

/**
 * Adds the organic reactions to every original post of `build`, in post order, pausing (yielding) after each
 * `parts`-th of those posts but the last, where the rows made so far are final.
 */
export function* organicReactions(
  build: WorldBuilder,
  follows: FollowGraph,
  random: Rng,
  params: WorldParams,
  onProgress: (fraction: number) => void,
  parts = 1
): Generator<void, void, void> {
  const p = build.population;
  const {reactivity, topics, influence, appeal} = p;
  const {start: groupStart, readers} = readersByReactivity(follows, reactivity);
  const reacted = new Int32Array(p.count).fill(-1);
  const meanDelay = params.meanDelayMinutes * 60_000;
  const {offTopicFactor, asleepFactor} = params;
  const end = build.end;
  // The original posts, as they stand before the reactions add theirs (their rows never change).
  const originals = build.postAuthor.length;
  const postKind = build.postKind.values();
  const postAuthor = build.postAuthor.values();
  const postTopic = build.postTopic.values();
  const postStyle = build.postStyle.values();
  const postTime = build.postTime.values();
  const decay = Float64Array.from({length: MAX_DEPTH + 1}, (_, depth) => params.cascadeDecay ** depth);
  // Cascade frontier: account whose followers see the post, its depth and when it reposted. A post reaches
  // each account at most once, so the accounts bound its length.
  const queueAccount = new Int32Array(p.count);
  const queueDepth = new Uint8Array(p.count);
  const queueTime = new Float64Array(p.count);
  const part = Math.ceil(originals / parts);
  let pauseAt = part;
  for (let post = 0; post < originals; post++) {
    if (post === pauseAt) {
      yield;
      pauseAt += part;
    }
    if ((post & 0xffff) === 0) onProgress(post / originals);
    if (postKind[post] !== POST) continue;
    const author = postAuthor[post]!;
    const topicBit = 1 << postTopic[post]!;
    const style = postStyle[post]!;
    const base =
      params.reactionRate *
      influence[author]! ** params.reactionInfluenceExponent *
      appeal[author]! *
      STYLE_APPEAL[style]!;
    const replyWeight = KIND_WEIGHTS.reply * STYLE_REPLY[style]!;
    const likeOrRepost = KIND_WEIGHTS.like + KIND_WEIGHTS.repost;
    const kindTotal = likeOrRepost + replyWeight + KIND_WEIGHTS.quote;
    reacted[author] = post;
    queueAccount[0] = author;
    queueDepth[0] = 0;
    queueTime[0] = postTime[post]!;
    let queued = 1;
    for (let head = 0; head < queued; head++) {
      const source = queueAccount[head]!;
      const depth = queueDepth[head]!;
      const shown = queueTime[head]!;
      const level = base * decay[depth]!;
      if (level <= 0) continue;
      // Geometric skipping (Batagelj & Brandes 2005) as exponential waiting: each follower passed over uses up
      // −ln(1 − highest) of an exponential draw, the highest chance of its group; the follower where the draw
      // runs out is a candidate, accepted with probability chance / highest. What a group leaves of the draw
      // carries over to the next group (the exponential has no memory).
      let wait = exponential(random, 1);
      for (let g = 0; g < GROUPS; g++) {
        const first = groupStart[source * GROUPS + g]!;
        const last = groupStart[source * GROUPS + g + 1]!;
        if (first === last) continue;
        const highest = Math.min(MAX_PROBABILITY, level * CEILINGS[g]!);
        const hazard = -Math.log(1 - highest);
        let from = first;
        for (let k = from + Math.floor(wait / hazard); k < last; k = from + Math.floor(wait / hazard)) {
          const reader = readers[k]!;
          from = k + 1;
          wait = exponential(random, 1);
          if (reacted[reader] === post) continue;
          const topical = topics[reader]! & topicBit ? 1 : offTopicFactor;
          const chance = Math.min(MAX_PROBABILITY, level * reactivity[reader]! * topical);
          const draw = random() * highest;
          if (draw >= chance) continue;
          const time = shown + exponential(random, meanDelay);
          if (time >= end || (draw >= chance * asleepFactor && !build.awake(reader, time))) continue;
          reacted[reader] = post;
          const pick = random() * kindTotal;
          const kind =
            pick < KIND_WEIGHTS.like
              ? LIKE
              : pick < likeOrRepost
                ? REPOSTED
                : pick < likeOrRepost + replyWeight
                  ? REPLIED
                  : QUOTED;
          build.react(reader, post, kind, time, random);
          if (kind === REPOSTED && depth < MAX_DEPTH) {
            queueAccount[queued] = reader;
            queueDepth[queued] = depth + 1;
            queueTime[queued++] = time;
          }
        }
        wait -= (last - from) * hazard;
      }
    }
  }
  onProgress(1);
}
