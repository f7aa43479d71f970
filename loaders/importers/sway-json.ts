/**
 * Sway canonical JSON: one file holding canonical rows (DESIGN.md §2) as arrays under the table names,
 *
 *     {"accounts": [...], "posts": [...], "interactions": [...], "follows": [...], "identities": [...], "truth": [...]}
 *
 * Every key is optional. Timestamps are ISO 8601 strings with a zone ("2026-03-01T12:00:00Z"); account ids are
 * `network:native_id` and their network must be the row's `network` where the row has one. Top-level keys
 * starting with `_` are comments (e.g. `"_about": "why this file exists"`) and are skipped; any other
 * unknown key, and any unknown field of a record, is rejected rather than dropped.
 *
 * Each element is one record: accepted, or rejected with a reason that names its array and field
 * (`interactions[].kind: "boost" is not one of like, repost, …`) at its 1-based position in that array.
 * Reasons carry no position, so the import report can count rejections by cause. An account that a record
 * refers to but that no `accounts` entry lists is added with its native id as handle, as the other
 * importers do; the `accounts` array is therefore read first, whatever the key order in the file. An account
 * or post whose id is already in the warehouse is merged by the recorder (counted, not written twice).
 */
import {InputError, isFolder, readText} from "../input.js";
import {TABLES, TABLE_NAMES, type RowOf, type TableName, type TableRow} from "../schema.js";
import type {Importer} from "./importer.js";
import {parseZonedDatetime} from "../datetime.js";

type Spec = {readonly type: string; readonly nullable: boolean; readonly values?: readonly string[]};
type JsonRecord = Record<string, unknown>;

/** Columns that hold an account id, per table. */
const ACCOUNT_COLUMNS: Record<TableName, readonly string[]> = {
  accounts: ["account_id"],
  posts: ["account_id"],
  interactions: ["actor_id", "target_id"],
  follows: ["follower_id", "followee_id"],
  identities: ["account_id"],
  truth: ["account_id"]
};
const ACCOUNT_ID = /^([^:\s]+):(.+)$/;
const NETWORK = /^[^:\s]+$/;
const FIRST_KEY = /^\uFEFF?\s*\{\s*"([^"\\]*)"\s*:/;
// A date and a time of day with a zone; the calendar itself is checked in `parseTimestamp`.
const ISO_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

export const swayJson: Importer = {
  name: "sway-json",
  description: "Sway canonical JSON: {accounts, posts, interactions, follows, identities, truth} arrays of rows",
  detect({text}) {
    // The sample may end mid-file, so only the first key is looked at: a table name or a comment.
    const key = FIRST_KEY.exec(text)?.[1];
    if (key === undefined || !(key.startsWith("_") || (TABLE_NAMES as string[]).includes(key))) return undefined;
    return `a JSON object whose first key is "${key}"`;
  },
  async read(input, sink, {onProgress}) {
    if (isFolder(input)) throw new InputError(`${input.name}: sway-json reads one file, not a folder`);
    const document = parseDocument(input.name, await readText(input));
    const source = sink.source(this.name, input.name);
    const keys = Object.keys(document).filter((key) => !key.startsWith("_"));
    const tables = TABLE_NAMES.filter((table) => keys.includes(table));
    const unknown = keys.filter((key) => !(TABLE_NAMES as string[]).includes(key));
    for (const [position, table] of tables.entries()) {
      const records = document[table];
      if (!Array.isArray(records)) {
        source.reject(1, `${table}: expected an array of records, got ${kindOf(records)}`, excerpt(records));
        continue;
      }
      records.forEach((record: unknown, index) => {
        const row = rowOf(table, record);
        if (typeof row === "string") source.reject(index + 1, row, excerpt(record));
        else source.accept(index + 1, [...referencedAccounts(table, row), {table, row} as TableRow]);
      });
      onProgress?.(input.name, (position + 1) / tables.length);
    }
    // Nothing is dropped silently: every element under a key we do not know is reported as rejected.
    const expected = `${TABLE_NAMES.join(", ")} (keys starting with _ are comments)`;
    for (const key of unknown) {
      const records: unknown[] = Array.isArray(document[key]) ? document[key] : [document[key]];
      records.forEach((record, index) =>
        source.reject(index + 1, `${key}: unknown key; expected ${expected}`, excerpt(record))
      );
    }
  }
};

