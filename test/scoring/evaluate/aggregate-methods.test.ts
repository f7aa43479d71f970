import {describe, expect, it} from "vitest";
import {
  AGGREGATE_METHODS,
  KLOUT_LIKE_WEIGHTS,
  logLinearScore,
  NOT_APPLICABLE,
  PAIR_FEATURES,
  type AccountAggregates
} from "../../../scoring/evaluate/aggregate-methods.js";

function account(values: Partial<AccountAggregates>): AccountAggregates {
  return {...Object.fromEntries(PAIR_FEATURES.map((feature) => [feature, 0])), ...values} as AccountAggregates;
}

function scores(id: string, accounts: readonly AccountAggregates[]): number[] {
  return [...AGGREGATE_METHODS.find((method) => method.id === id)!.score(accounts)];
}

describe("AGGREGATE_METHODS", () => {
  it("lampos-impact is ln((listed+1)(followers+1)²/(following+1))", () => {
    const [value] = scores("lampos", [account({listed_count: 9, follower_count: 99, following_count: 4})]);
    expect(value).toBeCloseTo(Math.log((10 * 100 * 100) / 5), 12);
  });

  it("klout-like sums ln(1+x) with its documented default weights", () => {
    const values = {follower_count: 99, listed_count: 9, mentions_received: 3, retweets_received: 1, posts: 50};
    const expected = 0.25 * Math.log(100) + 0.25 * Math.log(10) + Math.log(4) + Math.log(2);
    expect(scores("klout-like", [account(values)])[0]).toBeCloseTo(expected, 12);
    expect(logLinearScore(account(values), KLOUT_LIKE_WEIGHTS)).toBeCloseTo(expected, 12);
    expect(logLinearScore(account(values), {posts: 2})).toBeCloseTo(2 * Math.log(51), 12);
  });

  it("reactions and kred-outreach add mentions and retweets, received and sent", () => {
    const one = account({mentions_received: 2, retweets_received: 3, mentions_sent: 5, retweets_sent: 7});
    expect(scores("reactions", [one])).toEqual([5]);
    expect(scores("kred-outreach", [one])).toEqual([12]);
  });

  it("twitalyzer-generosity is retweets sent per post, 0 without posts", () => {
    expect(
      scores("twitalyzer-generosity", [account({retweets_sent: 2, posts: 8}), account({retweets_sent: 2})])
    ).toEqual([0.25, 0]);
  });

  it("twitalyzer-influence is the mean percentile rank of its five components (hand-computed)", () => {
    const accounts = [
      account({follower_count: 10, retweets_received: 1, retweets_sent: 1, mentions_received: 1, posts: 1}),
      account({follower_count: 20, retweets_received: 2, retweets_sent: 1, mentions_received: 3, posts: 1}),
      account({follower_count: 30, retweets_received: 3, retweets_sent: 2, mentions_received: 2, posts: 1})
    ];
    // Percentiles (midrank / 3): followers 1/3, 2/3, 1; retweeted 1/3, 2/3, 1; retweets 1/2, 1/2, 1 (tie at
    // ranks 1–2); mentioned 1/3, 1, 2/3; posts 2/3 for all (three-way tie at rank 2).
    const expected = [
      (1 / 3 + 1 / 3 + 1 / 2 + 1 / 3 + 2 / 3) / 5,
      (2 / 3 + 2 / 3 + 1 / 2 + 1 + 2 / 3) / 5,
      (1 + 1 + 1 + 2 / 3 + 2 / 3) / 5
    ];
    scores("twitalyzer-influence", accounts).forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 12));
  });

  it("gives finite scores to empty and to huge accounts", () => {
    const huge = account(Object.fromEntries(PAIR_FEATURES.map((feature) => [feature, 1e12])));
    for (const method of AGGREGATE_METHODS) {
      for (const value of method.score([account({}), huge])) expect(Number.isFinite(value), method.id).toBe(true);
    }
  });

  it("has unique ids, a note each, and lists what the aggregates cannot compute with what it needs", () => {
    const ids = [...AGGREGATE_METHODS, ...NOT_APPLICABLE].map((method) => method.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const method of AGGREGATE_METHODS) expect(method.note.length).toBeGreaterThan(10);
    for (const method of NOT_APPLICABLE) expect(method.needs.length).toBeGreaterThan(5);
    expect(NOT_APPLICABLE.map((method) => method.id)).toEqual(expect.arrayContaining(["pagerank", "k-shell"]));
  });
});
