/**
 * A world small enough to score by hand: four Twitter accounts and two Mastodon accounts.
 *
 *   twitter:b reposts twitter:a; twitter:c reposts and replies to twitter:a; twitter:d mentions twitter:b;
 *   twitter:a mentions itself (not a reaction) and likes twitter:c; mastodon:y reposts mastodon:x twice;
 *   mastodon:x follows mastodon:y (an interaction of kind follow, not a reaction).
 *   Follow graph: twitter:a, twitter:b and twitter:d follow twitter:c; mastodon:x follows mastodon:y.
 *   Reported followers: twitter:a 100, twitter:b 10; the others report none.
 */
import type {WorldRows} from "./world.js";

const day = (n: number) => new Date(Date.UTC(2026, 2, n));

export const FIXTURE_WORLD: WorldRows = {
  accounts: [
    {account_id: "twitter:a", network: "twitter", handle: "alice", followers: 100, following: 5},
    {account_id: "twitter:b", network: "twitter", handle: "bob", followers: 10},
    {account_id: "twitter:c", network: "twitter", handle: "carol"},
    {account_id: "twitter:d", network: "twitter", handle: "dave"},
    {account_id: "mastodon:x", network: "mastodon", handle: "xena@example.social"},
    {account_id: "mastodon:y", network: "mastodon", handle: "yuri@example.social"}
  ],
  posts: [
    {post_id: "twitter:p1", account_id: "twitter:a", network: "twitter", created_at: day(1), kind: "post"},
    {post_id: "twitter:p2", account_id: "twitter:a", network: "twitter", created_at: day(4), kind: "post"},
    {post_id: "mastodon:p3", account_id: "mastodon:x", network: "mastodon", created_at: day(1), kind: "post"}
  ],
  interactions: [
    {ts: day(1), network: "twitter", actor_id: "twitter:b", target_id: "twitter:a", kind: "repost"},
    {ts: day(1), network: "twitter", actor_id: "twitter:c", target_id: "twitter:a", kind: "repost"},
    {ts: day(2), network: "twitter", actor_id: "twitter:c", target_id: "twitter:a", kind: "reply"},
    {ts: day(2), network: "twitter", actor_id: "twitter:d", target_id: "twitter:b", kind: "mention"},
    {ts: day(3), network: "twitter", actor_id: "twitter:a", target_id: "twitter:a", kind: "mention"},
    {ts: day(3), network: "twitter", actor_id: "twitter:a", target_id: "twitter:c", kind: "like"},
    {ts: day(1), network: "mastodon", actor_id: "mastodon:y", target_id: "mastodon:x", kind: "repost"},
    {ts: day(2), network: "mastodon", actor_id: "mastodon:y", target_id: "mastodon:x", kind: "repost"},
    {ts: day(2), network: "mastodon", actor_id: "mastodon:x", target_id: "mastodon:y", kind: "follow"}
  ],
  follows: [
    {follower_id: "twitter:a", followee_id: "twitter:c", network: "twitter"},
    {follower_id: "twitter:b", followee_id: "twitter:c", network: "twitter"},
    {follower_id: "twitter:d", followee_id: "twitter:c", network: "twitter"},
    {follower_id: "mastodon:x", followee_id: "mastodon:y", network: "mastodon"}
  ]
};
