/**
 * Twitter API v2 tweets and users to canonical rows. A v2 response keeps related objects apart: the tweets
 * under `data`, and the authors, mentioned users and referenced tweets under `includes.users` /
 * `includes.tweets` when the request asked for those expansions
 * (https://developer.x.com/en/docs/x-api/data-dictionary/introduction, …/expansions). A tweet is a `repost`
 * (`referenced_tweets` of type `retweeted`), else a `reply` (`replied_to`), else a `quote` (`quoted`), else a
 * `post`; interactions and the two mention exceptions follow the v1.1 rules (see `v1.ts`). Also read: the
 * "flattened" tweets of twarc2, which carry their `author` and full referenced tweets inline.
 *
 * Users: `username` → handle, `name` → display_name, `public_metrics.followers_count` / `following_count` /
 * `listed_count`, `created_at`, `verified` (or, on newer responses, `verified_type` other than "none").
 * Replies get `root_post_id` from `conversation_id` (the thread's first tweet). Text is `note_tweet.text`
 * (long posts) else `text`.
 */
import type {Account, InteractionKind} from "../../schema.js";
import {parseIsoDate} from "./dates.js";
import {NETWORK, accountId, minimalAccount, postId, type RecordRows} from "./rows.js";
import {INVALID_DATE} from "./v1.js";
import {booleanOf, countOf, idOf, isRecord, recordAt, textOf, type JsonRecord} from "./values.js";

/** What a v2 page's `includes` make known, by id (and users by lower-cased username). */
export interface V2Context {
  readonly users: ReadonlyMap<string, JsonRecord>;
  readonly usersByName: ReadonlyMap<string, JsonRecord>;
  readonly tweets: ReadonlyMap<string, JsonRecord>;
  /** Whether a post with this id is already stored. */
  stored(postId: string): boolean;
}

export function v2Context(includes: unknown, stored: (postId: string) => boolean, data: unknown[] = []): V2Context {
  const users = new Map<string, JsonRecord>();
  const usersByName = new Map<string, JsonRecord>();
  const tweets = new Map<string, JsonRecord>();
  const included = isRecord(includes) ? includes : {};
  for (const user of Array.isArray(included.users) ? included.users : []) {
    const id = idOf(user, "id");
    if (!id) continue;
    users.set(id, user as JsonRecord);
    const name = textOf((user as JsonRecord).username);
    if (name) usersByName.set(name.toLowerCase(), user as JsonRecord);
  }
  for (const tweet of [...data, ...(Array.isArray(included.tweets) ? included.tweets : [])]) {
    const id = idOf(tweet, "id");
    if (id && isRecord(tweet) && "text" in tweet) tweets.set(id, tweet);
  }
  return {users, usersByName, tweets, stored};
}

/** Whether a v2 object is a user (users have a `username` and no `text`). */
export function isV2User(value: JsonRecord): boolean {
  return typeof value.username === "string" && !("text" in value);
}

/** The account of a v2 user object, or the reason it cannot be one. */
export function v2Account(user: JsonRecord): Account | string {
  const id = idOf(user, "id");
  if (!id) return "user id missing";
  const row = minimalAccount(id, textOf(user.username), textOf(user.name));
  if (user.created_at != null) {
    const created = parseIsoDate(user.created_at);
    if (!created) return INVALID_DATE;
    row.created_at = created;
  }
  const metrics = recordAt(user, "public_metrics");
  const followers = countOf(metrics?.followers_count);
  const following = countOf(metrics?.following_count);
  const listed = countOf(metrics?.listed_count);
  const verifiedType = textOf(user.verified_type);
  const verified = booleanOf(user.verified) ?? (verifiedType ? verifiedType !== "none" : undefined);
  if (followers !== undefined) row.followers = followers;
  if (following !== undefined) row.following = following;
  if (listed !== undefined) row.listed = listed;
  if (verified !== undefined) row.verified = verified;
  return row;
}