function parseDocument(name: string, text: string): JsonRecord {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${name} is not valid JSON: ${(error as Error).message}`);
  }
  if (!isRecord(document)) {
    throw new InputError(`${name}: expected a JSON object with arrays of rows per table, got ${kindOf(document)}`);
  }
  return document;
}

/** Validates one record of `table`; returns the row to append, or the reason to reject it. */
function rowOf<T extends TableName>(table: T, record: unknown): RowOf<T> | string {
  if (!isRecord(record)) return `${table}[]: expected an object, got ${kindOf(record)}`;
  const columns = TABLES[table] as Record<string, Spec>;
  for (const field of Object.keys(record)) {
    if (!(field in columns)) return `${table}[].${field}: unknown field; expected ${Object.keys(columns).join(", ")}`;
  }
  const row: Record<string, unknown> = {};
  for (const [column, spec] of Object.entries(columns)) {
    const value = record[column];
    const where = `${table}[].${column}`;
    if (value === undefined || value === null) {
      if (!spec.nullable) return `${where}: required`;
      continue;
    }
    const converted = convert(spec, value);
    if (typeof converted === "string") return `${where}: ${excerpt(value, 60)} ${converted}`;
    row[column] = converted.value;
  }
  if (typeof row.network === "string" && !NETWORK.test(row.network)) {
    return `${table}[].network: ${excerpt(row.network, 60)} is not a network name (no colon or space)`;
  }
  for (const column of ACCOUNT_COLUMNS[table]) {
    const id = excerpt(row[column], 60);
    const match = ACCOUNT_ID.exec(row[column] as string);
    if (!match) return `${table}[].${column}: ${id} is not an account id of the form network:native_id`;
    if (typeof row.network === "string" && match[1] !== row.network) {
      return `${table}[].${column}: ${id} is not on network ${excerpt(row.network, 60)}`;
    }
  }
  return row as RowOf<T>;
}

/** Converts one JSON value to the JS value of a column of type `spec`, or says what is wrong with it. */
function convert(spec: Spec, value: unknown): {value: unknown} | string {
  switch (spec.type) {
    case "VARCHAR":
      if (typeof value !== "string") return `is not a string`;
      if (spec.values && !spec.values.includes(value)) return `is not one of ${spec.values.join(", ")}`;
      return {value};
    case "TIMESTAMP": {
      if (typeof value !== "string") return "is not an ISO 8601 timestamp string";
      const date = parseZonedDatetime(value, ISO_TIMESTAMP);
      return date ? {value: date} : "is not an ISO 8601 timestamp with a zone (e.g. 2026-03-01T12:00:00Z)";
    }
    case "BIGINT":
      // Every integer column of the model is a count.
      return Number.isSafeInteger(value) && (value as number) >= 0 ? {value} : "is not a non-negative integer";
    case "DOUBLE":
      return typeof value === "number" && Number.isFinite(value) ? {value} : "is not a finite number";
    case "BOOLEAN":
      return typeof value === "boolean" ? {value} : "is not true or false";
    case "VARCHAR[]":
      return Array.isArray(value) && value.every((v) => typeof v === "string") ? {value} : "is not an array of strings";
    default:
      throw new TypeError(`loaders/importers/sway-json: no conversion for column type ${spec.type}`);
  }
}

/**
 * A minimal account (its native id as handle) for every account id of `row`; the recorder merges those already
 * stored, so only accounts that no `accounts` entry lists are written.
 */
function referencedAccounts(table: TableName, row: Record<string, unknown>): TableRow[] {
  if (table === "accounts") return [];
  return ACCOUNT_COLUMNS[table].map((column) => {
    const accountId = row[column] as string;
    const [, network, nativeId] = ACCOUNT_ID.exec(accountId)!;
    return {table: "accounts", row: {account_id: accountId, network: network!, handle: nativeId!}};
  });
}

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

function excerpt(value: unknown, length = 500): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
