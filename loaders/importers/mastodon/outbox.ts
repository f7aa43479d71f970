/**
 * The rows of one `outbox.json` item. Mastodon writes each of the owner's statuses as an activity
 * (`ActivityPub::ActivityPresenter.from_status`, serialized by `ActivitySerializer` and `NoteSerializer`,
 * https://github.com/mastodon/mastodon/tree/main/app/serializers/activitypub):
 *
 * - `Create` wraps the status as a `Note` (a `Question` for a poll): `id` (its URI), `published`, `inReplyTo`
 *   (the parent's URI), `to`/`cc` (the audience), `content` (HTML), `contentMap` (`{lang: content}` when the
 *   language is known) and `tag` (`Mention` with `href` and `name` `@user@host` or `@user` for local accounts,
 *   `Hashtag` with `name` `#tag`, `Emoji`); since 4.4 a quote post names the quoted status in `quote`
 *   (also `quoteUri` and `_misskey_quote`).
 * - `Announce` is a boost: `object` is the boosted status's URI (or, for a boost of one's own followers-only
 *   post, the `Note` itself), `cc` names the boosted author's actor URI, and `id` (`…/statuses/ID/activity`)
 *   is the boost's own URI.
 *
 * Mapping: a Note is a post (kind reply with `parent_post_id` when it has `inReplyTo`, else quote when it quotes,
 * else post), with a reply interaction to the parent's author, a quote interaction to the quoted author and a
 * mention interaction per mentioned account (post_id: the post that mentions). A boost is a post of kind repost
 * plus a repost interaction to the boosted author (post_id: the boosted post). Authors known only by URI are
 * recovered as `accounts.ts` describes; a reply's parent author is first looked up among the Note's own
 * mentions (Mastodon mentions the parent's author in a reply), whose `name` gives the true address. A reply whose
 * parent author cannot be recovered keeps its post row without the reply interaction; a boost whose author cannot
 * be recovered is skipped. Hashtags become `topics` (lower-case, without `#`). `summary` (the content warning)
 * and `sensitive` are not kept. Direct messages (an audience with neither the public collection nor the owner's
 * followers) are skipped.
 */
import type {Interaction, InteractionKind, Post, PostKind, TableRow} from "../../schema.js";
import {NETWORK, accountId, accountRow, addressOfMention, addressOfUri, type Address} from "./accounts.js";
import type {Owner} from "./actor.js";
import {parseZonedDatetime} from "../../datetime.js";
import {htmlToText} from "./html.js";
import type {Outcome} from "./outcome.js";

const PUBLIC = new Set(["https://www.w3.org/ns/activitystreams#Public", "as:Public", "Public"]);
const NOTE_TYPES = new Set(["Note", "Question"]);
const QUOTE_FIELDS = ["quote", "quoteUri", "_misskey_quote"] as const;

type Json = Record<string, unknown>;

/** The rows of an outbox item; `hasPost` says whether a post id is already stored (the item is then a duplicate). */
export function outboxRows(item: unknown, owner: Owner, hasPost: (postId: string) => boolean): Outcome {
  if (!isObject(item)) return {reject: "activity is not an object"};
  if (item.type === "Create") return createRows(item, owner, hasPost);
  if (item.type === "Announce") return announceRows(item, owner, hasPost);
  return {reject: "activity type is not Create or Announce"};
}

function createRows(activity: Json, owner: Owner, hasPost: (postId: string) => boolean): Outcome {
  const note = activity.object;
  if (!isObject(note) || !NOTE_TYPES.has(note.type as string)) return {reject: "Create: object is not a Note"};
  if (typeof note.id !== "string") return {reject: "Note: id missing"};
  if (isDirect(note, owner)) return {skip: "direct message: not part of the model"};
  const postId = `${NETWORK}:${note.id}`;
  if (hasPost(postId)) return {skip: "duplicate post"};
  const ts = parseZonedDatetime(note.published ?? activity.published);
  if (!ts) return {reject: "timestamp is not a valid date"};

  const mentions = mentionsOf(note.tag);
  const parentUri = uriOf(note.inReplyTo);
  const quotedUri = QUOTE_FIELDS.map((field) => uriOf(note[field])).find(Boolean);
  const kind: PostKind = parentUri ? "reply" : quotedUri ? "quote" : "post";
  const post: Post = {
    post_id: postId,
    account_id: owner.account.account_id,
    network: NETWORK,
    created_at: ts,
    kind,
    ...(parentUri || quotedUri ? {parent_post_id: `${NETWORK}:${parentUri ?? quotedUri}`} : {}),
    ...languageOf(note.contentMap),
    ...topicsOf(note.tag),
    text: typeof note.content === "string" ? htmlToText(note.content) : null
  };

  const rows: TableRow[] = [
    {table: "accounts", row: owner.account},
    {table: "posts", row: post}
  ];
  const interact = (target: Address, interactionKind: InteractionKind, postOf: string) => {
    rows.push({table: "accounts", row: accountRow(target)});
    rows.push({table: "interactions", row: interaction(ts, owner, target, interactionKind, postOf)});
  };
  if (parentUri) {
    // Mastodon mentions the parent's author in a reply: the mention's name is their real address.
    const author =
      mentions.find((mention) => parentUri.startsWith(`${mention.href}/`))?.address ?? addressOfUri(parentUri);
    if (author) interact(author, "reply", `${NETWORK}:${parentUri}`);
  }
  if (quotedUri) {
    const author = addressOfUri(quotedUri);
    if (author) interact(author, "quote", `${NETWORK}:${quotedUri}`);
  }
  for (const {address} of mentions) interact(address, "mention", postId);
  return {rows};
}

