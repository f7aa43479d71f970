/**
 * One line of a Twitter15/16 tree file: `['parent_uid', 'parent_tweet_id', 'parent_delay']->['child_uid',
 * 'child_tweet_id', 'child_delay']`, two Python list literals joined by `->`, delays in minutes after the
 * source tweet; the tree's first edge comes from `['ROOT', 'ROOT', '0.0']`.
 */

export interface TreeNode {
  readonly uid: string;
  readonly tweet: string;
  /** Minutes after the source tweet (may be negative). */
  readonly delay: number;
}

export interface TreeEdge {
  /** Undefined for the edge from `['ROOT', 'ROOT', '0.0']` to the tree's root tweet. */
  readonly parent: TreeNode | undefined;
  readonly child: TreeNode;
}

export const EDGE_SHAPE = "expected ['uid', 'tweet', 'delay']->['uid', 'tweet', 'delay']";

// Python writes these strings with single quotes; double quotes are accepted too.
const NODE = /^\s*\[\s*(?:'([^']*)'|"([^"]*)")\s*,\s*(?:'([^']*)'|"([^"]*)")\s*,\s*(?:'([^']*)'|"([^"]*)")\s*\]\s*$/;
const DIGITS = /^\d+$/;
const MINUTES = /^-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?$/;

/** The edge on `text`, or the reason it is not one. */
export function parseEdge(text: string): TreeEdge | string {
  const halves = text.split("->");
  if (halves.length !== 2) return EDGE_SHAPE;
  const parent = NODE.exec(halves[0]!);
  const child = NODE.exec(halves[1]!);
  if (!parent || !child) return EDGE_SHAPE;
  const [pu, pt, pd] = fields(parent);
  const [cu, ct, cd] = fields(child);
  const root = pu === "ROOT" && pt === "ROOT";
  if (!DIGITS.test(cu) || (!root && !DIGITS.test(pu))) return "uid is not numeric";
  if (!DIGITS.test(ct) || (!root && !DIGITS.test(pt))) return "tweet id is not numeric";
  if (!MINUTES.test(cd) || !MINUTES.test(pd)) return "delay is not a number of minutes";
  return {
    parent: root ? undefined : {uid: pu, tweet: pt, delay: Number(pd)},
    child: {uid: cu, tweet: ct, delay: Number(cd)}
  };
}

function fields(match: RegExpExecArray): [string, string, string] {
  return [match[1] ?? match[2]!, match[3] ?? match[4]!, match[5] ?? match[6]!];
}

/** Twitter's snowflake epoch (2010-11-04T01:42:54.657Z) in milliseconds. */
const TWITTER_EPOCH = 1288834974657n;
/**
 * Tweets before November 2010 have sequential ids (below about 3·10^10) that decode to the snowflake epoch's
 * first seconds; an id that decodes to less than an hour after the epoch is taken to be one of those.
 */
const FIRST_HOUR = 3_600_000n;

/** The creation time encoded in a snowflake tweet id (`(id >> 22) + epoch`), or undefined for older ids. */
export function snowflakeTime(id: string): Date | undefined {
  if (!DIGITS.test(id)) return undefined;
  const offset = BigInt(id) >> 22n;
  if (offset < FIRST_HOUR) return undefined;
  const date = new Date(Number(offset + TWITTER_EPOCH));
  return Number.isFinite(date.getTime()) ? date : undefined;
}
