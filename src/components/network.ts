/**
 * The network explorer's ego network: the accounts within one or two hops of a centre account in the graph of
 * interactions (either direction, any kind, oneself left out), and the ties among them, aggregated by pair and
 * kind. The database returns every tie of that neighbourhood; `egoNetwork` then keeps at most `maxNodes`
 * accounts, the closest and most strongly tied first, so a page can draw it.
 */
import type {Db} from "../scoring/db.js";

/** Interactions of one kind from `actor_id` to `target_id`, as the edge query returns them. */
export interface PairKindRow {
  actor_id: string;
  target_id: string;
  kind: string;
  interactions: number;
}

/** How far from the centre the network reaches. */
export type Hops = 1 | 2;

/**
 * Interactions among the accounts within parameter 2 hops (1 or 2) of the account of parameter 1, by actor,
 * target and kind, oneself left out. Ordered so the same data gives the same rows.
 */
export const EGO_EDGES_SQL = `
WITH ring1 AS (
  SELECT target_id AS account_id FROM interactions WHERE actor_id = ?1 AND target_id <> ?1
  UNION
  SELECT actor_id FROM interactions WHERE target_id = ?1 AND actor_id <> ?1
),
ring2 AS (
  SELECT i.target_id AS account_id FROM interactions i JOIN ring1 r ON i.actor_id = r.account_id WHERE ?2::INTEGER >= 2
  UNION
  SELECT i.actor_id FROM interactions i JOIN ring1 r ON i.target_id = r.account_id WHERE ?2::INTEGER >= 2
),
ball AS (SELECT ?1 AS account_id UNION SELECT account_id FROM ring1 UNION SELECT account_id FROM ring2)
SELECT i.actor_id, i.target_id, i.kind, count(*) AS interactions
FROM interactions i
WHERE i.actor_id <> i.target_id
  AND i.actor_id IN (SELECT account_id FROM ball)
  AND i.target_id IN (SELECT account_id FROM ball)
GROUP BY ALL
ORDER BY i.actor_id, i.target_id, i.kind
`;

/** Every tie among the accounts within `hops` of `accountId`. */
export function egoEdges(db: Db, accountId: string, hops: Hops): Promise<PairKindRow[]> {
  return db.query<PairKindRow & Record<string, string | number>>(EGO_EDGES_SQL, [accountId, hops]);
}

/** An account of the ego network. */
export interface EgoNode {
  account_id: string;
  /** Its distance from the centre: 0 for the centre itself. */
  hop: number;
  /** Its tie to the ring inside it: interactions with the centre (hop 1), or with the hop-1 accounts (hop 2). */
  strength: number;
  /** Interactions it received from the other accounts shown. */
  interactionsIn: number;
  /** Interactions it made to the other accounts shown. */
  interactionsOut: number;
}

/** The interactions of one kind between two accounts shown, `source` < `target`, counted per direction. */
export interface EgoEdge {
  source: string;
  target: string;
  kind: string;
  /** From `source` to `target`. */
  forward: number;
  /** From `target` to `source`. */
  backward: number;
}

export interface EgoNetwork {
  centre: string;
  hops: Hops;
  /** The centre first, then the others from the closest and most strongly tied. */
  nodes: EgoNode[];
  edges: EgoEdge[];
  /** Accounts within `hops` of the centre, the centre excluded. */
  reachable: number;
  /** Of those, how many the cap left out. */
  omitted: number;
}

export const EGO_NETWORK_DEFAULTS = {hops: 1 as Hops, maxNodes: 150};

/**
 * The ego network of `centre` in `rows` (interactions by pair and kind; self-interactions are ignored): every
 * account within `hops`, up to `maxNodes` accounts with the centre. When there are more, the closer ones come
 * first, and among equally close ones those with the stronger tie (most interactions, both directions, with the
 * centre for hop 1, with all hop-1 accounts for hop 2), then by account id. Every hop-2 account kept is tied to
 * a hop-1 account kept, since hop 2 is reached only once hop 1 fits whole.
 *
 * @example
 * egoNetwork([{actor_id: "b", target_id: "a", kind: "like", interactions: 2}], "a").nodes.map((n) => n.account_id);
 * // => ["a", "b"]
 */
