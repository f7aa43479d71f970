/**
 * The rows of one repository record, by collection (lexicons:
 * https://github.com/bluesky-social/atproto/tree/main/lexicons/app/bsky):
 *
 * - `app.bsky.feed.post` (`text`, `createdAt`, `reply: {root, parent}` strong refs, `embed`, `facets`, `langs`,
 *   `tags`): a post, `bluesky:at://DID/app.bsky.feed.post/RKEY`. Of kind reply (`parent_post_id`, `root_post_id`)
 *   with a reply interaction to the parent's author; else of kind quote when its embed is
 *   `app.bsky.embed.record` or `…recordWithMedia` pointing at a post (an embedded feed, list or starter pack is no
 *   quote), with a quote interaction to the quoted author (a reply that quotes keeps kind reply and also gets the
 *   quote interaction). One mention interaction per distinct DID of `app.bsky.richtext.facet#mention` features;
 *   `lang` is the first of `langs`; `topics` the lower-cased `tags` and `#tag` facets.
 * - `app.bsky.feed.like` (`subject` strong ref, `createdAt`): a like interaction to the subject's author, with the
 *   subject post as `post_id`. Likes of feed generators and other non-posts are skipped.
 * - `app.bsky.feed.repost` (`subject`, `createdAt`): a post of kind repost, `…/app.bsky.feed.repost/RKEY`, and a
 *   repost interaction to the reposted post's author.
 * - `app.bsky.graph.follow` (`subject`: a DID, `createdAt`): a follows row, `since` = createdAt.
 * - `app.bsky.actor.profile/self` (`displayName`, `createdAt`): the owner's account row (`ownerOf`), written first.
 *
 * The author of a post named by an `at://` URI is the DID of the URI. Accounts are `bluesky:DID` with the DID as
 * handle: a repository holds no handles. Every other collection is skipped as "COLLECTION: not part of the model".
 */
import type {Account, Interaction, InteractionKind, Post, TableRow} from "../../schema.js";
import {parseZonedDatetime} from "../../datetime.js";
import type {Outcome} from "../mastodon/outcome.js";

const NETWORK = "bluesky";
export const POST = "app.bsky.feed.post";
export const PROFILE = "app.bsky.actor.profile";

const AT_URI =
  /^at:\/\/(did:[a-z]+:[a-zA-Z0-9._:%-]*[a-zA-Z0-9._-])\/([a-zA-Z][a-zA-Z0-9.-]*)\/([a-zA-Z0-9._~:-]{1,512})$/;
const DID = /^did:[a-z]+:[a-zA-Z0-9._:%-]*[a-zA-Z0-9._-]$/;
const MENTION = "app.bsky.richtext.facet#mention";
const TAG = "app.bsky.richtext.facet#tag";
const QUOTE_EMBEDS = new Set(["app.bsky.embed.record", "app.bsky.embed.recordWithMedia"]);

type Json = Record<string, unknown>;
interface AtUri {
  readonly did: string;
  readonly collection: string;
  readonly rkey: string;
}

/** The repository's owner: their account row and DID. */
export interface Owner {
  readonly did: string;
  readonly account: Account;
}

/**
 * The owner of the repository `did`, described by its profile record if it has one, and the outcome of that
 * record: the owner's account row (display name; `createdAt`, when the profile has it, as the account's creation
 * time), or the rejection of an invalid `createdAt`.
 */
export function ownerOf(did: string, profile: Json | undefined): {owner: Owner; outcome: Outcome} {
  const created = profile?.createdAt === undefined ? undefined : parseZonedDatetime(profile.createdAt);
  const name = profile?.displayName;
  const account = accountRow(did, {
    ...(typeof name === "string" && name.trim() ? {display_name: name} : {}),
    ...(created ? {created_at: created} : {})
  });
  const outcome: Outcome =
    profile?.createdAt !== undefined && !created
      ? {reject: "timestamp is not a valid date"}
      : {rows: [{table: "accounts", row: account}]};
  return {owner: {did, account}, outcome};
}

