/**
 * The world under construction: per-account attributes as typed arrays and the growing row columns of
 * follows, posts and interactions, with the few verbs every stage and scenario writes through (follow,
 * post, react). Indexes are integers everywhere; strings appear only for handles and names.
 */
import {float64Column, int32Column, uint8Column} from "./columns.js";
import {STYLE_RANGE, type TextStyle} from "./texts.js";
import {integerBelow, type Rng} from "./sampling.js";

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;

/** Post kinds, in the order of `POST_KINDS` in the canonical schema. */
export const POST = 0;
export const REPLY = 1;
export const REPOST = 2;
export const QUOTE = 3;
export const POST_KIND_NAMES = ["post", "reply", "repost", "quote"] as const;

/** Reaction kinds the simulation produces, as interaction kind names. */
export const LIKE = 0;
export const REPOSTED = 1;
export const REPLIED = 2;
export const MENTION = 3;
export const QUOTED = 4;
export const INTERACTION_KIND_NAMES = ["like", "repost", "reply", "mention", "quote"] as const;

/** When in the day an account posts: its waking window, one fixed hour, or any hour. */
export const HOURS_AWAKE = 0;
export const HOURS_ONE = 1;
export const HOURS_ANY = 2;

/** Per-account attributes. `influence` is the owner's latent influence: what `truth.influence` holds. */
export interface Population {
  count: number;
  network: Uint8Array;
  person: Int32Array;
  /** Whether the account's person holds accounts on several networks. */
  multi: Uint8Array;
  influence: Float64Array;
  /** Index into the world's role names; 0 is `organic`. */
  role: Uint8Array;
  /** Bit t set when the account is interested in topic t. */
  topics: Uint16Array;
  postsPerDay: Float64Array;
  /** Multiplier of the account's own probability to react when exposed to a post. */
  reactivity: Float64Array;
  /** Multiplier of the reaction probability of the account's posts (spam draws little). */
  appeal: Float64Array;
  /** How many accounts it follows, relative to an ordinary account. */
  followingFactor: Float64Array;
  /** How attractive it is to follow, before influence (dormant accounts are little followed). */
  followWeight: Float64Array;
  /** Offset of its time zone from UTC, hours. */
  utcOffset: Int8Array;
  /** Local hour its waking window starts, and its length in hours. */
  wakeHour: Uint8Array;
  wakeLength: Uint8Array;
  /** `HOURS_AWAKE`, `HOURS_ONE` (posts only in the local hour `postingHour`) or `HOURS_ANY`. */
  postingHours: Uint8Array;
  postingHour: Uint8Array;
  /** Index into `TEXT_MIXES`. */
  textMix: Uint8Array;
  /** Never posts, reacts or follows on its own (bought followers; bots act only through their scenario). */
  silent: Uint8Array;
  createdAt: Float64Array;
  handle: string[];
  displayName: string[];
}

/** Shares of the text styles an account's original posts take. */
export const TEXT_MIXES: readonly Partial<Record<TextStyle, number>>[] = [
  {pleasantry: 0.15, question: 0.12, link: 0.2, statement: 0.43, mention: 0.1},
  {question: 0.75, statement: 0.15, mention: 0.1},
  {pleasantry: 0.85, statement: 0.15},
  {pleasantry: 1}
];
export const MIX_ORDINARY = 0;
export const MIX_QUESTIONS = 1;
export const MIX_PLEASANTRIES = 2;
export const MIX_SPAM = 3;

/** How a post's style changes the reactions it draws: appeal overall, and the weight of replies. */
export const STYLE_EFFECT: Record<TextStyle, {appeal: number; reply: number}> = {
  pleasantry: {appeal: 0.4, reply: 0.5},
  question: {appeal: 1, reply: 5},
  link: {appeal: 1.2, reply: 0.6},
  statement: {appeal: 1, reply: 1},
  mention: {appeal: 1, reply: 1},
  reply: {appeal: 0.3, reply: 1},
  quote: {appeal: 0.8, reply: 1}
};

const REPLY_TEMPLATES = STYLE_RANGE.reply;
const QUOTE_TEMPLATES = STYLE_RANGE.quote;

export class WorldBuilder {
  readonly start: number;
  readonly end: number;
  readonly population: Population;
  readonly networks: readonly string[];
  readonly roles: readonly string[];

