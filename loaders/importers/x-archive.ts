/**
 * The X (Twitter) "download your data" archive, as its folder or `.zip`. Every data file is a script,
 * `window.YTD.<name>.part<N> = [ … ]`, whose array is streamed after the `=` (never evaluated); big files are
 * split as `tweets.js`, `tweets-part1.js`, …. The layout and the examples followed here are those of
 * TheExGenesis/community-archive, `docs/archive_data.md` (https://github.com/TheExGenesis/community-archive), which
 * documents the files of current archives; archives made before about 2020 name the tweets file `tweet.js` and
 * list bare tweet objects, as archive readers of that time describe. Files read, in this order:
 *
 * - `data/account.js` `[{"account": {accountId, username, accountDisplayName, createdAt, …}}]`: the owner,
 *   author of every tweet (the archive's tweets carry no `user`). Required. Email and
 *   phone are never read.
 * - `data/tweets.js` (older archives: `data/tweet.js`, elements without the `{"tweet": …}` wrapper): the
 *   owner's tweets, v1.1 objects whose numbers are strings ("favorite_count": "12", ids, indices). Replies,
 *   mentions and their rules are those of the API (`twitter/v1.ts`). Retweets are only text, `RT @user: …`: a
 *   post of kind `repost` and a repost interaction to the account with that handle, whose id is taken from the
 *   tweet's `entities.user_mentions` (Twitter lists the retweeted user there); when no mention carries it, the
 *   account id is built from the handle, `twitter:@<handle>` (the `@` marks an id that is a handle, not a
 *   number). The original's id is known only when a retweeted photo or video names it
 *   (`entities.media[].source_status_id_str`): then it is the repost's parent and the interaction's post.
 *   The retweet's other mentions are the original author's and are not counted.
 * - `data/like.js` `[{"like": {tweetId, fullText, expandedUrl}}]`: skipped, since a like needs its target
 *   account and time and the archive gives neither: "like: the archive names neither the liked tweet's author
 *   nor when it was liked", or, for the owner's own tweets (whose author is known), "like of the owner's own
 *   tweet: the archive does not date likes".
 * - `data/follower.js`, `data/following.js` `[{"follower": {accountId, userLink}}]`: follows rows (without a
 *   date: the archive has none) and the accounts, known by id only (the id doubles as handle).
 * - `data/profile.js`: skipped ("profile: bio, website and images are not part of the model").
 *
 * Each file is a source; records are numbered by their 1-based index in the file's array.
 */
import {InputError, head, isFolder, type InputFile, type InputFolder} from "../input.js";
import type {SourceRecorder} from "../report.js";
import type {Account} from "../schema.js";
import type {ImportOptions, Importer} from "./importer.js";
import {parseIsoDate, parseTwitterDate} from "./twitter/dates.js";
import {readJsonDocument} from "./twitter/json-stream.js";
import {NETWORK, RecordRows, accountId, minimalAccount, postId} from "./twitter/rows.js";
import {INVALID_DATE, addV1Tweet, tweetText} from "./twitter/v1.js";
import {excerpt, idOf, isRecord, recordAt, textOf, type JsonRecord} from "./twitter/values.js";

const NAME = "x-archive";
const MARKER = /(^|\/)data\/(tweets?|account)(-part\d+)?\.js$/;
const YTD_PREFIX = /^\uFEFF?\s*window\.YTD\.\w+\.part\d+\s*=\s*/;
const RETWEET = /^RT @(\w{1,15}):/;

