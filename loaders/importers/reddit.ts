/**
 * Reddit comment and submission dumps in the Pushshift format: one JSON object per line (NDJSON), plain,
 * gzipped or zstd-compressed (the monthly `RC_YYYY-MM.zst` / `RS_YYYY-MM.zst` files and the per-subreddit
 * `<sub>_comments.zst` / `<sub>_submissions.zst` files). Field reference: Baumgartner et al. 2020, "The
 * Pushshift Reddit Dataset" (ICWSM, https://arxiv.org/abs/2001.08435), and Reddit's API documentation of
 * "things" (https://www.reddit.com/dev/api/, `t1_` comments, `t3_` links).
 *
 * The published Pushshift `.zst` files use a 2 GiB zstd window (`zstd --long=31`), beyond what the browser-safe
 * decoder reads (see `loaders/input.ts`): the import stops with a message saying so. Decompress them first, or
 * recompress them with an ordinary window, which keeps them small:
 * `zstd -d --long=31 -c RC_2015-01.zst | zstd -o RC_2015-01.ndjson.zst`.
 *
 * One record per line ("line" in the report is the 1-based line number). A line is a comment when it has
 * `parent_id` or `body`, a submission when it has `title`:
 *
 * - submission → account `reddit:<author>` (handle = author: Reddit usernames are unique and cannot be
 *   changed, so the name is a stable id) and post `reddit:t3_<id>` of kind post, text = title, a blank line
 *   and the self text, topics = [subreddit].
 * - comment → account and post `reddit:t1_<id>` of kind reply, parent = `reddit:<parent_id>`, root =
 *   `reddit:<link_id>`, text = body, topics = [subreddit]; plus an interaction `reply` from the comment's
 *   author to the parent's author, about the parent post, when the parent's author is known: that is, when the
 *   parent post was accepted earlier in the same import (an earlier line, or an earlier file of the same
 *   `sway import`, so give the submissions file before the comments file). A single dump rarely holds the
 *   parents of all its comments: a comment whose parent is not in the data is still accepted with its post
 *   row, only without the interaction. To know parents' authors the importer keeps one map entry per accepted
 *   post (some 60–80 bytes), so memory grows with the number of posts in one import.
 * - score: the model has no score column on posts, so a comment's score is kept as the `weight` of its reply
 *   interaction (how much the community valued that reaction); submission scores, `num_comments` and the
 *   scores of comments whose parent is not in the data are not kept.
 * - `created_utc` may be a number or a numeric string (both occur in the dumps); `author_created_utc`, when
 *   present, becomes the account's `created_at`.
 * - Texts that moderation replaced by `[deleted]` or `[removed]` are kept as no text (null), not as text.
 *
 * Skipped, with the reason: blank lines; posts whose author is `[deleted]` or `[removed]` ("deleted author":
 * the post cannot be attributed to an account); a post id already imported ("duplicate post"). Rejected:
 * lines that are not JSON objects, lines that are neither a comment nor a submission, missing ids or authors,
 * malformed `parent_id` / `link_id`, and timestamps that are not dates.
 */
import {InputError, isFolder, readLines} from "../input.js";
import type {Sink} from "../report.js";
import type {RowOf, TableRow} from "../schema.js";
import type {Importer} from "./importer.js";

const NETWORK = "reddit";
const DELETED = new Set(["[deleted]", "[removed]"]);
const THING_ID = /^t[13]_[0-9a-z]+$/i;
const LINK_ID = /^t3_[0-9a-z]+$/i;
const NATIVE_ID = /^(?:t[13]_)?([0-9a-z]+)$/i;
const NUMERIC = /^-?\d+(?:\.\d+)?$/;

type Json = Record<string, unknown>;

/**
 * The author of every post accepted so far, per import (one sink per `sway import`), keyed by the native
 * post id (`t1_…`, `t3_…`), so that a comment read after its parent, even from another file, gets its
 * reply interaction. Author names are interned: one string per author, not one per post.
 */
const authorsByImport = new WeakMap<Sink, {posts: Map<string, string>; names: Map<string, string>}>();