/** The rows of the record at `collection/rkey`; `hasPost` says whether a post id is already stored. */
export function recordRows(
  collection: string,
  rkey: string,
  record: Json,
  owner: Owner,
  hasPost: (postId: string) => boolean
): Outcome {
  switch (collection) {
    case POST:
      return postRows(rkey, record, owner, hasPost);
    case "app.bsky.feed.like":
      return likeRows(record, owner);
    case "app.bsky.feed.repost":
      return repostRows(rkey, record, owner, hasPost);
    case "app.bsky.graph.follow":
      return followRows(record, owner);
    default:
      return {skip: `${collection}: not part of the model`};
  }
}

function postRows(rkey: string, record: Json, owner: Owner, hasPost: (postId: string) => boolean): Outcome {
  const postId = postIdOf({did: owner.did, collection: POST, rkey});
  if (hasPost(postId)) return {skip: "duplicate post"};
  const ts = timeOf(record);
  if (!(ts instanceof Date)) return ts;
  const reply = isObject(record.reply) ? record.reply : undefined;
  const parent = reply && postUri(reply.parent);
  const root = reply && postUri(reply.root);
  if (record.reply !== undefined && !parent) return {reject: "reply.parent.uri is not an at:// post URI"};
  if (record.reply !== undefined && !root) return {reject: "reply.root.uri is not an at:// post URI"};
  const quoted = quotedPost(record.embed);
  if (quoted === null) return {reject: "embed.record.uri is not an at:// URI"};

  const post: Post = {
    post_id: postId,
    account_id: owner.account.account_id,
    network: NETWORK,
    created_at: ts,
    kind: parent ? "reply" : quoted ? "quote" : "post",
    ...(parent ? {parent_post_id: postIdOf(parent), root_post_id: postIdOf(root!)} : {}),
    ...(!parent && quoted ? {parent_post_id: postIdOf(quoted)} : {}),
    ...(Array.isArray(record.langs) && typeof record.langs[0] === "string" ? {lang: record.langs[0]} : {}),
    ...topicsOf(record),
    text: typeof record.text === "string" ? record.text : null
  };
  const rows: TableRow[] = [
    {table: "accounts", row: owner.account},
    {table: "posts", row: post}
  ];
  const interact = (did: string, kind: InteractionKind, about: string) => {
    rows.push({table: "accounts", row: accountRow(did)});
    rows.push({table: "interactions", row: interaction(ts, owner, did, kind, about)});
  };
  if (parent) interact(parent.did, "reply", postIdOf(parent));
  if (quoted) interact(quoted.did, "quote", postIdOf(quoted));
  for (const did of mentionedDids(record.facets)) interact(did, "mention", postId);
  return {rows};
}

function likeRows(record: Json, owner: Owner): Outcome {
  const ts = timeOf(record);
  if (!(ts instanceof Date)) return ts;
  const subject = isObject(record.subject) ? parseAtUri(record.subject.uri) : undefined;
  if (!subject) return {reject: "subject.uri is not an at:// URI"};
  if (subject.collection !== POST) return {skip: `like of ${subject.collection}: not part of the model`};
  return {
    rows: [
      {table: "accounts", row: owner.account},
      {table: "accounts", row: accountRow(subject.did)},
      {table: "interactions", row: interaction(ts, owner, subject.did, "like", postIdOf(subject))}
    ]
  };
}

function repostRows(rkey: string, record: Json, owner: Owner, hasPost: (postId: string) => boolean): Outcome {
  const postId = postIdOf({did: owner.did, collection: "app.bsky.feed.repost", rkey});
  if (hasPost(postId)) return {skip: "duplicate post"};
  const ts = timeOf(record);
  if (!(ts instanceof Date)) return ts;
  const subject = postUri(record.subject);
  if (!subject) return {reject: "subject.uri is not an at:// post URI"};
  const reposted = postIdOf(subject);
  return {
    rows: [
      {table: "accounts", row: owner.account},
      {table: "accounts", row: accountRow(subject.did)},
      {
        table: "posts",
        row: {
          post_id: postId,
          account_id: owner.account.account_id,
          network: NETWORK,
          created_at: ts,
          kind: "repost",
          parent_post_id: reposted
        }
      },
      {table: "interactions", row: interaction(ts, owner, subject.did, "repost", reposted)}
    ]
  };
}

