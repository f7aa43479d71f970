/**
 * Twitter15 / Twitter16 rumour propagation trees (Ma, Gao & Wong 2017, "Detect Rumors in Microblog Posts
 * Using Propagation Structure via Kernel Learning", ACL, https://aclanthology.org/P17-1066/; the
 * `rumor_detection_acl2017` release). A folder or archive (`.tar.gz`, `.zip`) holding `twitterNN/label.txt`
 * (`label:source_tweet_id` per line) and `twitterNN/tree/<source_tweet_id>.txt`, one propagation edge per line:
 * `['parent_uid', 'parent_tweet_id', 'parent_delay']->['child_uid', 'child_tweet_id', 'child_delay']`, delays in
 * minutes after the source tweet, the tree's root tweet given by an edge from `['ROOT', 'ROOT', '0.0']`. Several
 * releases in one folder (twitter15/ and twitter16/) are each read; `label.txt` or `tree/` may sit at the top.
 *
 * The data gives delays, not times: the source tweet's time is decoded from its id, a Twitter snowflake
 * (`(id >> 22) + 1288834974657` ms), and every node's time is that plus its delay. Negative delays (a node
 * before the source tweet: in some trees the labelled tweet is itself a retweet of an earlier root) are kept.
 *
 * What becomes what (all on network `twitter`, uids and tweet ids as native ids, uid as handle):
 * - each edge → an interaction `repost` from the child's uid to the parent's uid at the child's time, about the
 *   tree's source tweet (the file name: the cascade everyone joined, so `GROUP BY post_id` gives cascade sizes);
 *   the release does not say whether an edge is a retweet or a reply (its README is silent), and the issue asks
 *   for reposts. Both uids become accounts.
 * - the source tweet → a post (kind post, or repost of its parent when it is not the tree's root) by the uid
 *   that holds it in the tree, created at its snowflake time, with its label as topic: `rumor:<label>`
 *   (`rumor:false`, `rumor:true`, `rumor:unverified`, `rumor:non-rumor`). It is written with its label line,
 *   before any tree line, and a labelled tweet met inside another tree gets no post there: the first post row
 *   of an id wins, and it must be the one that carries the label.
 * - the tree's root tweet (the child of ROOT; the source tweet in nearly every tree) → a post of kind post.
 * - any other tweet id first seen as a child, when it differs from its parent's tweet id → a post of kind
 *   repost with parent = the parent's tweet and root = the tree's root. Most edges repeat the source tweet's id
 *   for the child (the retweet's own id was not kept), so they add an interaction and no post.
 *
 * Accounting: `label.txt` is one report source (records = its lines); the tree files of a release are another
 * (`<release>/tree`), whose "line" is the running line number over its tree files in path order, as
 * `LC_ALL=C cat tree/*.txt | sed -n '<line>p'` shows it; rejected lines are stored as `tree/<id>.txt:<line>: …`.
 * A label line is accepted with its source tweet's post once its tree is read, or rejected when the tree is
 * missing or lacks the tweet, when it is malformed or contradicts an earlier label (a repeated one is skipped).
 * Skipped tree lines: blank lines, a line repeated verbatim in the same tree ("duplicate edge"), and edges whose
 * parent and child are the same node ("edge from a node to itself"). Rejected: malformed lines, non-numeric
 * uids, tweet ids or delays, a second ROOT line, and every line of a tree file not named by a snowflake tweet
 * id (no time to place it). Files under `tree/` that do not end in `.txt` are not tree files and are ignored.
 * Each tree file is read whole (the largest real one has about 3,100 lines); beyond that, memory grows only
 * with the number of labels. Importing twitter15 and twitter16 together repeats the edges of the 169 trees
 * they share.
 */
import {InputError, isFolder, readText, type InputFolder} from "../../input.js";
import type {SourceRecorder, Sink} from "../../report.js";
import type {RowOf, TableRow} from "../../schema.js";
import type {Importer} from "../importer.js";
import {readLabels, type Label} from "./labels.js";
import {parseEdge, snowflakeTime, type TreeEdge} from "./tree.js";

const NETWORK = "twitter";
const LABEL_FILE = /(?:^|\/)label\.txt$/;
const TREE_FILE = /^((?:.*\/)?)tree\/([^/]+\.txt)$/;
const TWEET_FILE = /^(\d+)\.txt$/;

interface Release {
  /** The folder of the release inside the input (`twitter15/`), or "" at the top. */
  readonly prefix: string;
  readonly labels?: string;
  readonly trees: string[];
}

