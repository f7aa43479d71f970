/**
 * Attribute values of graph files as model columns. Typed attributes arrive from graphology's parsers as
 * numbers and booleans; undeclared ones, GraphML defaults and hand-written files give strings, so numeric
 * and boolean strings are read too. A value that fits nowhere is passed on unchanged, so that the recorder
 * rejects the record naming the table and column (`accounts.followers must be BIGINT, got "many"`).
 */

const INTEGER = /^\s*-?\d+(?:\.0*)?\s*$/;
const NUMBER = /^\s*-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\s*$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

const absent = (value: unknown) => value === undefined || value === null || value === "";

/** A non-empty string, or null. */
export function text(value: unknown): string | null {
  if (absent(value)) return null;
  return typeof value === "string" ? value : String(value);
}

/** A count (followers, following, listed). */
export function count(value: unknown): unknown {
  if (absent(value)) return null;
  return typeof value === "string" && INTEGER.test(value) ? Number(value) : value;
}

/** A real number (weight). */
export function real(value: unknown): unknown {
  if (absent(value)) return null;
  return typeof value === "string" && NUMBER.test(value) ? Number(value) : value;
}

export function bool(value: unknown): unknown {
  if (absent(value)) return null;
  if (typeof value === "string" && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === "true";
  return value;
}

/**
 * A date from an ISO 8601 date or date-time (no zone means UTC), or from a number of seconds since the epoch
 * (a number or a numeric string). Undefined when the value is not one of those or names no real date.
 */
export function date(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isFinite(value.getTime()) ? value : undefined;
  if (typeof value === "number") return finite(new Date(Math.round(value * 1000)));
  if (typeof value !== "string") return undefined;
  if (NUMBER.test(value)) return finite(new Date(Math.round(Number(value) * 1000)));
  const match = ISO_DATE.exec(value.trim());
  if (!match) return undefined;
  const [, y, mo, d, h = "0", mi = "0", s = "0", fraction = "", zone = "Z"] = match;
  const utc = Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s, Math.round(Number(`0${fraction || ".0"}`) * 1000));
  const check = new Date(utc);
  // Date.UTC rolls 2020-02-30 over to March: a calendar date that does not exist is not a date.
  if (check.getUTCMonth() !== +mo! - 1 || check.getUTCDate() !== +d! || +h > 23 || +mi > 59 || +s > 60) {
    return undefined;
  }
  const offset = zone === "Z" ? 0 : (zone[0] === "-" ? -1 : 1) * (+zone.slice(1, 3) * 60 + +zone.slice(-2));
  return finite(new Date(utc - offset * 60_000));
}

function finite(value: Date): Date | undefined {
  return Number.isFinite(value.getTime()) ? value : undefined;
}
