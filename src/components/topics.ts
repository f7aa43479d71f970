/**
 * The topics page: who is influential on one topic by PeerIndex-style Authority (the personalised PageRank of
 * who reacts to whom on the topic's posts, `scoring/methods/peerindex-topics.ts`) beside the Klout-style score,
 * which knows no topics, and how far the two agree on the topic's members.
 */
import {spearman, topK, topKOverlap} from "../scoring/compare/index.js";
import type {TopicMember} from "../scoring/methods/peerindex-topics.js";
import {rankDescending, type ScoreRow} from "../scoring/score.js";
import {methodScatter} from "./compare.js";

/** One member of the topic, as the page's table shows it. */
export interface TopicRow {
  account_id: string;
  handle: string;
  network: string;
  /** Rank by Authority among the topic's members, 1 for the highest; ties share the best rank. */
  rank: number;
  /** Authority on the topic: the mid-rank percentile of its personalised PageRank among the members, 0–100. */
  authority: number;
  /** Its personalised PageRank over the members' average (1: an average member of the topic). */
  pagerankRatio: number;
  /** Its posts on the topic. */
  posts: number;
  /** Klout-style score, 1–100, when the dataset can feed the method. */
  kloutScore: number | null;
  /** Klout-style raw value (what its rank orders). */
  kloutValue: number | null;
  /** Klout-style rank among all accounts of the dataset. */
  kloutRank: number | null;
  /** Klout-style rank among the topic's members alone. */
  kloutTopicRank: number | null;
}

/**
 * The topic's members (`topicMembersByAuthority`, highest Authority first) joined with their Klout-style rows
 * and their handles, in the members' order. A member without a Klout-style row keeps nulls there.
 *
 * @example topicRanking(members, await scoreMethod(db, "klout"), handles)[0] // {rank: 1, authority: 97.5, kloutRank: 12, …}
 */
export function topicRanking(
  members: readonly TopicMember[],
  klout: readonly ScoreRow[],
  accounts: ReadonlyMap<string, {handle: string; network: string}>
): TopicRow[] {
  const kloutOf = new Map(klout.map((row) => [row.account_id, row]));
  const rows = members.map((member) => kloutOf.get(member.account_id));
  const scored = rows.flatMap((row, i) => (row ? [i] : []));
  const topicRanks = rankDescending(scored.map((i) => rows[i]!.value));
  const kloutTopicRank = new Map(scored.map((i, k) => [i, topicRanks[k]!]));
  const ranks = rankDescending(members.map((member) => member.authority));
  return members.map((member, i) => {
    const row = rows[i];
    const account = accounts.get(member.account_id);
    return {
      account_id: member.account_id,
      handle: account?.handle ?? member.account_id,
      network: account?.network ?? "",
      rank: ranks[i]!,
      authority: member.authority,
      pagerankRatio: member.pagerank * member.members,
      posts: member.posts,
      kloutScore: row?.score ?? null,
      kloutValue: row?.value ?? null,
      kloutRank: row?.rank ?? null,
      kloutTopicRank: kloutTopicRank.get(i) ?? null
    };
  });
}

/** How far Authority on the topic and the Klout-style score agree on the topic's members. */
export interface TopicAgreement {
  /** Members with both. */
  members: number;
  /** Spearman's ρ between Authority and the Klout-style value; NaN when either is constant. */
  spearman: number;
  /** Length of the top lists compared: the requested k, capped at the members. */
  k: number;
  /** Members in both top-k lists. */
  shared: number;
}

/** Spearman's ρ and the top-k overlap of Authority and the Klout-style value over the members that have both. */
export function topicAgreement(rows: readonly TopicRow[], {k = 10}: {k?: number} = {}): TopicAgreement {
  const both = rows.filter((row) => row.kloutValue !== null);
  const ids = both.map((row) => row.account_id);
  const authority = both.map((row) => row.authority);
  const klout = both.map((row) => row.kloutValue!);
  if (both.length === 0) return {members: 0, spearman: NaN, k: 0, shared: 0};
  const byAuthority = topK(authority, ids, k);
  const byKlout = topK(klout, ids, k);
  return {
    members: both.length,
    spearman: spearman(authority, klout),
    k: byAuthority.indices.length,
    shared: topKOverlap(byAuthority.indices, byKlout.indices).shared
  };
}

/** A scatter of the members: Authority's PageRank over the topic's average across, the Klout-style score up. */
export function topicScatter(rows: readonly TopicRow[], {topic, width = 640}: {topic: string; width?: number}) {
  const points = rows.flatMap((row) =>
    row.kloutScore === null
      ? []
      : [{account_id: row.account_id, handle: row.handle, x: row.pagerankRatio, y: row.kloutScore}]
  );
  return methodScatter(points, {
    xLabel: `PageRank on ${topic} (× the topic's average member)`,
    yLabel: "Klout-style score",
    width
  });
}