export const cascades: Importer = {
  name: "cascades",
  description: "Twitter15/16 rumour cascades (Ma et al. 2017): label.txt + tree/<id>.txt, folder or .tar.gz",
  detect({paths}) {
    const found = paths && releases(paths).filter((release) => release.labels && release.trees.some(isTweetFile));
    if (!found?.length) return undefined;
    const trees = found.reduce((n, release) => n + release.trees.filter(isTweetFile).length, 0);
    return `label.txt and ${trees} tree/<tweet id>.txt files (Twitter15/16 propagation trees)`;
  },
  async read(input, sink, {onProgress}) {
    if (!isFolder(input)) {
      throw new InputError(
        `${input.name}: cascades reads a folder or archive holding label.txt and tree/<tweet id>.txt, not one file`
      );
    }
    const found = releases(input.paths);
    if (found.length === 0) {
      throw new InputError(
        `${input.name}: no label.txt or tree/<tweet id>.txt files (expected a Twitter15/16 cascades release)`
      );
    }
    const total = found.reduce((n, release) => n + release.trees.length, 0);
    let done = 0;
    for (const release of found) {
      await readRelease(input, release, sink, () => onProgress?.(input.name, ++done / total));
    }
  }
};

function isTweetFile(path: string): boolean {
  return TWEET_FILE.test(path.slice(path.lastIndexOf("/") + 1));
}

/** The releases in a folder: each `label.txt` and `tree/*.txt` grouped by the folder holding them. */
function releases(paths: readonly string[]): Release[] {
  const byPrefix = new Map<string, {labels?: string; trees: string[]}>();
  const release = (prefix: string) => {
    let found = byPrefix.get(prefix);
    if (!found) byPrefix.set(prefix, (found = {trees: []}));
    return found;
  };
  for (const path of paths) {
    if (LABEL_FILE.test(path)) release(path.slice(0, -"label.txt".length)).labels = path;
    const tree = TREE_FILE.exec(path);
    if (tree) release(tree[1]!).trees.push(path);
  }
  return [...byPrefix].map(([prefix, found]) => ({prefix, ...found})).sort((a, b) => (a.prefix < b.prefix ? -1 : 1));
}

async function readRelease(input: InputFolder, release: Release, sink: Sink, progress: () => void): Promise<void> {
  let labels = new Map<string, Label>();
  let labelSource: SourceRecorder | undefined;
  if (release.labels) {
    labelSource = sink.source(cascades.name, `${input.name}/${release.labels}`);
    labels = await readLabels(input.file(release.labels)!, labelSource);
  }
  // A labelled tweet can also appear inside another tree; its post is written by its own label, with the topic.
  const labelled = new Set(labels.keys());
  const treeSource = sink.source(cascades.name, `${input.name}/${release.prefix}tree`);
  let line = 0;
  for (const path of release.trees) {
    const name = path.slice(release.prefix.length);
    const lines = splitLines(await readText(input.file(path)!));
    const id = TWEET_FILE.exec(path.slice(path.lastIndexOf("/") + 1))?.[1];
    const time = id === undefined ? undefined : snowflakeTime(id);
    const label = id === undefined ? undefined : labels.get(id);
    if (label) labels.delete(id!);
    if (id === undefined || !time) {
      // Without a source tweet id there is no time to put the delays on: nothing in this tree can be placed.
      const reason =
        id === undefined ? "tree file is not named <tweet id>.txt" : "source tweet id is not a snowflake (no time)";
      lines.forEach((text, i) => treeSource.reject(++line, reason, `${name}:${i + 1}: ${text}`));
      if (label) labelSource!.reject(label.line, reason, label.text);
    } else {
      const tree = new Tree(id, time, label && `rumor:${label.label}`, lines, labelled);
      tree.accountForLabel(label, labelSource);
      tree.accountForLines(treeSource, line, name);
      line += lines.length;
    }
    progress();
  }
  for (const label of labels.values())
    labelSource!.reject(label.line, "no tree file for this source tweet", label.text);
}

/** The lines of a file as `readLines` numbers them: LF or CRLF ends, no line after a final end. */
function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n").map((line) => (line.endsWith("\r") ? line.slice(0, -1) : line));
  if (text.endsWith("\n")) lines.pop();
  return lines;
}

/** One tree file, parsed whole so that its root and its source tweet's author are known before any row. */
class Tree {
  readonly #source: string;
  readonly #time: number;
  readonly #topic: string | undefined;
  readonly #lines: readonly string[];
  readonly #edges: (TreeEdge | string)[];
  /** Index of the first ROOT edge. */
  readonly #rootIndex: number;
  /** The tree's root tweet (the child of ROOT), if the tree has a ROOT line. */
  readonly #root: string | undefined;
  /** Tweets whose post row this tree has written. */
  readonly #posted = new Set<string>();
  /** The release's labelled source tweets, whose posts only their labels write. */
  readonly #labelled: ReadonlySet<string>;

