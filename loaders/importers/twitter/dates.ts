/**
 * Twitter's two timestamp formats, parsed strictly: a date that does not exist (30 February, hour 24) is
 * rejected rather than rolled over as `Date.parse` would.
 *
 * - v1.1 and the X archive's tweets: `Wed Oct 10 20:19:24 +0000 2018`
 *   (https://developer.x.com/en/docs/x-api/v1/data-dictionary/object-model/tweet, `created_at`).
 * - v2 and the archive's `account.js`: ISO 8601 with a zone, `2018-10-10T20:19:24.000Z`
 *   (https://developer.x.com/en/docs/x-api/data-dictionary/object-model/tweet).
 */

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
// The weekday is checked to be a weekday name, not to match the date: it carries no information of its own.
const V1_DATE = new RegExp(
  `^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (${MONTHS.join("|")}) (\\d{2}) (\\d{2}):(\\d{2}):(\\d{2}) ([+-])(\\d{2})(\\d{2}) (\\d{4})$`
);
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(?:Z|([+-])(\d{2}):?(\d{2}))$/;

/** Parses v1.1's `created_at` (`Wed Oct 10 20:19:24 +0000 2018`); undefined if it is not such a date. */
export function parseTwitterDate(value: unknown): Date | undefined {
  if (typeof value !== "string") return undefined;
  const match = V1_DATE.exec(value);
  if (!match) return undefined;
  const [, month, day, hour, minute, second, sign, zoneHours, zoneMinutes, year] = match as unknown as string[];
  return build(
    Number(year),
    MONTHS.indexOf(month!) + 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
    0,
    zoneOffset(sign, zoneHours, zoneMinutes)
  );
}

/** Parses an ISO 8601 timestamp with a zone (`2018-10-10T20:19:24.000Z`); undefined otherwise. */
export function parseIsoDate(value: unknown): Date | undefined {
  if (typeof value !== "string") return undefined;
  const match = ISO_DATE.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction, sign, zoneHours, zoneMinutes] = match as unknown as (
    string | undefined
  )[];
  const millis = fraction ? Math.round(Number(fraction) * 1000) : 0;
  return build(
    Number(year),
    Number(month),
    Number(day),
    Number(hour),
    Number(minute),
    Number(second ?? 0),
    Math.min(millis, 999),
    zoneOffset(sign, zoneHours, zoneMinutes)
  );
}

function zoneOffset(sign: string | undefined, hours: string | undefined, minutes: string | undefined): number {
  if (!sign) return 0;
  return (sign === "-" ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
}

/** The UTC instant of a local time `offset` minutes east of UTC, or undefined if no such time exists. */
function build(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millis: number,
  offset: number
): Date | undefined {
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  // Date.UTC reads years below 100 as 19xx; no Twitter timestamp is that old.
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth) return undefined;
  if (hour > 23 || minute > 59 || second > 59 || Math.abs(offset) > 18 * 60) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second, millis) - offset * 60_000);
  return Number.isFinite(date.getTime()) ? date : undefined;
}
