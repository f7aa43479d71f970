/**
 * Twitter API v1.1 tweet and user objects to canonical rows; the X archive's tweets are the same objects
 * without `user`. Data dictionary: https://developer.x.com/en/docs/x-api/v1/data-dictionary/object-model/tweet
 * and …/object-model/user.
 *
 * A tweet is a post of kind `repost` (it carries `retweeted_status`), else `reply` (`in_reply_to_status_id_str`),
 * else `quote` (`quoted_status_id_str` or an embedded `quoted_status`), else `post`; a tweet that both replies and
 * quotes is a reply whose quote still yields a quote interaction. Its interactions, timed at the tweet:
 * - repost: retweeter → original author, post_id = the original;
 * - reply: replier → `in_reply_to_user_id_str`, post_id = the parent;
 * - quote: quoter → quoted author (when the quoted tweet is embedded with its user), post_id = the quoted tweet;
 * - mention: author → each distinct `entities.user_mentions` id, post_id = the mentioning tweet. Two
 *   exceptions, both to avoid counting one act twice (Cha et al. 2010 count retweets, replies and mentions as
 *   separate signals): a retweet makes no mentions of its own (its entities repeat the original's, whose
 *   mentions are the original author's and are emitted with the original), and a reply makes no mention of
 *   the user it replies to (Twitter lists the leading `@user` among the mentions; that act is the reply).
 *   Self-mentions are kept: scoring decides what a self-reaction is worth.
 * Embedded originals (`retweeted_status`, `quoted_status`, one level deeper for a retweeted quote) become posts
 * with their own interactions the first time they are seen; an embedded tweet without a `user` is not a post
 * (its author is unknown). The `status` inside a user object (that user's latest tweet, without its own
 * `user`) is not imported. Text is `full_text`, else `extended_tweet.full_text`, else `text`.
 */
import type {Account} from "../../schema.js";
import {parseTwitterDate} from "./dates.js";
import {NETWORK, accountId, minimalAccount, postId, type RecordRows} from "./rows.js";
import {booleanOf, countOf, idOf, recordAt, textOf, type JsonRecord} from "./values.js";

export const INVALID_DATE = "timestamp is not a valid date";

export interface V1Options {
  /** Whether a post with this id is already stored (then an embedded copy adds nothing). */
  stored(postId: string): boolean;
  /** The author of tweets that carry no `user` (the X archive's owner). */
  author?: Account;
}

/** The account of a v1.1 user object, or the reason it cannot be one. */
export function v1Account(user: JsonRecord): Account | string {
  const id = idOf(user, "id");
  if (!id) return "user id_str missing";
  const row = minimalAccount(id, textOf(user.screen_name), textOf(user.name));
  if (user.created_at != null) {
    const created = parseTwitterDate(user.created_at);
    if (!created) return INVALID_DATE;
    row.created_at = created;
  }
  const followers = countOf(user.followers_count);
  const following = countOf(user.friends_count);
  const listed = countOf(user.listed_count);
  const verified = booleanOf(user.verified);
  if (followers !== undefined) row.followers = followers;
  if (following !== undefined) row.following = following;
  if (listed !== undefined) row.listed = listed;
  if (verified !== undefined) row.verified = verified;
  return row;
}

/** The text and entities of a tweet, taking the extended (280-character) ones where the tweet has them. */
export function tweetText(tweet: JsonRecord): {text: string | undefined; entities: JsonRecord | undefined} {
  const extended = recordAt(tweet, "extended_tweet");
  if (typeof tweet.full_text === "string") return {text: tweet.full_text, entities: recordAt(tweet, "entities")};
  if (extended && typeof extended.full_text === "string") {
    return {text: extended.full_text, entities: recordAt(extended, "entities") ?? recordAt(tweet, "entities")};
  }
  return {text: textOf(tweet.text), entities: recordAt(tweet, "entities")};
}

/**
 * Adds the rows of a v1.1 tweet (and of the originals it embeds) to `rows`; returns the reason to reject the
 * record, or undefined.
 */
