/**
 * Date-times with a zone, checked against the calendar: `Date` alone would roll 30 February over into March
 * and 24:00 into the next day. Each format keeps its own pattern (what it allows of ISO 8601 / RFC 3339);
 * the calendar check is shared.
 */

/**
 * RFC 3339 date-times with a zone, as ActivityStreams `published` and atproto `createdAt` hold them
 * (https://www.rfc-editor.org/rfc/rfc3339#section-5.6, https://atproto.com/specs/lexicon#datetime).
 */
export const RFC_3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i;

/**
 * The instant `text` names, or undefined if it does not match `pattern` (whose groups 1–6 are year, month, day,
 * hour, minute and an optional second) or names an impossible day or time.
 */
export function parseZonedDatetime(text: unknown, pattern: RegExp = RFC_3339): Date | undefined {
  if (typeof text !== "string") return undefined;
  const match = pattern.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0)) as number[];
  const daysInMonth = new Date(Date.UTC(year!, month!, 0)).getUTCDate();
  if (month! < 1 || month! > 12 || day! < 1 || day! > daysInMonth) return undefined;
  if (hour! > 23 || minute! > 59 || second! > 59) return undefined;
  const date = new Date(text);
  return Number.isFinite(date.getTime()) ? date : undefined;
}
