/**
 * The fields of one edge-list line and the values they hold: node ids, numbers and timestamps. Kept apart from
 * the importer so that detection, header recognition and the import itself read a line the same way.
 */

/** How the fields of a line are separated: one character, or runs of spaces and tabs. */
export type Delimiter = {kind: "char"; char: string; name: string} | {kind: "whitespace"; name: "whitespace"};

export const WHITESPACE: Delimiter = {kind: "whitespace", name: "whitespace"};
export const TAB: Delimiter = {kind: "char", char: "\t", name: "tab"};
export const COMMA: Delimiter = {kind: "char", char: ",", name: "comma"};

const DELIMITER_NAMES: Record<string, Delimiter> = {
  tab: TAB,
  "\\t": TAB,
  "\t": TAB,
  tsv: TAB,
  comma: COMMA,
  ",": COMMA,
  csv: COMMA,
  space: WHITESPACE,
  " ": WHITESPACE,
  whitespace: WHITESPACE,
  semicolon: {kind: "char", char: ";", name: "semicolon"},
  pipe: {kind: "char", char: "|", name: "pipe"}
};

/** The delimiter named by `--delimiter` (a name such as `tab`, or one character), or undefined if it names none. */
export function delimiterNamed(name: string): Delimiter | undefined {
  const named = DELIMITER_NAMES[name.toLowerCase()];
  if (named) return named;
  // Any other single character that is not a quote or part of a value.
  if (name.length === 1 && !/[\s"'\w.+-]/.test(name)) return {kind: "char", char: name, name: JSON.stringify(name)};
  return undefined;
}

/** The delimiter of a line (already trimmed): a tab if it has one, else a comma if it has one, else whitespace. */
export function detectDelimiter(line: string): Delimiter {
  if (line.includes("\t")) return TAB;
  if (line.includes(",")) return COMMA;
  return WHITESPACE;
}

const WHITESPACE_RUN = /[ \t]+/;

/**
 * The fields of a trimmed line. With a character delimiter, each field is trimmed and a field wrapped in double
 * quotes (as spreadsheets and R write names) is unwrapped; a delimiter inside quotes is not supported, since node
 * ids hold no whitespace and numbers no delimiter.
 */
export function splitFields(line: string, delimiter: Delimiter): string[] {
  if (delimiter.kind === "whitespace") return line.split(WHITESPACE_RUN);
  const fields = line.split(delimiter.char);
  // Most lines have neither quotes nor padding: nothing to unwrap or trim.
  if (!line.includes('"') && !line.includes(" ") && (delimiter.char === "\t" || !line.includes("\t"))) return fields;
  for (let i = 0; i < fields.length; i++) {
    let field = fields[i]!;
    if (field.charCodeAt(0) <= 32 || field.charCodeAt(field.length - 1) <= 32) field = field.trim();
    if (field.length >= 2 && field.startsWith('"') && field.endsWith('"'))
      field = field.slice(1, -1).replace(/""/g, '"');
    fields[i] = field;
  }
  return fields;
}

/** Why a field cannot be a node id, or undefined if it can be one (any non-empty text without whitespace). */
export function nodeIdProblem(field: string): "is empty" | "contains whitespace" | undefined {
  if (field.length === 0) return "is empty";
  return /\s/.test(field) ? "contains whitespace" : undefined;
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The number a field holds (decimal notation, optionally signed or with an exponent), or undefined. */
export function parseNumber(field: string): number | undefined {
  const integer = plainInteger(field);
  if (integer !== undefined) return integer;
  if (!NUMBER.test(field)) return undefined;
  const value = Number(field);
  return Number.isFinite(value) ? value : undefined;
}

/** Whether a field holds a value rather than a name: a number or an ISO 8601 timestamp. */
export function isValue(field: string): boolean {
  return NUMBER.test(field) || ISO_8601.test(field);
}

const UNIX_SECONDS = /^[+-]?\d+(?:\.\d+)?$/;
// Date, then optionally a time (T or one space) with optional seconds and fraction, then an optional zone.
const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;
// The years a timestamp may fall in, 0001 to 9999, as DuckDB and ISO 8601 write them. A time beyond is a
// misread unit (milliseconds taken for seconds), not a date.
const EARLIEST_MS = -62_135_596_800_000; // 0001-01-01T00:00:00Z
const LATEST_MS = 253_402_300_799_999; // 9999-12-31T23:59:59.999Z

/** The largest number of digits read by `plainInteger`: any such integer is exact in a double. */
const PLAIN_DIGITS_MAX = 15;

/**
 * The value of a field of 1 to 15 ASCII digits, optionally after a sign, read from its character codes; or
 * undefined for any other field, left to the regular expressions. Nearly every weight and unix time in an edge
 * list has this form: reading it directly saves a regular expression and a conversion per field.
 */
function plainInteger(field: string): number | undefined {
  const sign = field.charCodeAt(0);
  const start = sign === 43 || sign === 45 ? 1 : 0; // + or -
  const length = field.length;
  if (length === start || length - start > PLAIN_DIGITS_MAX) return undefined;
  let value = 0;
  for (let i = start; i < length; i++) {
    const digit = field.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return undefined;
    value = value * 10 + digit;
  }
  return sign === 45 ? -value : value;
}

/**
 * A timestamp field: unix seconds (integer or decimal, e.g. `1341100972` or `1341100972.25`) or ISO 8601
 * (`2012-07-01`, `2012-07-01T00:02:52Z`, `2012-07-01 00:02:52+02:00`; without a zone it is UTC). Returns the
 * time in milliseconds since the unix epoch, "unparseable" when the field is neither form, or "invalid" when it
 * names no real date (30 February, hour 25, a year beyond 9999).
 */
export function parseTimestamp(field: string): number | "unparseable" | "invalid" {
  const seconds = plainInteger(field);
  if (seconds !== undefined) return checked(seconds * 1000);
  if (UNIX_SECONDS.test(field)) return checked(Math.round(Number(field) * 1000));
  const match = ISO_8601.exec(field);
  if (!match) return "unparseable";
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0)) as number[];
  if (
    month! < 1 ||
    month! > 12 ||
    day! < 1 ||
    day! > daysIn(year!, month!) ||
    hour! > 23 ||
    minute! > 59 ||
    second! > 59
  ) {
    return "invalid";
  }
  const fraction = match[7] ? Math.round(Number(`0.${match[7]}`) * 1000) : 0;
  const zone = match[8];
  let offsetMinutes = 0;
  if (zone && zone !== "Z") {
    const digits = zone.slice(1).replace(":", "");
    offsetMinutes = (zone[0] === "-" ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0));
  }
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  const date = new Date(Date.UTC(2000, month! - 1, day!, hour!, minute!, second!, fraction));
  date.setUTCFullYear(year!);
  return checked(date.getTime() - offsetMinutes * 60_000);
}

function daysIn(year: number, month: number): number {
  if (month !== 2) return [4, 6, 9, 11].includes(month) ? 30 : 31;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

/** `ms` if in range, with `-0` (from `-0` seconds) made the epoch itself, as a `Date` would. */
function checked(ms: number): number | "invalid" {
  return Number.isFinite(ms) && ms >= EARLIEST_MS && ms <= LATEST_MS ? ms + 0 : "invalid";
}

/**
 * Whether a field looks like a point in time rather than a weight: ISO 8601, or unix seconds with at least nine
 * integer digits (from 1973-03-03 on). Weights that large do not occur in edge lists; timestamps that small do
 * not occur in social data.
 */
export function looksLikeTime(field: string): boolean {
  return /^\d{9,}(?:\.\d+)?$/.test(field) || ISO_8601.test(field);
}