export function addV1Tweet(tweet: JsonRecord, rows: RecordRows, options: V1Options, depth = 0): string | undefined {
  const id = idOf(tweet, "id");
  if (!id) return "tweet id_str missing";
  let author = options.author;
  if (!author) {
    const user = recordAt(tweet, "user");
    if (!user) return "tweet has no user (author unknown)";
    const account = v1Account(user);
    if (typeof account === "string") return account;
    author = account;
  }
  const ts = parseTwitterDate(tweet.created_at);
  if (!ts) return INVALID_DATE;
  rows.account(author);
  const actor = author.account_id;
  const self = postId(id);

  const retweeted = recordAt(tweet, "retweeted_status");
  const parentId = idOf(tweet, "in_reply_to_status_id");
  const quoted = recordAt(tweet, "quoted_status");
  const quotedId = idOf(tweet, "quoted_status_id") ?? idOf(quoted, "id");
  const {text, entities} = tweetText(tweet);
  const [kind, parent] = retweeted
    ? (["repost", idOf(retweeted, "id")] as const)
    : parentId
      ? (["reply", parentId] as const)
      : quotedId
        ? (["quote", quotedId] as const)
        : (["post", undefined] as const);
  rows.post({
    post_id: self,
    account_id: actor,
    network: NETWORK,
    created_at: ts,
    kind,
    parent_post_id: parent ? postId(parent) : null,
    lang: textOf(tweet.lang) ?? null,
    text: text ?? null
  });

  if (retweeted) {
    const embedded = addEmbedded(retweeted, rows, options, depth);
    if (embedded.reason) return embedded.reason;
    if (embedded.author && parent) {
      rows.interaction({
        ts,
        network: NETWORK,
        actor_id: actor,
        target_id: embedded.author,
        post_id: postId(parent),
        kind: "repost"
      });
    }
    return undefined;
  }

  const replyTo = parentId ? idOf(tweet, "in_reply_to_user_id") : undefined;
  if (parentId && replyTo) {
    rows.account(minimalAccount(replyTo, textOf(tweet.in_reply_to_screen_name)));
    rows.interaction({
      ts,
      network: NETWORK,
      actor_id: actor,
      target_id: accountId(replyTo),
      post_id: postId(parentId),
      kind: "reply"
    });
  }
  if (quotedId) {
    const embedded = quoted ? addEmbedded(quoted, rows, options, depth) : {};
    if (embedded.reason) return embedded.reason;
    if (embedded.author) {
      rows.interaction({
        ts,
        network: NETWORK,
        actor_id: actor,
        target_id: embedded.author,
        post_id: postId(quotedId),
        kind: "quote"
      });
    }
  }
  addMentions(entities, rows, {ts, actor, post: self, except: replyTo});
  return undefined;
}

/** Adds the mention interactions of `entities.user_mentions` (each mentioned account once). */
function addMentions(
  entities: JsonRecord | undefined,
  rows: RecordRows,
  {ts, actor, post, except}: {ts: Date; actor: string; post: string; except?: string}
): void {
  const mentions = entities?.user_mentions;
  if (!Array.isArray(mentions)) return;
  const seen = new Set<string>();
  for (const mention of mentions) {
    const id = idOf(mention, "id");
    if (!id || id === except || seen.has(id)) continue;
    seen.add(id);
    const record = mention as JsonRecord;
    rows.account(minimalAccount(id, textOf(record.screen_name), textOf(record.name)));
    rows.interaction({ts, network: NETWORK, actor_id: actor, target_id: accountId(id), post_id: post, kind: "mention"});
  }
}

/**
 * Adds an embedded original: its author's account always (the interaction points at it), its post and own
 * interactions only the first time the post is seen. Returns the author's account id when known.
 */
function addEmbedded(
  tweet: JsonRecord,
  rows: RecordRows,
  options: V1Options,
  depth: number
): {author?: string; reason?: string} {
  const user = recordAt(tweet, "user");
  const id = idOf(tweet, "id");
  if (!user || !id) return {};
  const author = v1Account(user);
  if (typeof author === "string") return {reason: author};
  rows.account(author);
  // Twitter embeds one level (a retweet's original, and the tweet that original quotes); deeper is not expected.
  if (depth < 2 && !rows.hasPost(postId(id)) && !options.stored(postId(id))) {
    const reason = addV1Tweet(tweet, rows, {stored: options.stored}, depth + 1);
    if (reason) return {reason};
  }
  return {author: author.account_id};
}