  constructor(
    source: string,
    time: Date,
    topic: string | undefined,
    lines: readonly string[],
    labelled: ReadonlySet<string>
  ) {
    this.#source = source;
    this.#labelled = labelled;
    this.#time = time.getTime();
    this.#topic = topic;
    this.#lines = lines;
    this.#edges = lines.map((text) => (text.trim() ? parseEdge(text) : "blank line"));
    this.#rootIndex = this.#edges.findIndex((edge) => typeof edge !== "string" && !edge.parent);
    this.#root = this.#rootIndex < 0 ? undefined : (this.#edges[this.#rootIndex] as TreeEdge).child.tweet;
  }

  /** Accepts the label line with the source tweet's post, or rejects it when the tree lacks the tweet. */
  accountForLabel(label: Label | undefined, source: SourceRecorder | undefined): void {
    if (!label || !source) return;
    const edge =
      this.#root === this.#source
        ? (this.#edges[this.#rootIndex] as TreeEdge)
        : this.#edges.find(
            (edge): edge is TreeEdge => typeof edge !== "string" && edge.child.tweet === this.#source && !sameNode(edge)
          );
    if (!edge) {
      source.reject(label.line, "source tweet not found in its tree", label.text);
      return;
    }
    const post = this.#post(this.#source, edge);
    if (source.accept(label.line, [account(edge.child.uid), {table: "posts", row: post}], label.text)) {
      this.#posted.add(this.#source);
    }
  }

  /** Accounts for every line, numbering them from `first + 1`. */
  accountForLines(source: SourceRecorder, first: number, name: string): void {
    const seen = new Set<string>();
    this.#edges.forEach((edge, i) => {
      const line = first + i + 1;
      const text = this.#lines[i]!;
      const record = `${name}:${i + 1}: ${text}`;
      if (edge === "blank line") return source.skip("blank line");
      if (typeof edge === "string") return source.reject(line, edge, record);
      if (seen.has(text)) return source.skip("duplicate edge");
      seen.add(text);
      if (sameNode(edge)) return source.skip("edge from a node to itself");
      if (!edge.parent && i !== this.#rootIndex) return source.reject(line, "second ROOT line in the tree", record);
      const {parent, child} = edge;
      const ts = new Date(this.#time + Math.round(child.delay * 60_000));
      if (!Number.isFinite(ts.getTime())) return source.reject(line, "timestamp is not a valid date", record);
      const rows: TableRow[] = [account(child.uid)];
      // The root tweet's post comes from the ROOT line, wherever it is in the file; a child that repeats its
      // parent's tweet id has no tweet of its own; a labelled source tweet's post comes from its label.
      const posts =
        !this.#posted.has(child.tweet) &&
        !this.#labelled.has(child.tweet) &&
        (parent ? child.tweet !== this.#root && child.tweet !== parent.tweet : true);
      if (posts) rows.push({table: "posts", row: this.#post(child.tweet, edge)});
      if (parent) {
        rows.push(account(parent.uid), {
          table: "interactions",
          row: {
            ts,
            network: NETWORK,
            actor_id: `${NETWORK}:${child.uid}`,
            target_id: `${NETWORK}:${parent.uid}`,
            post_id: `${NETWORK}:${this.#source}`,
            kind: "repost"
          }
        });
      }
      if (source.accept(line, rows, record) && posts) this.#posted.add(child.tweet);
    });
  }

  /** The post of `tweet`, the child of `edge`. */
  #post(tweet: string, {parent, child}: TreeEdge): RowOf<"posts"> {
    const isSource = tweet === this.#source;
    const root = this.#root ?? this.#source;
    return {
      post_id: `${NETWORK}:${tweet}`,
      account_id: `${NETWORK}:${child.uid}`,
      network: NETWORK,
      // The source tweet's own id is the exact time; other tweets are placed by their delay.
      created_at: new Date(this.#time + (isSource ? 0 : Math.round(child.delay * 60_000))),
      kind: parent ? "repost" : "post",
      parent_post_id: parent ? `${NETWORK}:${parent.tweet}` : null,
      root_post_id: parent ? `${NETWORK}:${root}` : null,
      topics: isSource && this.#topic ? [this.#topic] : null
    };
  }
}

function sameNode({parent, child}: TreeEdge): boolean {
  return !!parent && parent.uid === child.uid && parent.tweet === child.tweet && parent.delay === child.delay;
}

function account(uid: string): TableRow {
  return {table: "accounts", row: {account_id: `${NETWORK}:${uid}`, network: NETWORK, handle: uid}};
}
