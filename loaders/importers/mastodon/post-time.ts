/**
 * When a post was written, read from the id in its URI, for `likes.json`, which lists liked posts without
 * saying when they were liked. A like is never older than its post, so the post's time is the closest lower bound
 * the export holds; it stands in for the time of the like.
 *
 * Two id schemes carry a time:
 * - Mastodon's snowflake ids (since 2.0): milliseconds since 1970 shifted left by 16 bits
 *   (https://github.com/mastodon/mastodon/blob/main/lib/mastodon/snowflake.rb), in `/statuses/ID` and `/@NAME/ID`;
 * - GoToSocial's ULIDs: 26 Crockford base-32 digits whose first 10 hold the milliseconds
 *   (https://github.com/ulid/spec).
 * Older Mastodon ids are small serial numbers and other servers use opaque ids: those posts have no known time.
 */

const SNOWFLAKE = /^\d{15,20}$/;
const ULID = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/i;
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
// Mastodon's first release; any earlier time decoded from an id means the id holds no time.
const EARLIEST = Date.UTC(2016, 2, 16);
const DAY = 86_400_000;

/** The time held by the last path segment of a post URI, or undefined. */
export function timeOfPostUri(uri: string): Date | undefined {
  const id =
    uri
      .replace(/[?#].*$/, "")
      .replace(/\/activity$/, "")
      .split("/")
      .pop() ?? "";
  let ms: number | undefined;
  if (SNOWFLAKE.test(id)) ms = Number(BigInt(id) >> 16n);
  else if (ULID.test(id)) ms = [...id.slice(0, 10).toUpperCase()].reduce((n, c) => n * 32 + CROCKFORD.indexOf(c), 0);
  return ms !== undefined && ms >= EARLIEST && ms <= Date.now() + DAY ? new Date(ms) : undefined;
}