/** Adds the rows of a v2 tweet and of the referenced tweets it brings; returns a reason to reject, or undefined. */
export function addV2Tweet(tweet: JsonRecord, rows: RecordRows, context: V2Context, depth = 0): string | undefined {
  const id = idOf(tweet, "id");
  if (!id) return "tweet id missing";
  const authorId = idOf(tweet, "author_id") ?? idOf(tweet.author, "id");
  if (!authorId) return "tweet author_id missing";
  if (tweet.created_at == null) return "tweet created_at missing (request tweet.fields=created_at)";
  const ts = parseIsoDate(tweet.created_at);
  if (!ts) return INVALID_DATE;
  const author = accountFor(authorId, context, recordAt(tweet, "author"));
  if (typeof author === "string") return author;
  rows.account(author);
  const actor = author.account_id;
  const self = postId(id);

  const references = Array.isArray(tweet.referenced_tweets) ? tweet.referenced_tweets.filter(isRecord) : [];
  const reference = (type: string) => references.find((ref) => ref.type === type && idOf(ref, "id"));
  const retweeted = reference("retweeted");
  const repliedTo = reference("replied_to");
  const quoted = reference("quoted");
  const [kind, parent] = retweeted
    ? (["repost", retweeted] as const)
    : repliedTo
      ? (["reply", repliedTo] as const)
      : quoted
        ? (["quote", quoted] as const)
        : (["post", undefined] as const);
  const conversation = idOf(tweet, "conversation_id");
  rows.post({
    post_id: self,
    account_id: actor,
    network: NETWORK,
    created_at: ts,
    kind,
    parent_post_id: parent ? postId(idOf(parent, "id")!) : null,
    root_post_id: kind === "reply" && conversation && conversation !== id ? postId(conversation) : null,
    lang: textOf(tweet.lang) ?? null,
    text: textOf(recordAt(tweet, "note_tweet")?.text) ?? textOf(tweet.text) ?? null
  });

  const text = textOf(tweet.text) ?? "";
  const act = (type: InteractionKind, target: string, post: string) =>
    rows.interaction({ts, network: NETWORK, actor_id: actor, target_id: accountId(target), post_id: post, kind: type});
  const mentions = recordAt(tweet, "entities")?.mentions;
  const mentioned = Array.isArray(mentions) ? mentions.filter(isRecord) : [];

  if (retweeted) {
    const original = addReferenced(retweeted, rows, context, depth);
    if (original.reason) return original.reason;
    // Without the original in `includes`, the `RT @user:` prefix names its author, whom mentions identify.
    const handle = /^RT @(\w+):/.exec(text)?.[1];
    const target = original.author ?? mentionedId(tweet, handle, context);
    if (target) {
      const account = accountFor(target, context, undefined, original.author ? undefined : handle);
      if (typeof account === "string") return account;
      rows.account(account);
      act("repost", target, postId(idOf(retweeted, "id")!));
    }
    return undefined;
  }

  let replyTo: string | undefined;
  if (repliedTo) {
    const parentTweet = addReferenced(repliedTo, rows, context, depth);
    if (parentTweet.reason) return parentTweet.reason;
    replyTo = idOf(tweet, "in_reply_to_user_id") ?? parentTweet.author;
    if (replyTo) {
      // The replied-to user is usually the first mention, which gives the handle when includes do not.
      const handle = textOf(mentioned.find((mention) => idOf(mention, "id") === replyTo)?.username);
      const account = accountFor(replyTo, context, undefined, handle);
      if (typeof account === "string") return account;
      rows.account(account);
      act("reply", replyTo, postId(idOf(repliedTo, "id")!));
    }
  }
  if (quoted) {
    const quotedTweet = addReferenced(quoted, rows, context, depth);
    if (quotedTweet.reason) return quotedTweet.reason;
    if (quotedTweet.author) act("quote", quotedTweet.author, postId(idOf(quoted, "id")!));
  }
  const seen = new Set<string>();
  for (const mention of mentioned) {
    // `id` is present when the request expanded `entities.mentions.username`; else look the name up.
    const name = textOf(mention.username);
    const target = idOf(mention, "id") ?? (name ? idOf(context.usersByName.get(name.toLowerCase()), "id") : undefined);
    if (!target || target === replyTo || seen.has(target)) continue;
    seen.add(target);
    const account = accountFor(target, context, undefined, name);
    if (typeof account === "string") return account;
    rows.account(account);
    act("mention", target, self);
  }
  return undefined;
}

/** The account of user `id`: from `inline` or `includes.users` when there, else known by id (and handle) only. */
function accountFor(id: string, context: V2Context, inline?: JsonRecord, handle?: string): Account | string {
  const user = inline ?? context.users.get(id);
  return user ? v2Account(user) : minimalAccount(id, handle);
}

/** The id of the user mentioned as `@handle` in `tweet`, if the mentions or includes name them. */
function mentionedId(tweet: JsonRecord, handle: string | undefined, context: V2Context): string | undefined {
  if (!handle) return undefined;
  const name = handle.toLowerCase();
  const mentions = recordAt(tweet, "entities")?.mentions;
  for (const mention of Array.isArray(mentions) ? mentions : []) {
    if (isRecord(mention) && textOf(mention.username)?.toLowerCase() === name && idOf(mention, "id")) {
      return idOf(mention, "id");
    }
  }
  return idOf(context.usersByName.get(name), "id");
}

/**
 * Adds a referenced tweet found in `includes.tweets` (or inline, as twarc2 flattens it) as a post the first time
 * it is seen; returns its author's native id when known.
 */
function addReferenced(
  reference: JsonRecord,
  rows: RecordRows,
  context: V2Context,
  depth: number
): {author?: string; reason?: string} {
  const id = idOf(reference, "id")!;
  const tweet = "text" in reference ? reference : context.tweets.get(id);
  if (!tweet) return {};
  const author = idOf(tweet, "author_id") ?? idOf(tweet.author, "id");
  if (depth < 2 && !rows.hasPost(postId(id)) && !context.stored(postId(id)) && author) {
    const reason = addV2Tweet(tweet, rows, context, depth + 1);
    if (reason) return {reason};
  } else if (author) {
    const account = accountFor(author, context, recordAt(tweet, "author"));
    if (typeof account === "string") return {reason: account};
    rows.account(account);
  }
  return {author};
}