  readonly follower = int32Column();
  readonly followee = int32Column();
  readonly followSince = float64Column();

  readonly postAuthor = int32Column();
  readonly postTime = float64Column();
  readonly postKind = uint8Column();
  readonly postParent = int32Column();
  readonly postRoot = int32Column();
  /** Topic index, or -1 (reposts carry none). */
  readonly postTopic = int32Column();
  /** Template index (`TEMPLATES`), or -1 for no text. */
  readonly postTemplate = int32Column();
  /** The account a post's text mentions, or -1. */
  readonly postMention = int32Column();
  /** Style of an original post (index into `TEXT_STYLES`), kept for the reaction stage. */
  readonly postStyle = uint8Column();

  readonly actor = int32Column();
  readonly target = int32Column();
  readonly interactionPost = int32Column();
  readonly interactionKind = uint8Column();
  readonly interactionTime = float64Column();

  constructor(
    population: Population,
    networks: readonly string[],
    roles: readonly string[],
    start: number,
    end: number
  ) {
    this.population = population;
    this.networks = networks;
    this.roles = roles;
    this.start = start;
    this.end = end;
  }

  roleCode(role: string): number {
    const code = this.roles.indexOf(role);
    if (code < 0) throw new Error(`simulation/builder: unknown role ${role}`);
    return code;
  }

  /** Makes room for this many rows in all, per table (estimates; columns still grow beyond them). */
  reserve({follows = 0, posts = 0, interactions = 0}: {follows?: number; posts?: number; interactions?: number}): void {
    for (const column of [this.follower, this.followee, this.followSince]) column.reserve(follows);
    for (const column of [
      this.postAuthor,
      this.postTime,
      this.postKind,
      this.postParent,
      this.postRoot,
      this.postTopic,
      this.postTemplate,
      this.postMention,
      this.postStyle
    ]) {
      column.reserve(posts);
    }
    for (const column of [this.actor, this.target, this.interactionPost, this.interactionKind, this.interactionTime])
      column.reserve(interactions);
  }

  follow(follower: number, followee: number, since: number): void {
    this.follower.push(follower);
    this.followee.push(followee);
    this.followSince.push(since);
  }

  /** Adds a post and returns its index. */
  post(
    author: number,
    time: number,
    kind: number,
    parent: number,
    root: number,
    topic: number,
    template: number,
    mention = -1,
    style = 0
  ): number {
    const index = this.postAuthor.length;
    this.postAuthor.push(author);
    this.postTime.push(time);
    this.postKind.push(kind);
    this.postParent.push(parent);
    this.postRoot.push(root);
    this.postTopic.push(topic);
    this.postTemplate.push(template);
    this.postMention.push(mention);
    this.postStyle.push(style);
    return index;
  }

  interact(actor: number, target: number, post: number, kind: number, time: number): void {
    this.actor.push(actor);
    this.target.push(target);
    this.interactionPost.push(post);
    this.interactionKind.push(kind);
    this.interactionTime.push(time);
  }

  /**
   * `actor` reacts to post `post` at `time` with `kind`: the interaction towards its author, and for a
   * repost, reply or quote the post that carries it (as the importers record them). Returns the new post's
   * index, or -1 for a like.
   */
  react(actor: number, post: number, kind: number, time: number, random: Rng): number {
    const author = this.postAuthor.at(post);
    this.interact(actor, author, post, kind, time);
    if (kind === LIKE) return -1;
    const parentRoot = this.postRoot.at(post);
    const root = parentRoot >= 0 ? parentRoot : post;
    if (kind === REPOSTED) return this.post(actor, time, REPOST, post, root, -1, -1);
    const {first, count} = kind === REPLIED ? REPLY_TEMPLATES : QUOTE_TEMPLATES;
    return this.post(
      actor,
      time,
      kind === REPLIED ? REPLY : QUOTE,
      post,
      root,
      this.postTopic.at(post),
      first + integerBelow(random, count)
    );
  }

  /** Whether `account` is awake at `time` (inside its waking window, local time). */
  awake(account: number, time: number): boolean {
    const p = this.population;
    const local = Math.floor(time / HOUR_MS) + p.utcOffset[account]!;
    const hour = ((local % 24) + 24) % 24;
    return (hour - p.wakeHour[account]! + 24) % 24 < p.wakeLength[account]!;
  }
}