export const xArchive: Importer = {
  name: NAME,
  description: "X/Twitter 'download your data' archive, folder or .zip: tweets, follows (likes are reported)",
  detect({paths}) {
    const marker = paths?.find((path) => MARKER.test(path));
    return marker ? `X archive (${marker})` : undefined;
  },
  async read(input, sink, options) {
    if (!isFolder(input)) {
      throw new InputError(`${input.name}: x-archive reads the archive's folder or .zip, not a single file`);
    }
    const marker = input.paths.find((path) => MARKER.test(path));
    if (!marker) throw new InputError(`${input.name}: no data/tweets.js or data/account.js (expected an X archive)`);
    const root = marker.slice(0, marker.lastIndexOf("data/"));
    const files = (...names: string[]) => dataFiles(input, root, names);
    const accounts = files("account");
    const tweets = files("tweets", "tweet");
    if (accounts.length === 0) {
      throw new InputError(
        `${input.name}: no data/account.js (it names the archive's owner, the author of its tweets)`
      );
    }
    const context = {owner: undefined as Account | undefined, ownTweets: new Set<string>()};
    const each = async (file: InputFile, read: (record: unknown, line: number, source: SourceRecorder) => void) => {
      const source = sink.source(NAME, file.name);
      let line = 0;
      for await (const record of readArchiveFile(file, options)) read(record, ++line, source);
    };
    for (const file of accounts) {
      await each(file, (record, line, source) => {
        const owner = readAccount(record, line, source);
        context.owner ??= owner;
      });
    }
    const owner = context.owner;
    if (!owner) throw new InputError(`${accounts[0]!.name}: no valid account record (the archive's owner)`);
    for (const file of tweets) await each(file, (record, line, source) => readTweet(record, line, source, context));
    for (const file of files("like")) {
      await each(file, (record, line, source) => {
        const like = recordAt(record, "like");
        if (!like) return source.reject(line, 'expected a {"like": …} object', excerpt(record));
        const id = idOf(like, "tweetId");
        source.skip(
          id && context.ownTweets.has(id)
            ? "like of the owner's own tweet: the archive does not date likes"
            : "like: the archive names neither the liked tweet's author nor when it was liked"
        );
      });
    }
    for (const [name, follows] of [
      ["follower", (other: string) => [other, owner.account_id]],
      ["following", (other: string) => [owner.account_id, other]]
    ] as const) {
      for (const file of files(name)) {
        await each(file, (record, line, source) => {
          const id = idOf(recordAt(record, name), "accountId");
          if (!id) return source.reject(line, `${name}.accountId missing`, excerpt(record));
          const [follower, followee] = follows(accountId(id));
          source.accept(line, [
            {table: "accounts", row: owner},
            {table: "accounts", row: minimalAccount(id)},
            {table: "follows", row: {follower_id: follower, followee_id: followee, network: NETWORK}}
          ]);
        });
      }
    }
    for (const file of files("profile")) {
      await each(file, (_record, _line, source) =>
        source.skip("profile: bio, website and images are not part of the model")
      );
    }
  }
};

