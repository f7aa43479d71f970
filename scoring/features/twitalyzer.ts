/**
 * What Twitalyzer's metrics count (INFLUENCE-METHODS.md §4), per post and per account, inside a window
 * [from, to).
 *
 * Entities of a post: with text, @mentions, links (`http://`, `https://`) and #hashtags found in the text,
 * and a retweet marker (`rt`, `r/t`, `retweet`, `via` as a word, any case), as Twitalyzer read them; without
 * text, mentions are the post's `mention` interactions (the account it mentioned, once each) and links and
 * hashtags are 0. Either way a repost or quote is a retweet. Posts with neither text nor mention interactions
 * thus carry only what their kind says.
 *
 * A reference is an @reference, a `mention` or `reply` interaction; a citation adds `quote`; a retweet is a
 * `repost`. Interactions with oneself are left out.
 */
import type {Db, Value} from "../db.js";
import {derived} from "../memo-db.js";
import {accountList, byAccount, type AccountList} from "./accounts.js";
import {accountCodes, indexedInteractions} from "./indexed.js";
import {REACTION_KINDS, type TimeWindow} from "./activity.js";
import {allReactionPairs} from "./reaction-pairs.js";
import {reportedCounts} from "./reported-counts.js";
import {inWindow, windowParams} from "./window.js";

// RE2 patterns (both engines use RE2). A mention or hashtag starts the text or follows a non-word character,
// so e-mail addresses and `a#b` are not entities; a hashtag needs a letter, as on Twitter.
const WORD = String.raw`\p{L}\p{N}_`;
export const MENTION_PATTERN = String.raw`(^|[^${WORD}])@[${WORD}]+`;
export const LINK_PATTERN = String.raw`(?i)https?://[^\s]+`;
export const HASHTAG_PATTERN = String.raw`(^|[^${WORD}&])#[${WORD}]*\p{L}[${WORD}]*`;
export const RETWEET_PATTERN = String.raw`(?i)(^|[^${WORD}])(rt|r/t|retweet|via)([^${WORD}]|$)`;

// The posts of the window with their entity counts; parameters from, from, to, to.
const POST_ENTITIES = `
windowed AS (
  SELECT post_id, account_id, kind, parent_post_id, text FROM posts WHERE ${inWindow("created_at")}
),
mentioned AS (
  SELECT i.post_id, count(DISTINCT i.target_id) AS mentions
  FROM interactions i JOIN windowed w ON w.post_id = i.post_id AND w.account_id = i.actor_id
  WHERE i.kind = 'mention' AND i.actor_id <> i.target_id AND w.text IS NULL
  GROUP BY i.post_id
),
entities AS (
  SELECT w.post_id, w.account_id, w.kind, w.parent_post_id,
    CASE WHEN w.text IS NULL THEN coalesce(m.mentions, 0)
      ELSE len(regexp_extract_all(w.text, '${MENTION_PATTERN}')) END AS mentions,
    coalesce(len(regexp_extract_all(w.text, '${LINK_PATTERN}')), 0) AS links,
    coalesce(len(regexp_extract_all(w.text, '${HASHTAG_PATTERN}')), 0) AS hashtags,
    w.kind IN ('repost', 'quote') OR coalesce(regexp_matches(w.text, '${RETWEET_PATTERN}'), false) AS retweet
  FROM windowed w LEFT JOIN mentioned m USING (post_id)
)`;

export interface PostEntities {
  post_id: string;
  account_id: string;
  mentions: number;
  links: number;
  hashtags: number;
  retweet: boolean;
  [column: string]: string | number | boolean;
}

export const POST_ENTITIES_SQL = `
WITH ${POST_ENTITIES}
SELECT post_id, account_id, mentions, links, hashtags, retweet FROM entities ORDER BY post_id
`;

/** The entity counts of every post inside the window. */
export function postEntities(db: Db, {from = null, to = null}: TimeWindow = {}): Promise<PostEntities[]> {
  return db.query<PostEntities>(POST_ENTITIES_SQL, windowParams({from, to}));
}

/** Per-account columns of one window, in `accountList` order. */
export interface AccountColumns<Name extends string> {
  readonly accounts: AccountList;
  readonly columns: Readonly<Record<Name, Float64Array>>;
}