function announceRows(activity: Json, owner: Owner, hasPost: (postId: string) => boolean): Outcome {
  if (typeof activity.id !== "string") return {reject: "Announce: id missing"};
  const object = activity.object;
  const boostedUri = uriOf(object);
  if (!boostedUri) return {reject: "Announce: object is not a post URI"};
  if (isDirect(activity, owner)) return {skip: "direct message: not part of the model"};
  const postId = `${NETWORK}:${activity.id}`;
  if (hasPost(postId)) return {skip: "duplicate post"};
  const ts = parseZonedDatetime(activity.published);
  if (!ts) return {reject: "timestamp is not a valid date"};
  const author = boostedAuthor(activity, owner) ?? addressOfUri(boostedUri);
  if (!author) return {skip: "boost: author not recoverable from the post URI"};
  const boostedId = `${NETWORK}:${boostedUri}`;
  return {
    rows: [
      {table: "accounts", row: owner.account},
      {table: "accounts", row: accountRow(author)},
      {
        table: "posts",
        row: {
          post_id: postId,
          account_id: owner.account.account_id,
          network: NETWORK,
          created_at: ts,
          kind: "repost",
          parent_post_id: boostedId
        }
      },
      {table: "interactions", row: interaction(ts, owner, author, "repost", boostedId)}
    ]
  };
}

/**
 * The boosted author: an inlined Note's `attributedTo`, else the actor URI Mastodon puts in the boost's `cc`
 * (the one that is neither the public collection nor the owner's followers).
 */
function boostedAuthor(activity: Json, owner: Owner): Address | undefined {
  if (isObject(activity.object) && typeof activity.object.attributedTo === "string") {
    return actorAddress(activity.object.attributedTo, owner);
  }
  const actor = urisOf(activity.cc).find((uri) => !PUBLIC.has(uri) && uri !== owner.followers);
  return actor ? actorAddress(actor, owner) : undefined;
}

function actorAddress(uri: string, owner: Owner): Address | undefined {
  return uri === owner.uri ? owner.address : addressOfUri(uri);
}

function interaction(ts: Date, owner: Owner, target: Address, kind: InteractionKind, postId: string): Interaction {
  return {
    ts,
    network: NETWORK,
    actor_id: owner.account.account_id,
    target_id: accountId(target),
    post_id: postId,
    kind
  };
}

/** Addressed neither to the public nor to the owner's followers: a direct (or limited) message. */
function isDirect(object: Json, owner: Owner): boolean {
  return ![...urisOf(object.to), ...urisOf(object.cc)].some((uri) => PUBLIC.has(uri) || uri === owner.followers);
}

/** The distinct accounts of a Note's `Mention` tags, in order, with the actor URI each names. */
function mentionsOf(tags: unknown): {address: Address; href: string}[] {
  const mentions = new Map<string, {address: Address; href: string}>();
  for (const tag of listOf(tags)) {
    if (!isObject(tag) || tag.type !== "Mention") continue;
    const address = addressOfMention(tag.name, tag.href);
    if (address && !mentions.has(accountId(address))) {
      mentions.set(accountId(address), {address, href: typeof tag.href === "string" ? tag.href : ""});
    }
  }
  return [...mentions.values()];
}

function topicsOf(tags: unknown): {topics?: string[]} {
  const topics = new Set<string>();
  for (const tag of listOf(tags)) {
    if (isObject(tag) && tag.type === "Hashtag" && typeof tag.name === "string" && tag.name.length > 1) {
      topics.add(tag.name.replace(/^#/, "").toLowerCase());
    }
  }
  return topics.size ? {topics: [...topics]} : {};
}

function languageOf(contentMap: unknown): {lang?: string} {
  const [lang] = isObject(contentMap) ? Object.keys(contentMap) : [];
  return lang ? {lang} : {};
}

/** A URI given as a string or as an object with an `id`. */
function uriOf(value: unknown): string | undefined {
  if (typeof value === "string" && value) return value;
  return isObject(value) && typeof value.id === "string" && value.id ? value.id : undefined;
}

/** The values of an ActivityStreams property, which may hold one value or an array of them. */
function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}

function urisOf(value: unknown): string[] {
  return listOf(value).filter((uri): uri is string => typeof uri === "string");
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