export function egoNetwork(
  rows: readonly PairKindRow[],
  centre: string,
  {hops = EGO_NETWORK_DEFAULTS.hops, maxNodes = EGO_NETWORK_DEFAULTS.maxNodes}: {hops?: Hops; maxNodes?: number} = {}
): EgoNetwork {
  if (hops !== 1 && hops !== 2) throw new Error(`network: hops must be 1 or 2, got ${String(hops)}`);
  if (!Number.isInteger(maxNodes) || maxNodes < 1)
    throw new Error(`network: maxNodes must be a positive integer, got ${maxNodes}`);
  const ties = rows.filter((row) => row.actor_id !== row.target_id);

  // Interactions between each pair of accounts, both directions and every kind together.
  const weights = new Map<string, Map<string, number>>();
  const addWeight = (a: string, b: string, interactions: number) => {
    if (!weights.has(a)) weights.set(a, new Map());
    weights.get(a)!.set(b, (weights.get(a)!.get(b) ?? 0) + interactions);
  };
  for (const row of ties) {
    addWeight(row.actor_id, row.target_id, row.interactions);
    addWeight(row.target_id, row.actor_id, row.interactions);
  }

  // Hop by hop from the centre; each account's strength is its tie to the ring before.
  const hopOf = new Map<string, number>([[centre, 0]]);
  const rings: EgoNode[][] = [];
  let ring = [centre];
  for (let hop = 1; hop <= hops; hop++) {
    const strengths = new Map<string, number>();
    for (const inner of ring) {
      for (const [other, weight] of weights.get(inner) ?? []) {
        if (hopOf.has(other) && hopOf.get(other)! < hop) continue;
        strengths.set(other, (strengths.get(other) ?? 0) + weight);
      }
    }
    const next = [...strengths]
      .map(([account_id, strength]) => ({account_id, hop, strength, interactionsIn: 0, interactionsOut: 0}))
      .sort((a, b) => b.strength - a.strength || compareIds(a.account_id, b.account_id));
    for (const node of next) hopOf.set(node.account_id, hop);
    rings.push(next);
    ring = next.map((node) => node.account_id);
  }

  const candidates = rings.flat();
  const nodes: EgoNode[] = [
    {account_id: centre, hop: 0, strength: 0, interactionsIn: 0, interactionsOut: 0},
    ...candidates.slice(0, maxNodes - 1)
  ];
  const shown = new Map(nodes.map((node) => [node.account_id, node]));

  const edges = new Map<string, EgoEdge>();
  for (const row of ties) {
    const actor = shown.get(row.actor_id);
    const target = shown.get(row.target_id);
    if (!actor || !target) continue;
    actor.interactionsOut += row.interactions;
    target.interactionsIn += row.interactions;
    const forward = compareIds(row.actor_id, row.target_id) < 0;
    const [source, other] = forward ? [row.actor_id, row.target_id] : [row.target_id, row.actor_id];
    const key = JSON.stringify([source, other, row.kind]);
    const edge = edges.get(key) ?? {source, target: other, kind: row.kind, forward: 0, backward: 0};
    if (forward) edge.forward += row.interactions;
    else edge.backward += row.interactions;
    edges.set(key, edge);
  }
  const edgeList = [...edges.values()].sort(
    (a, b) => compareIds(a.source, b.source) || compareIds(a.target, b.target) || compareIds(a.kind, b.kind)
  );
  return {
    centre,
    hops,
    nodes,
    edges: edgeList,
    reachable: candidates.length,
    omitted: candidates.length - (nodes.length - 1)
  };
}

/** Code-unit order, the same on every machine (unlike `localeCompare`). */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The interactions between two accounts of the network, both directions and every kind together. */
export function pairWeights(network: EgoNetwork): {source: string; target: string; interactions: number}[] {
  const pairs = new Map<string, {source: string; target: string; interactions: number}>();
  for (const edge of network.edges) {
    const key = JSON.stringify([edge.source, edge.target]);
    const pair = pairs.get(key) ?? {source: edge.source, target: edge.target, interactions: 0};
    pair.interactions += edge.forward + edge.backward;
    pairs.set(key, pair);
  }
  return [...pairs.values()];
}