/**
 * The numeric columns `names` of a query over the account codes (`sql` of their relation,
 * `scoring/features/indexed.ts`) that returns a row per account with anything to count (the account by index,
 * column `account`), every other account 0; read once per memoized view and `key`
 * (`derived`): the methods of the family share them, and must not change them.
 */
function accountColumns<Name extends string>(
  db: Db,
  key: readonly unknown[],
  names: readonly Name[],
  sql: (codes: string) => string,
  params: readonly Value[]
): Promise<AccountColumns<Name>> {
  return derived(db, key, async () => {
    const accounts = await accountList(db);
    const rows = await db.queryColumns<Record<Name | "account", number>>(sql(await accountCodes(db)), params);
    return {accounts, columns: byAccount(accounts.accountIds.length, rows, names)};
  });
}

export const UPDATE_COUNT_COLUMNS = ["updates"] as const;

// Parameters: from, from, to, to. A row per account that posted in the window, by its code in `codes`
// (`scoring/features/indexed.ts`).
export const updateCountsSql = (codes: string) => `
WITH updates AS (
  SELECT account_id, count(*) AS updates FROM posts WHERE ${inWindow("created_at")} GROUP BY account_id
)
SELECT n.account, u.updates::DOUBLE AS updates FROM updates u JOIN ${codes} n USING (account_id) WHERE n.account >= 0
`;

/** `updates`: posts of every kind each account made in the window. */
export function updateCounts(db: Db, window: TimeWindow = {}): Promise<AccountColumns<"updates">> {
  const params = windowParams(window);
  return accountColumns(db, ["twitalyzerUpdateCounts", ...params], UPDATE_COUNT_COLUMNS, updateCountsSql, params);
}

/**
 * What each account posted in the window:
 * - `updates`: posts of every kind;
 * - `signal_updates`: those with a mention, link, hashtag or retweet marker, or replying to someone (a reply
 *   addresses a person);
 * - `retweets_of_others`: retweets (reposts, quotes, text retweets) whose original is not known to be the
 *   account's own.
 */
export const UPDATE_FEATURE_COLUMNS = ["updates", "signal_updates", "retweets_of_others"] as const;

// Whether a text holds a mention, a link or a hashtag: one pass of the three patterns (each flag scoped to its
// group), which matches wherever one of them would.
const ENTITY_PATTERN = [MENTION_PATTERN, LINK_PATTERN, HASHTAG_PATTERN].map((pattern) => `(?:${pattern})`).join("|");

// Parameters: from, from, to, to. A post carries signal when it is a retweet or a reply, or when it has an entity:
// in its text, or, without text, a mention interaction (that of `POST_ENTITIES`). Each pattern is tried only on
// the texts whose answer is not yet known. A row per account that posted in the window, by its code in `codes`
// (`scoring/features/indexed.ts`).
export const updateFeaturesSql = (codes: string) => `
WITH windowed AS (
  SELECT post_id, account_id, kind, parent_post_id, text FROM posts WHERE ${inWindow("created_at")}
),
mentioning AS (
  SELECT DISTINCT i.post_id
  FROM interactions i JOIN windowed w ON w.post_id = i.post_id AND w.account_id = i.actor_id
  WHERE i.kind = 'mention' AND i.actor_id <> i.target_id AND w.text IS NULL
),
retweets AS (
  SELECT post_id, account_id, kind, parent_post_id, text,
    CASE WHEN kind IN ('repost', 'quote') THEN true WHEN text IS NULL THEN false
      ELSE regexp_matches(text, '${RETWEET_PATTERN}') END AS retweet
  FROM windowed
),
flagged AS (
  SELECT r.account_id, r.retweet AND coalesce(parent.account_id <> r.account_id, true) AS retweet_of_other,
    CASE WHEN r.retweet OR r.kind = 'reply' THEN true
      WHEN r.text IS NULL THEN r.post_id IN (SELECT post_id FROM mentioning)
      ELSE regexp_matches(r.text, '${ENTITY_PATTERN}') END AS signal
  FROM retweets r LEFT JOIN posts parent ON parent.post_id = r.parent_post_id
),
per_account AS (
  SELECT account_id, count(*) AS updates, count(*) FILTER (WHERE signal) AS signal_updates,
    count(*) FILTER (WHERE retweet_of_other) AS retweets_of_others
  FROM flagged GROUP BY account_id
)
SELECT n.account, p.updates::DOUBLE AS updates, p.signal_updates::DOUBLE AS signal_updates,
  p.retweets_of_others::DOUBLE AS retweets_of_others
FROM per_account p JOIN ${codes} n USING (account_id)
WHERE n.account >= 0
`;

