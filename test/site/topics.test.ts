// @vitest-environment jsdom
/**
 * The topics page's join of a topic's members by Authority with the Klout-style rows, the agreement of the two,
 * the scatter and the topic in the URL, on members written by hand.
 */
import {describe, expect, it} from "vitest";
import type {TopicMember} from "../../scoring/methods/peerindex-topics.js";
import type {ScoreRow} from "../../scoring/score.js";
import {topicAgreement, topicRanking, topicScatter} from "../../src/components/topics.js";

const member = (account_id: string, authority: number, pagerank: number, posts: number): TopicMember => ({
  account_id,
  topic: "physics",
  authority,
  pagerank,
  members: 4,
  posts
});
const klout = (account_id: string, value: number, score: number, rank: number): ScoreRow => ({
  account_id,
  method: "klout",
  value,
  score,
  rank
});

// Four members, highest Authority first; c and d tie. PageRanks sum to 1, so × 4 is over the average member.
const MEMBERS = [
  member("t:a", 87.5, 0.375, 2),
  member("t:b", 62.5, 0.25, 1),
  member("t:c", 25, 0.1875, 0),
  member("t:d", 25, 0.1875, 0)
];
// t:d has no Klout-style row; t:z is no member of the topic.
const KLOUT = [klout("t:z", 9, 99, 1), klout("t:b", 3, 60, 2), klout("t:c", 2, 45, 4), klout("t:a", 1, 30, 6)];
const ACCOUNTS = new Map([
  ["t:a", {handle: "<b>alice</b>", network: "t"}],
  ["t:b", {handle: "bob", network: "t"}],
  ["t:c", {handle: "carol", network: "m"}]
]);

describe("topicRanking(members, klout, accounts)", () => {
  it("joins each member with its Klout-style row, ranks it on the topic by both, in the members' order", () => {
    expect(topicRanking(MEMBERS, KLOUT, ACCOUNTS)).toEqual([
      // Klout-style values among the members: b 3, c 2, a 1, so a is third on the topic by Klout.
      {
        account_id: "t:a",
        handle: "<b>alice</b>",
        network: "t",
        rank: 1,
        authority: 87.5,
        pagerankRatio: 1.5,
        posts: 2,
        kloutScore: 30,
        kloutValue: 1,
        kloutRank: 6,
        kloutTopicRank: 3
      },
      {
        account_id: "t:b",
        handle: "bob",
        network: "t",
        rank: 2,
        authority: 62.5,
        pagerankRatio: 1,
        posts: 1,
        kloutScore: 60,
        kloutValue: 3,
        kloutRank: 2,
        kloutTopicRank: 1
      },
      {
        account_id: "t:c",
        handle: "carol",
        network: "m",
        rank: 3,
        authority: 25,
        pagerankRatio: 0.75,
        posts: 0,
        kloutScore: 45,
        kloutValue: 2,
        kloutRank: 4,
        kloutTopicRank: 2
      },
      // Tied with c on Authority, so the same rank; no Klout-style row and no account row.
      {
        account_id: "t:d",
        handle: "t:d",
        network: "",
        rank: 3,
        authority: 25,
        pagerankRatio: 0.75,
        posts: 0,
        kloutScore: null,
        kloutValue: null,
        kloutRank: null,
        kloutTopicRank: null
      }
    ]);
  });

  it("keeps every member when the dataset has no Klout-style score, and gives nothing for no members", () => {
    const rows = topicRanking(MEMBERS, [], ACCOUNTS);
    expect(rows.map((row) => [row.rank, row.kloutScore, row.kloutTopicRank])).toEqual([
      [1, null, null],
      [2, null, null],
      [3, null, null],
      [3, null, null]
    ]);
    expect(topicRanking([], KLOUT, ACCOUNTS)).toEqual([]);
  });
});

describe("topicAgreement(rows)", () => {
  it("measures Spearman's ρ and the top-k overlap over the members with both", () => {
    // Authority ranks a 3, b 2, c 1 against Klout-style ranks a 1, b 3, c 2: d = (2, −1, −1), Σd² = 6,
    // ρ = 1 − 6·6 / (3·(9 − 1)) = −0.5. Top 2: a, b by Authority; b, c by Klout; one shared.
    const rows = topicRanking(MEMBERS, KLOUT, ACCOUNTS);
    expect(topicAgreement(rows, {k: 2})).toEqual({members: 3, spearman: -0.5, k: 2, shared: 1});
    expect(topicAgreement(rows)).toEqual({members: 3, spearman: -0.5, k: 3, shared: 3});
  });

  it("is empty without Klout-style scores", () => {
    expect(topicAgreement(topicRanking(MEMBERS, [], ACCOUNTS))).toEqual({members: 0, spearman: NaN, k: 0, shared: 0});
  });
});

describe("topicScatter(rows)", () => {
  it("draws a dot per member with a Klout-style score, and no markup from a handle", () => {
    const chart = topicScatter(topicRanking(MEMBERS, KLOUT, ACCOUNTS), {topic: "physics"}) as SVGElement;
    expect(chart.querySelectorAll('g[aria-label="dot"] circle')).toHaveLength(3);
    expect(chart.querySelector("b")).toBeNull();
  });
});
