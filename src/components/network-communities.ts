/**
 * Communities of an ego network by Louvain modularity optimisation (Blondel, Guillaume, Lambiotte, Lefebvre 2008,
 * "Fast unfolding of communities in large networks"), as graphology-communities-louvain implements it, on the
 * undirected graph of the accounts shown, each pair weighted by its interactions (both directions, every kind).
 * Louvain visits nodes in a random order: the order comes from a seeded generator, so the same network always
 * gets the same communities.
 * (`scoring/graph/louvain.ts`).
 */
import {LOUVAIN_DEFAULTS, louvainCommunities} from "../scoring/graph/louvain.js";
import {compareIds, pairWeights, type EgoNetwork} from "./network.js";

export const COMMUNITY_DEFAULTS = LOUVAIN_DEFAULTS;

/**
 * Each account's community, numbered 0, 1, … from the largest community down (equal sizes: the one holding the
 * smallest account id first), so colours follow size rather than the algorithm's internal labels. An account
 * with no tie is a community of its own.
 *
 * @example
 * egoCommunities(egoNetwork(rows, "a")).get("a"); // => 0 when a's community is the largest
 */
export function egoCommunities(
  network: EgoNetwork,
  {
    seed = COMMUNITY_DEFAULTS.seed,
    resolution = COMMUNITY_DEFAULTS.resolution
  }: {seed?: number; resolution?: number} = {}
): Map<string, number> {
  const ids = network.nodes.map((node) => node.account_id).sort(compareIds);
  const pairs = pairWeights(network).map((pair) => ({...pair, weight: pair.interactions}));
  const labels = louvainCommunities(ids, pairs, {seed, resolution});

  const members = new Map<number, string[]>();
  for (const id of ids) {
    const label = labels[id]!;
    if (!members.has(label)) members.set(label, []);
    members.get(label)!.push(id);
  }
  // Members were added in id order, so each list's first id is its smallest.
  const ordered = [...members.values()].sort((a, b) => b.length - a.length || compareIds(a[0]!, b[0]!));
  const communities = new Map<string, number>();
  ordered.forEach((group, index) => group.forEach((id) => communities.set(id, index)));
  return communities;
}

/** A community of the network as its table shows it. */
export interface CommunitySummary {
  community: number;
  size: number;
  /** The member with the highest score (equal scores or none: the smallest account id). */
  top: string;
  /** Interactions between two of its members. */
  inside: number;
}

/** One row per community, in community order; `score` gives an account's score (undefined: not scored). */
export function communitySummaries(
  network: EgoNetwork,
  communities: ReadonlyMap<string, number>,
  score: (accountId: string) => number | undefined
): CommunitySummary[] {
  const summaries = new Map<number, CommunitySummary>();
  const rank = (id: string) => score(id) ?? -Infinity;
  for (const {account_id} of network.nodes) {
    const community = communities.get(account_id)!;
    const summary = summaries.get(community);
    if (!summary) {
      summaries.set(community, {community, size: 1, top: account_id, inside: 0});
      continue;
    }
    summary.size++;
    if (rank(account_id) > rank(summary.top) || (rank(account_id) === rank(summary.top) && account_id < summary.top))
      summary.top = account_id;
  }
  for (const pair of pairWeights(network)) {
    const community = communities.get(pair.source)!;
    if (community === communities.get(pair.target)) summaries.get(community)!.inside += pair.interactions;
  }
  return [...summaries.values()].sort((a, b) => a.community - b.community);
}
