/**
 * RFC 3339 date-times with a zone, as ActivityStreams `published` and atproto `createdAt` hold them
 * (https://www.rfc-editor.org/rfc/rfc3339#section-5.6, https://atproto.com/specs/lexicon#datetime).
 * Shared by the mastodon and bluesky importers.
 */

const DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i;

/** The instant `text` names, or undefined if it is not a date-time with a zone or names an impossible day or time. */
export function parseDatetime(text: unknown): Date | undefined {
  if (typeof text !== "string") return undefined;
  const match = DATETIME.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as number[];
  // `Date` would roll 30 February over into March, and 24:00 into the next day.
  const daysInMonth = new Date(Date.UTC(year!, month!, 0)).getUTCDate();
  if (month! < 1 || month! > 12 || day! < 1 || day! > daysInMonth) return undefined;
  if (hour! > 23 || minute! > 59 || second! > 59) return undefined;
  const date = new Date(text);
  return Number.isFinite(date.getTime()) ? date : undefined;
}