export const reddit: Importer = {
  name: "reddit",
  description: "Reddit Pushshift dumps: NDJSON comments and submissions, plain, .gz or .zst",
  detect({text}) {
    const first = text.split("\n", 5).find((line) => line.trim());
    if (!first) return undefined;
    let record: unknown;
    try {
      record = JSON.parse(first);
    } catch {
      return undefined;
    }
    if (!isObject(record) || !("subreddit" in record) || !("created_utc" in record) || !("author" in record))
      return undefined;
    if ("parent_id" in record) return "NDJSON of Reddit comments (parent_id, subreddit, created_utc)";
    if ("title" in record) return "NDJSON of Reddit submissions (title, subreddit, created_utc)";
    return undefined;
  },
  async read(input, sink, {onProgress}) {
    if (isFolder(input)) throw new InputError(`${input.name}: reddit reads one file, not a folder`);
    const source = sink.source(this.name, input.name);
    let known = authorsByImport.get(sink);
    if (!known) authorsByImport.set(sink, (known = {posts: new Map(), names: new Map()}));
    const progress = onProgress && ((fraction: number) => onProgress(input.name, fraction));
    let content = false;
    for await (const {number, text} of readLines(input, {onProgress: progress})) {
      if (!text.trim()) {
        source.skip("blank line");
        continue;
      }
      let record: unknown;
      try {
        record = JSON.parse(text);
      } catch {
        // The first line tells whether this is a dump at all; a bad line further down is one bad record.
        if (!content) unusable(input.name, number, text);
        source.reject(number, "not valid JSON", text);
        continue;
      }
      content = true;
      if (!isObject(record)) {
        source.reject(number, "not a JSON object", text);
        continue;
      }
      const parsed = parseRecord(record);
      if (typeof parsed === "string") {
        source.reject(number, parsed, text);
        continue;
      }
      if (parsed === SKIP_DELETED) {
        source.skip("deleted author");
        continue;
      }
      if (source.hasPost(parsed.post.post_id)) {
        source.skip("duplicate post");
        continue;
      }
      const {post, account, score} = parsed;
      const rows: TableRow[] = [
        {table: "accounts", row: account},
        {table: "posts", row: post}
      ];
      const parentId = post.parent_post_id?.slice(NETWORK.length + 1);
      const parentAuthor = parentId === undefined ? undefined : known.posts.get(parentId);
      if (parentAuthor !== undefined) {
        rows.push({
          table: "interactions",
          row: {
            ts: post.created_at,
            network: NETWORK,
            actor_id: account.account_id,
            target_id: `${NETWORK}:${parentAuthor}`,
            post_id: post.parent_post_id,
            kind: "reply",
            weight: score
          }
        });
      }
      if (source.accept(number, rows, text)) {
        const author = account.handle;
        let name = known.names.get(author);
        if (name === undefined) known.names.set(author, (name = author));
        known.posts.set(post.post_id.slice(NETWORK.length + 1), name);
      }
    }
    if (!content && source.report.rejected === 0) throw new InputError(`${input.name}: empty file`);
  }
};

/** Throws if the first non-blank line, which is not JSON, shows the file is not a dump at all. */
function unusable(name: string, number: number, text: string): void {
  if (text.includes("\u0000")) throw new InputError(`${name}: looks binary, not text`);
  if (text.trimStart().startsWith("[")) {
    throw new InputError(
      `${name}: line ${number}: a JSON array, not one JSON object per line (expected a Pushshift NDJSON dump)`
    );
  }
}

const SKIP_DELETED = Symbol("deleted author");

interface Parsed {
  account: RowOf<"accounts">;
  post: RowOf<"posts"> & {created_at: Date};
  score: number | null;
}

/** The rows of one comment or submission, a rejection reason, or SKIP_DELETED. */
function parseRecord(record: Json): Parsed | string | typeof SKIP_DELETED {
  const comment = "parent_id" in record || "body" in record;
  if (!comment && !("title" in record)) return "neither a comment nor a submission (no parent_id, body or title)";
  const rawId = record.id ?? record.name;
  const id = typeof rawId === "string" ? NATIVE_ID.exec(rawId)?.[1] : undefined;
  if (id === undefined) return "missing id";
  const author = record.author;
  if (typeof author !== "string" || !author) return "missing author";
  if (DELETED.has(author)) return SKIP_DELETED;
  const created = unixTime(record.created_utc);
  if (!created) return "timestamp is not a valid date";
  let parent: string | undefined;
  let root: string | undefined;
  if (comment) {
    if (typeof record.parent_id !== "string" || !THING_ID.test(record.parent_id)) {
      return "parent_id is not a t1_ or t3_ id";
    }
    parent = record.parent_id;
    if (record.link_id != null) {
      if (typeof record.link_id !== "string" || !LINK_ID.test(record.link_id)) return "link_id is not a t3_ id";
      root = record.link_id;
    } else if (parent.startsWith("t3_")) {
      root = parent;
    }
  }
  const subreddit = typeof record.subreddit === "string" && record.subreddit ? [record.subreddit] : null;
  const post: Parsed["post"] = {
    post_id: `${NETWORK}:${comment ? "t1" : "t3"}_${id}`,
    account_id: `${NETWORK}:${author}`,
    network: NETWORK,
    created_at: created,
    kind: comment ? "reply" : "post",
    parent_post_id: parent === undefined ? null : `${NETWORK}:${parent}`,
    root_post_id: root === undefined ? null : `${NETWORK}:${root}`,
    topics: subreddit,
    text: comment ? content(record.body) : submissionText(record.title, record.selftext)
  };
  const account: RowOf<"accounts"> = {account_id: post.account_id, network: NETWORK, handle: author};
  const authorCreated = unixTime(record.author_created_utc);
  if (authorCreated) account.created_at = authorCreated;
  const score = typeof record.score === "string" && NUMERIC.test(record.score) ? Number(record.score) : record.score;
  return {account, post, score: typeof score === "number" && Number.isFinite(score) ? score : null};
}

/** Seconds since the epoch, as a number or a numeric string, to a date; undefined if it is not one. */
function unixTime(value: unknown): Date | undefined {
  const seconds = typeof value === "string" && NUMERIC.test(value) ? Number(value) : value;
  if (typeof seconds !== "number" || !Number.isFinite(seconds)) return undefined;
  const date = new Date(Math.round(seconds * 1000));
  return Number.isFinite(date.getTime()) ? date : undefined;
}

/** A text field, or null when absent, empty or replaced by moderation. */
function content(value: unknown): string | null {
  return typeof value === "string" && value && !DELETED.has(value) ? value : null;
}

function submissionText(title: unknown, selftext: unknown): string | null {
  const head = content(title);
  const body = content(selftext);
  return head && body ? `${head}\n\n${body}` : (head ?? body);
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