/** What each account posted in the window: the columns of `UPDATE_FEATURE_COLUMNS`. */
export function updateFeatures(
  db: Db,
  window: TimeWindow = {}
): Promise<AccountColumns<(typeof UPDATE_FEATURE_COLUMNS)[number]>> {
  const params = windowParams(window);
  return accountColumns(db, ["twitalyzerUpdates", ...params], UPDATE_FEATURE_COLUMNS, updateFeaturesSql, params);
}

/**
 * Who referenced, quoted and reposted each account in the window, whom it did so to, and its followers:
 * - `followers`: reported followers, else follower in-degree, else 0;
 * - `references_received`: references (mentions and replies) the account received;
 * - `network_references`: references made by anyone in the account's network;
 * - `referencers`: distinct accounts that referenced it;
 * - `referenced`: distinct accounts it referenced;
 * - `citers`: distinct accounts that referenced or quoted it;
 * - `retweeters`: distinct accounts that reposted it;
 * - `retweeted`: distinct accounts it reposted.
 */
export const REFERENCE_FEATURE_COLUMNS = [
  "followers",
  "references_received",
  "network_references",
  "referencers",
  "referenced",
  "citers",
  "retweeters",
  "retweeted"
] as const;

// Parameters: from, from, to, to. The references made in each network, over the indexed interactions.
export const networkReferencesSql = (interactions: string) => `
SELECT network, count(*)::DOUBLE AS network_references FROM ${interactions}
WHERE kind IN ('mention', 'reply') AND actor <> target AND ${inWindow("ts")}
GROUP BY network
`;

type ReferenceColumn = (typeof REFERENCE_FEATURE_COLUMNS)[number];

/**
 * Who referenced, quoted and reposted each account in the window: the columns of `REFERENCE_FEATURE_COLUMNS`.
 * Distinct people are counted from the reaction pairs (`allReactionPairs`, which keep the reacted-to that are not
 * accounts: an account's references to them count among those it made), each pair counting once for each column it
 * meets: its mentions and replies for references, any quote for citers, any repost for retweeters.
 */
export function referenceFeatures(db: Db, window: TimeWindow = {}): Promise<AccountColumns<ReferenceColumn>> {
  const params = windowParams(window);
  return derived(db, ["twitalyzerReferences", ...params], async () => {
    // Sent together (`Db`): the engine goes from one query to the next without waiting for this code.
    const [accounts, {followers}, pairs, perNetwork] = await Promise.all([
      accountList(db),
      reportedCounts(db),
      allReactionPairs(db, window),
      indexedInteractions(db).then((interactions) =>
        db.queryColumns<{network: string; network_references: number}>(networkReferencesSql(interactions), params)
      )
    ]);
    const n = accounts.accountIds.length;
    const columns = Object.fromEntries(REFERENCE_FEATURE_COLUMNS.map((name) => [name, new Float64Array(n)])) as Record<
      ReferenceColumn,
      Float64Array
    >;
    columns.followers.set(followers);
    const ofKind = (kind: (typeof REACTION_KINDS)[number]) => pairs.counts[REACTION_KINDS.indexOf(kind)]!;
    const [mentions, replies, quotes, reposts] = [
      ofKind("mention"),
      ofKind("reply"),
      ofKind("quote"),
      ofKind("repost")
    ];
    for (let pair = 0; pair < pairs.source.length; pair++) {
      const references = mentions[pair]! + replies[pair]!;
      const [source, target] = [pairs.source[pair]!, pairs.target[pair]!];
      if (target >= 0) {
        columns.references_received[target] += references;
        if (references > 0) columns.referencers[target]++;
        if (references > 0 || quotes[pair]! > 0) columns.citers[target]++;
        if (reposts[pair]! > 0) columns.retweeters[target]++;
      }
      if (source >= 0) {
        if (references > 0) columns.referenced[source]++;
        if (reposts[pair]! > 0) columns.retweeted[source]++;
      }
    }
    const references = new Map(perNetwork.network.map((network, i) => [network, perNetwork.network_references[i]!]));
    accounts.networks.forEach((network, i) => (columns.network_references[i] = references.get(network) ?? 0));
    return {accounts, columns};
  });
}
