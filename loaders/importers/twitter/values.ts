/**
 * Small readers for the loosely typed JSON that the Twitter/X API and the X archive hand out: ids that arrive
 * as strings, as exact numbers or as `…_str` twins; counts that the archive writes as strings; text fields that
 * may be absent, null or empty.
 */

export type JsonRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The object at `value[key]`, or undefined. */
export function recordAt(value: unknown, key: string): JsonRecord | undefined {
  const inner = isRecord(value) ? value[key] : undefined;
  return isRecord(inner) ? inner : undefined;
}

const DIGITS = /^\d+$/;

/**
 * The native id in `value[field]` as a decimal string: `field_str` first (v1.1 gives both, and the number is
 * rounded by JSON parsers once it passes 2^53), then the field itself as a digit string (v2, the archive) or an
 * exact number (2007-era responses that have no `id_str`).
 */
export function idOf(value: unknown, field: string): string | undefined {
  if (!isRecord(value)) return undefined;
  const text = value[`${field}_str`];
  if (typeof text === "string" && DIGITS.test(text)) return text;
  const raw = value[field];
  if (typeof raw === "string" && DIGITS.test(raw)) return raw;
  if (typeof raw === "number" && Number.isSafeInteger(raw) && raw >= 0) return String(raw);
  return undefined;
}

/** A reported count: a non-negative integer, or its decimal string (the archive's way); anything else is unknown. */
export function countOf(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  if (typeof value === "string" && DIGITS.test(value)) {
    const count = Number(value);
    return Number.isSafeInteger(count) ? count : undefined;
  }
  return undefined;
}

/** A non-empty string, or undefined. */
export function textOf(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

export function booleanOf(value: unknown): boolean | undefined {
  return typeof value === "boolean" ? value : undefined;
}

/** A record as text for the rejects file, cut short (the recorder keeps 500 characters). */
export function excerpt(value: unknown, length = 500): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
