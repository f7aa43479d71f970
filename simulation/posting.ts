/**
 * Original posts. Each active account writes a Poisson number of posts over the world's days at its own
 * rate; a post falls on a uniformly chosen day, at a local hour drawn from the account's posting pattern
 * (its waking window, one fixed hour, or any hour), converted to UTC with its time zone. Its topic is one of
 * the author's; its text style is drawn from the author's mix; a `mention` post names one of the accounts
 * the author follows (and records the mention interaction).
 */
import {DAY_MS, HOURS_ANY, HOURS_ONE, HOUR_MS, MENTION, POST, TEXT_MIXES, type WorldBuilder} from "./builder.js";
import type {FollowGraph} from "./follow-graph.js";
import {aliasTable, integerBelow, pickWeighted, poisson, type Rng} from "./sampling.js";
import {STYLE_RANGE, TEXT_STYLES, type TextStyle} from "./texts.js";
import {topicIndexes} from "./topics.js";

const MIX_TABLES = TEXT_MIXES.map((mix) => aliasTable(TEXT_STYLES.map((style) => mix[style] ?? 0)));
const MENTION_STYLE = TEXT_STYLES.indexOf("mention");
const STATEMENT_STYLE = TEXT_STYLES.indexOf("statement");

/** The local hour (fractional) at which `account` writes a post. */
function localHour(build: WorldBuilder, random: Rng, account: number): number {
  const p = build.population;
  const mode = p.postingHours[account]!;
  if (mode === HOURS_ONE) return p.postingHour[account]! + random();
  if (mode === HOURS_ANY) return random() * 24;
  return p.wakeHour[account]! + random() * p.wakeLength[account]!;
}

export function originalPosts(build: WorldBuilder, follows: FollowGraph, random: Rng, days: number): void {
  const p = build.population;
  const span = days * DAY_MS;
  for (let account = 0; account < p.count; account++) {
    if (p.silent[account]) continue;
    const count = poisson(random, p.postsPerDay[account]! * days);
    const topics = topicIndexes(p.topics[account]!);
    const followees = follows.outStart[account + 1]! - follows.outStart[account]!;
    for (let k = 0; k < count; k++) {
      const day = integerBelow(random, days);
      const utc = (localHour(build, random, account) - p.utcOffset[account]!) * HOUR_MS;
      // Wrap into the world's span, so a late local hour on the last day stays inside it.
      const time = build.start + ((((day * DAY_MS + utc) % span) + span) % span);
      const topic = topics[integerBelow(random, topics.length)]!;
      let style = pickWeighted(random, MIX_TABLES[p.textMix[account]!]!);
      if (style === MENTION_STYLE && followees === 0) style = STATEMENT_STYLE;
      const mentioned =
        style === MENTION_STYLE ? follows.followee[follows.outStart[account]! + integerBelow(random, followees)]! : -1;
      const {first, count: templates} = STYLE_RANGE[TEXT_STYLES[style] as TextStyle];
      const post = build.post(
        account,
        time,
        POST,
        -1,
        -1,
        topic,
        first + integerBelow(random, templates),
        mentioned,
        style
      );
      if (mentioned >= 0) build.interact(account, mentioned, post, MENTION, time);
    }
  }
}