/** The data files `data/<name>.js`, `data/<name>-part1.js`, … in part order. */
function dataFiles(folder: InputFolder, root: string, names: readonly string[]): InputFile[] {
  const found: [number, string][] = [];
  for (const name of names) {
    const pattern = new RegExp(`^${escape(root)}data/${name}(?:-part(\\d+))?\\.js$`);
    for (const path of folder.paths) {
      const match = pattern.exec(path);
      if (match) found.push([Number(match[1] ?? 0), path]);
    }
  }
  return found.sort((a, b) => a[0] - b[0]).map(([, path]) => folder.file(path)!);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The elements of the array a `window.YTD.<name>.part<N> = [ … ]` script assigns. */
async function* readArchiveFile(file: InputFile, {onProgress}: ImportOptions): AsyncGenerator<unknown> {
  const sample = await head(file, 1024);
  if (sample.byteLength === 0) throw new InputError(`${file.name}: empty file`);
  // ignoreBOM keeps a byte-order mark in the text, so the prefix's byte length counts it.
  const prefix = YTD_PREFIX.exec(new TextDecoder("utf-8", {ignoreBOM: true}).decode(sample));
  if (!prefix) {
    throw new InputError(`${file.name}: not an X archive data file (expected "window.YTD.<name>.part<N> = [")`);
  }
  yield* readJsonDocument(file, {
    skipBytes: new TextEncoder().encode(prefix[0]).byteLength,
    allowSemicolon: true,
    arrayOnly: true,
    onProgress: onProgress && ((fraction) => onProgress(file.name, fraction))
  });
}

/** The owner's account from an `account.js` record, accepted; undefined if the record is rejected. */
function readAccount(record: unknown, line: number, source: SourceRecorder): Account | undefined {
  const account = recordAt(record, "account");
  const id = idOf(account, "accountId");
  if (!account || !id) {
    source.reject(line, "account.accountId missing", excerpt(record));
    return undefined;
  }
  const row = minimalAccount(id, textOf(account.username), textOf(account.accountDisplayName));
  if (account.createdAt != null) {
    const created = parseIsoDate(account.createdAt);
    if (!created) {
      source.reject(line, INVALID_DATE, excerpt(record));
      return undefined;
    }
    row.created_at = created;
  }
  source.accept(line, [{table: "accounts", row}]);
  return row;
}

interface TweetContext {
  readonly owner?: Account;
  /** Ids of the owner's tweets, to tell likes of them apart. */
  readonly ownTweets: Set<string>;
}

function readTweet(record: unknown, line: number, source: SourceRecorder, context: TweetContext): void {
  // Current archives wrap each tweet as {"tweet": {…}}; older ones list the tweets themselves.
  const tweet = recordAt(record, "tweet") ?? (isRecord(record) && "id_str" in record ? record : undefined);
  if (!tweet) return source.reject(line, 'expected a {"tweet": …} object', excerpt(record));
  const id = idOf(tweet, "id");
  if (id && source.hasPost(postId(id))) return source.skip("duplicate post");
  const rows = new RecordRows();
  const owner = context.owner!;
  const retweeted = RETWEET.exec(tweetText(tweet).text ?? "");
  const reason = retweeted
    ? addRetweet(tweet, retweeted[1]!, rows, owner)
    : addV1Tweet(tweet, rows, {stored: (post) => source.hasPost(post), author: owner});
  if (reason) return source.reject(line, reason, excerpt(tweet));
  context.ownTweets.add(id!);
  source.accept(line, rows.rows());
}

/** A retweet as the archive has it: text beginning `RT @handle:`. */
function addRetweet(tweet: JsonRecord, handle: string, rows: RecordRows, owner: Account): string | undefined {
  const id = idOf(tweet, "id");
  if (!id) return "tweet id_str missing";
  const ts = parseTwitterDate(tweet.created_at);
  if (!ts) return INVALID_DATE;
  const {text, entities} = tweetText(tweet);
  const mentions = Array.isArray(entities?.user_mentions) ? entities.user_mentions : [];
  const mention = mentions.find(
    (item) => isRecord(item) && textOf(item.screen_name)?.toLowerCase() === handle.toLowerCase() && idOf(item, "id")
  ) as JsonRecord | undefined;
  const target = mention
    ? minimalAccount(idOf(mention, "id")!, textOf(mention.screen_name), textOf(mention.name))
    : {account_id: `${NETWORK}:@${handle}`, network: NETWORK, handle};
  const media = [
    ...(Array.isArray(entities?.media) ? entities.media : []),
    ...(Array.isArray(recordAt(tweet, "extended_entities")?.media)
      ? (recordAt(tweet, "extended_entities")!.media as unknown[])
      : [])
  ];
  const original = media.map((item) => idOf(item, "source_status_id")).find((source) => source !== undefined);
  const parent = original ? postId(original) : null;
  rows.account(owner);
  rows.account(target);
  rows.post({
    post_id: postId(id),
    account_id: owner.account_id,
    network: NETWORK,
    created_at: ts,
    kind: "repost",
    parent_post_id: parent,
    lang: textOf(tweet.lang) ?? null,
    text: text ?? null
  });
  rows.interaction({
    ts,
    network: NETWORK,
    actor_id: owner.account_id,
    target_id: target.account_id,
    post_id: parent,
    kind: "repost"
  });
  return undefined;
}
