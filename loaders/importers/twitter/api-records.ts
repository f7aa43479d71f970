/**
 * What one top-level JSON value of a Twitter API response holds, record by record. A value is a tweet, a user,
 * or a response that wraps them — v1.1 search `{"statuses": […]}`, cursored user lists `{"users": […]}`, list
 * lists `{"lists": […]}`, id lists `{"ids": […]}`, the `map=true` lookup `{"id": {"<id>": tweet | null}}`, a v2
 * page `{"data": …, "includes": …, "errors": …}` — whose elements are then the records. Stream messages and
 * objects the model has no place for are skipped with a reason.
 *
 * Skip reasons (stable phrases, counted in the report):
 * - "duplicate post": a tweet whose id is already stored (seen before as a record or embedded in one);
 * - "blank line (stream keep-alive)" (read in `twitter-api.ts`);
 * - "stream delete notice", "stream limit notice", "stream stall warning", "stream scrub_geo notice",
 *   "stream withheld notice", "stream disconnect message", "user stream friends list (ids only)",
 *   "user stream event: not part of the model";
 * - "direct message: not part of the model";
 * - "id list: ids carry no account detail" (one per id), "bare id: no tweet or account detail";
 * - "tweet not found (null in lookup map)", "API error response" (one per error object);
 * - "friendship lookup: relation to the requesting user, who is not named";
 * - "trends: not part of the model", "not a tweet or user object: not part of the model";
 * - "empty response (no records)": a value that holds no record at all (`{"statuses": []}`).
 * Accepted besides tweets and users: a list object (its owner's account; the list itself is not part of the
 * model) and a friendship `relationship` (both accounts, and a follows row for each direction that holds).
 */
import type {SourceRecorder} from "../../report.js";
import type {Account, TableRow} from "../../schema.js";
import {RecordRows, accountId, minimalAccount, postId} from "./rows.js";
import {addV1Tweet, v1Account} from "./v1.js";
import {addV2Tweet, isV2User, v2Account, v2Context, type V2Context} from "./v2.js";
import {excerpt, idOf, isRecord, recordAt, textOf, type JsonRecord} from "./values.js";

/** The line (NDJSON) or running record number (JSON document) of the next record. */
export type NextRecord = () => number;

const STREAM_NOTICES: [string, string][] = [
  ["delete", "stream delete notice"],
  ["limit", "stream limit notice"],
  ["warning", "stream stall warning"],
  ["scrub_geo", "stream scrub_geo notice"],
  ["status_withheld", "stream withheld notice"],
  ["user_withheld", "stream withheld notice"],
  ["disconnect", "stream disconnect message"],
  ["friends", "user stream friends list (ids only)"],
  ["friends_str", "user stream friends list (ids only)"]
];
const DIRECT_MESSAGE = "direct message: not part of the model";
const BARE_ID = /^\d+$/;

/** Accounts for every record that `value` holds, through `source`. */
export function readValue(value: unknown, next: NextRecord, source: SourceRecorder): void {
  const before = source.report.records_read;
  dispatch(value, next, source);
  if (source.report.records_read === before) {
    next();
    source.skip("empty response (no records)");
  }
}

function dispatch(value: unknown, next: NextRecord, source: SourceRecorder): void {
  if (Array.isArray(value)) {
    for (const item of value) readValue(item, next, source);
    return;
  }
  if (!isRecord(value)) {
    const line = next();
    if (
      (typeof value === "number" && Number.isSafeInteger(value)) ||
      (typeof value === "string" && BARE_ID.test(value))
    ) {
      source.skip("bare id: no tweet or account detail");
    } else {
      source.reject(line, "record is not a JSON object", excerpt(value));
    }
    return;
  }
  if (isV2Page(value)) return readV2Page(value, next, source);
  for (const key of ["statuses", "users", "lists"]) {
    if (Array.isArray(value[key])) {
      for (const item of value[key] as unknown[]) readRecord(item, next(), source);
      return;
    }
  }
  if (Array.isArray(value.ids)) {
    return skipEach(value.ids.length, "id list: ids carry no account detail", next, source);
  }
  if (isRecord(value.id)) {
    // statuses/lookup with map=true: ids that were not found map to null.
    for (const item of Object.values(value.id)) {
      const line = next();
      if (item === null) source.skip("tweet not found (null in lookup map)");
      else readRecord(item, line, source);
    }
    return;
  }
  if (Array.isArray(value.errors)) {
    return skipEach(value.errors.length, "API error response", next, source);
  }
  readRecord(value, next(), source);
}