function followRows(record: Json, owner: Owner): Outcome {
  const ts = timeOf(record);
  if (!(ts instanceof Date)) return ts;
  if (typeof record.subject !== "string" || !DID.test(record.subject)) return {reject: "subject is not a DID"};
  return {
    rows: [
      {table: "accounts", row: owner.account},
      {table: "accounts", row: accountRow(record.subject)},
      {
        table: "follows",
        row: {
          follower_id: owner.account.account_id,
          followee_id: accountIdOf(record.subject),
          network: NETWORK,
          since: ts
        }
      }
    ]
  };
}

function accountIdOf(did: string): string {
  return `${NETWORK}:${did}`;
}

function accountRow(did: string, extra: Partial<Account> = {}): Account {
  return {account_id: accountIdOf(did), network: NETWORK, handle: did, ...extra};
}

/** A record's `createdAt`, or the outcome rejecting the record. */
function timeOf(record: Json): Date | {reject: string} {
  if (record.createdAt === undefined) return {reject: "createdAt missing"};
  return parseZonedDatetime(record.createdAt) ?? {reject: "timestamp is not a valid date"};
}

/** The post id of the record at an `at://` URI. */
function postIdOf({did, collection, rkey}: AtUri): string {
  return `${NETWORK}:at://${did}/${collection}/${rkey}`;
}

function interaction(ts: Date, owner: Owner, did: string, kind: InteractionKind, postId: string): Interaction {
  return {ts, network: NETWORK, actor_id: owner.account.account_id, target_id: accountIdOf(did), post_id: postId, kind};
}

function parseAtUri(uri: unknown): AtUri | undefined {
  const match = typeof uri === "string" ? AT_URI.exec(uri) : null;
  return match ? {did: match[1]!, collection: match[2]!, rkey: match[3]!} : undefined;
}

/** The post a strong ref (`{uri, cid}`) points at, or undefined. */
function postUri(ref: unknown): AtUri | undefined {
  const uri = isObject(ref) ? parseAtUri(ref.uri) : undefined;
  return uri?.collection === POST ? uri : undefined;
}

/** The post a record embed quotes; undefined for none (or a non-post), null for an embed with a bad URI. */
function quotedPost(embed: unknown): AtUri | undefined | null {
  if (!isObject(embed) || !QUOTE_EMBEDS.has(embed.$type as string)) return undefined;
  // recordWithMedia nests the record embed: {record: {record: {uri, cid}}, media}.
  const outer = isObject(embed.record) ? embed.record : undefined;
  const ref = embed.$type === "app.bsky.embed.record" ? outer : isObject(outer?.record) ? outer.record : undefined;
  const uri = isObject(ref) ? parseAtUri(ref.uri) : undefined;
  if (!uri) return null;
  return uri.collection === POST ? uri : undefined;
}

function mentionedDids(facets: unknown): string[] {
  const dids = new Set<string>();
  for (const feature of featuresOf(facets)) {
    if (feature.$type === MENTION && typeof feature.did === "string" && DID.test(feature.did)) dids.add(feature.did);
  }
  return [...dids];
}

function topicsOf(record: Json): {topics?: string[]} {
  const tags = [
    ...(Array.isArray(record.tags) ? record.tags : []),
    ...featuresOf(record.facets)
      .filter((feature) => feature.$type === TAG)
      .map((feature) => feature.tag)
  ];
  const topics = new Set(tags.filter((tag): tag is string => typeof tag === "string" && tag !== "").map(lower));
  return topics.size ? {topics: [...topics]} : {};
}

function lower(tag: string): string {
  return tag.replace(/^#/, "").toLowerCase();
}

function featuresOf(facets: unknown): Json[] {
  if (!Array.isArray(facets)) return [];
  return facets
    .flatMap((facet) => (isObject(facet) && Array.isArray(facet.features) ? facet.features : []))
    .filter(isObject);
}

export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}