/** One record: a tweet, a user, or something skipped with its reason. */
function readRecord(value: unknown, line: number, source: SourceRecorder): void {
  if (!isRecord(value)) {
    source.reject(line, "record is not a JSON object", excerpt(value));
    return;
  }
  const skipped = skipReason(value);
  if (skipped) {
    source.skip(skipped);
    return;
  }
  if (isDirectMessage(value)) return source.skip(DIRECT_MESSAGE);
  if (isTweet(value)) {
    // A v2 tweet outside a page (twarc2's flattened lines carry their `author` inline).
    const v2 = !("user" in value) && ("author_id" in value || "author" in value);
    if (!v2) return readV1Tweet(value, line, source);
    return readV2Tweet(
      value,
      line,
      source,
      v2Context(undefined, (id) => source.hasPost(id))
    );
  }
  if (isRecord(value.relationship)) return readRelationship(value.relationship, line, source);
  if (Array.isArray(value.connections))
    return source.skip("friendship lookup: relation to the requesting user, who is not named");
  if (typeof value.screen_name === "string") return acceptAccount(v1Account(value), line, value, source);
  if (isV2User(value)) return acceptAccount(v2Account(value), line, value, source);
  const owner = recordAt(value, "user");
  if ("member_count" in value && "slug" in value && owner) return acceptAccount(v1Account(owner), line, value, source);
  if ("trends" in value) return source.skip("trends: not part of the model");
  source.skip("not a tweet or user object: not part of the model");
}

function skipReason(value: JsonRecord): string | undefined {
  for (const [key, reason] of STREAM_NOTICES) if (key in value) return reason;
  if (typeof value.event === "string") return "user stream event: not part of the model";
  if (isRecord(value.event) || "direct_message" in value) return DIRECT_MESSAGE;
  if (typeof value.error === "string") return "API error response";
  return undefined;
}

function isDirectMessage(value: JsonRecord): boolean {
  return "sender_id" in value || "recipient_id" in value || "sender" in value || "recipient" in value;
}

function isTweet(value: JsonRecord): boolean {
  if (!("text" in value || "full_text" in value)) return false;
  return "created_at" in value || "user" in value || "id_str" in value || "author_id" in value || "author" in value;
}

function isV2Page(value: JsonRecord): boolean {
  return (
    ((Array.isArray(value.data) || isRecord(value.data)) &&
      !("text" in value) &&
      !("screen_name" in value) &&
      !("username" in value)) ||
    (isRecord(value.includes) && !("text" in value)) ||
    (isRecord(value.meta) && "result_count" in value.meta)
  );
}

function readV1Tweet(tweet: JsonRecord, line: number, source: SourceRecorder): void {
  const id = idOf(tweet, "id");
  if (id && source.hasPost(postId(id))) return source.skip("duplicate post");
  const rows = new RecordRows();
  const reason = addV1Tweet(tweet, rows, {stored: (post) => source.hasPost(post)});
  if (reason) source.reject(line, reason, excerpt(tweet));
  else source.accept(line, rows.rows());
}

function readV2Tweet(tweet: JsonRecord, line: number, source: SourceRecorder, context: V2Context): void {
  const id = idOf(tweet, "id");
  if (id && source.hasPost(postId(id))) return source.skip("duplicate post");
  const rows = new RecordRows();
  const reason = addV2Tweet(tweet, rows, context);
  if (reason) source.reject(line, reason, excerpt(tweet));
  else source.accept(line, rows.rows());
}

/** A v2 page: each element of `data` is a record, read with the page's `includes`; each error is skipped. */
function readV2Page(page: JsonRecord, next: NextRecord, source: SourceRecorder): void {
  const data = Array.isArray(page.data) ? page.data : page.data === undefined ? [] : [page.data];
  // A tweet may reference another of the same page (a reply to it, a quote of it): those are known too.
  const context = v2Context(page.includes, (id) => source.hasPost(id), data);
  for (const item of data) {
    const line = next();
    if (!isRecord(item)) source.reject(line, "record is not a JSON object", excerpt(item));
    else if (isV2User(item)) acceptAccount(v2Account(item), line, item, source);
    else readV2Tweet(item, line, source, context);
  }
  if (Array.isArray(page.errors)) skipEach(page.errors.length, "API error response", next, source);
}

/** Skips `count` records for one reason, each taking its number. */
function skipEach(count: number, reason: string, next: NextRecord, source: SourceRecorder): void {
  for (let i = 0; i < count; i++) {
    next();
    source.skip(reason);
  }
}

function acceptAccount(account: Account | string, line: number, record: JsonRecord, source: SourceRecorder): void {
  if (typeof account === "string") source.reject(line, account, excerpt(record));
  else source.accept(line, [{table: "accounts", row: account}]);
}

/** friendships/show: `source.following` means source follows target; `source.followed_by` the reverse. */
function readRelationship(relationship: JsonRecord, line: number, source: SourceRecorder): void {
  const from = recordAt(relationship, "source");
  const to = recordAt(relationship, "target");
  const fromId = idOf(from, "id");
  const toId = idOf(to, "id");
  if (!fromId || !toId) return source.reject(line, "relationship source or target id missing", excerpt(relationship));
  const rows: TableRow[] = [
    {table: "accounts", row: minimalAccount(fromId, textOf(from!.screen_name))},
    {table: "accounts", row: minimalAccount(toId, textOf(to!.screen_name))}
  ];
  const follow = (follower: string, followee: string): TableRow => ({
    table: "follows",
    row: {follower_id: accountId(follower), followee_id: accountId(followee), network: "twitter"}
  });
  if (from!.following === true) rows.push(follow(fromId, toId));
  if (from!.followed_by === true) rows.push(follow(toId, fromId));
  source.accept(line, rows);
}
