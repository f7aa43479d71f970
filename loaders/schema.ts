/**
 * The canonical data model (DESIGN.md §2), declared once. Every importer writes these tables and
 * everything downstream reads only them. The TypeScript row types and the DuckDB DDL are both derived
 * from the declaration below, so they cannot drift apart.
 */

/** Bumped whenever a column is added, removed or changes meaning; stored in every manifest. */
export const SCHEMA_VERSION = 1;

export const INTERACTION_KINDS = [
  "like",
  "repost",
  "reply",
  "mention",
  "quote",
  "follow",
  "comment",
  "share",
  "rating"
] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];

export const POST_KINDS = ["post", "reply", "repost", "quote"] as const;
export type PostKind = (typeof POST_KINDS)[number];

interface ColumnSpec {
  /** DuckDB type of the column. */
  readonly type: "VARCHAR" | "TIMESTAMP" | "BIGINT" | "DOUBLE" | "BOOLEAN" | "VARCHAR[]";
  /** Whether the column may hold NULL (an optional field of the model). */
  readonly nullable: boolean;
  /** For VARCHAR columns that hold one of a closed set of values. */
  readonly values?: readonly string[];
}

const required = <T extends ColumnSpec["type"]>(type: T) => ({type, nullable: false}) as const;
const optional = <T extends ColumnSpec["type"]>(type: T) => ({type, nullable: true}) as const;

export const TABLES = {
  accounts: {
    account_id: required("VARCHAR"),
    network: required("VARCHAR"),
    handle: required("VARCHAR"),
    display_name: optional("VARCHAR"),
    person_id: optional("VARCHAR"),
    followers: optional("BIGINT"),
    following: optional("BIGINT"),
    listed: optional("BIGINT"),
    created_at: optional("TIMESTAMP"),
    verified: optional("BOOLEAN")
  },
  posts: {
    post_id: required("VARCHAR"),
    account_id: required("VARCHAR"),
    network: required("VARCHAR"),
    created_at: required("TIMESTAMP"),
    kind: {type: "VARCHAR", nullable: false, values: POST_KINDS},
    parent_post_id: optional("VARCHAR"),
    root_post_id: optional("VARCHAR"),
    lang: optional("VARCHAR"),
    topics: optional("VARCHAR[]"),
    text: optional("VARCHAR")
  },
  interactions: {
    ts: required("TIMESTAMP"),
    network: required("VARCHAR"),
    actor_id: required("VARCHAR"),
    target_id: required("VARCHAR"),
    post_id: optional("VARCHAR"),
    kind: {type: "VARCHAR", nullable: false, values: INTERACTION_KINDS},
    weight: optional("DOUBLE")
  },
  follows: {
    follower_id: required("VARCHAR"),
    followee_id: required("VARCHAR"),
    network: required("VARCHAR"),
    since: optional("TIMESTAMP")
  },
  identities: {
    person_id: required("VARCHAR"),
    account_id: required("VARCHAR")
  },
  truth: {
    account_id: required("VARCHAR"),
    influence: required("DOUBLE"),
    role: optional("VARCHAR")
  }
} as const satisfies Record<string, Record<string, ColumnSpec>>;

export type TableName = keyof typeof TABLES;
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

type JsType<C extends ColumnSpec> = C extends {values: readonly (infer V)[]}
  ? V
  : C["type"] extends "VARCHAR"
    ? string
    : C["type"] extends "TIMESTAMP"
      ? Date
      : C["type"] extends "BIGINT" | "DOUBLE"
        ? number
        : C["type"] extends "BOOLEAN"
          ? boolean
          : string[];

type RequiredKeys<T> = {[K in keyof T]: T[K] extends {nullable: false} ? K : never}[keyof T];
type OptionalKeys<T> = {[K in keyof T]: T[K] extends {nullable: true} ? K : never}[keyof T];

/** One row of a canonical table, as importers produce it: optional columns may be left out or null. */
export type RowOf<T extends TableName> = {
  -readonly [K in RequiredKeys<(typeof TABLES)[T]>]: JsType<(typeof TABLES)[T][K] & ColumnSpec>;
} & {
  -readonly [K in OptionalKeys<(typeof TABLES)[T]>]?: JsType<(typeof TABLES)[T][K] & ColumnSpec> | null;
};

export type Account = RowOf<"accounts">;
export type Post = RowOf<"posts">;
export type Interaction = RowOf<"interactions">;
export type Follow = RowOf<"follows">;
export type Identity = RowOf<"identities">;
export type Truth = RowOf<"truth">;

/** A canonical row tagged with its table, as importers hand rows to a sink. */
export type TableRow = {[T in TableName]: {table: T; row: RowOf<T>}}[TableName];

/**
 * Checks one row against the declaration: required columns present, values of the declared type, closed
 * sets respected, no unknown column. Returns a message naming the table and column, or undefined if the row
 * is valid.
 */
export function validateRow(table: TableName, row: Readonly<Record<string, unknown>>): string | undefined {
  const validator = VALIDATORS[table];
  let present = 0;
  for (const [column, check] of validator.checks) {
    const value = row[column];
    if (value !== undefined) present++;
    const problem = check(value);
    if (problem) return `${table}.${column} ${problem}`;
  }
  // Only when the row has more keys than declared columns it holds can one of them be unknown.
  const keys = Object.keys(row);
  if (keys.length > present) {
    for (const column of keys) {
      if (!validator.columns.has(column) && row[column] !== undefined)
        return `${table}.${column} is not a column of ${table}`;
    }
  }
  return undefined;
}

type Check = (value: unknown) => string | undefined;

// Validation runs once per imported row, so each table's checks are built once, here.
const VALIDATORS = Object.fromEntries(
  Object.entries(TABLES).map(([table, columns]) => [
    table,
    {
      columns: new Set(Object.keys(columns)),
      checks: Object.entries(columns as Record<string, ColumnSpec>).map(([column, spec]) => [column, checker(spec)])
    }
  ])
) as Record<TableName, {columns: Set<string>; checks: [string, Check][]}>;

function checker(spec: ColumnSpec): Check {
  const typeOk: (value: unknown) => boolean =
    spec.type === "VARCHAR"
      ? (value) => typeof value === "string"
      : spec.type === "TIMESTAMP"
        ? (value) => value instanceof Date && Number.isFinite(value.getTime())
        : spec.type === "BIGINT"
          ? (value) => Number.isSafeInteger(value)
          : spec.type === "DOUBLE"
            ? (value) => typeof value === "number" && Number.isFinite(value)
            : spec.type === "BOOLEAN"
              ? (value) => typeof value === "boolean"
              : (value) => Array.isArray(value) && value.every((v) => typeof v === "string");
  const allowed = spec.values && new Set<unknown>(spec.values);
  return (value) => {
    if (value === null || value === undefined) return spec.nullable ? undefined : "is required";
    if (!typeOk(value)) return `must be ${spec.type}, got ${show(value)}`;
    if (allowed && !allowed.has(value)) return `must be one of ${spec.values!.join(", ")}, got ${show(value)}`;
    return undefined;
  };
}

function show(value: unknown): string {
  return typeof value === "number" || value instanceof Date ? String(value) : JSON.stringify(value);
}

/** The columns of a table, in declaration order. */
export function columnsOf(table: TableName): string[] {
  return Object.keys(TABLES[table]);
}

/**
 * `CREATE TABLE` for one canonical table; closed value sets become CHECK constraints unless `checks` is false, for
 * rows whose values come from those sets by construction (a generated world).
 */
export function createTableSql(
  table: TableName,
  {ifNotExists = false, checks = true}: {ifNotExists?: boolean; checks?: boolean} = {}
): string {
  const columns = Object.entries(TABLES[table] as Record<string, ColumnSpec>).map(([name, spec]) => {
    const notNull = spec.nullable ? "" : " NOT NULL";
    const check = checks && spec.values ? ` CHECK (${name} IN (${spec.values.map((v) => `'${v}'`).join(", ")}))` : "";
    return `  ${name} ${spec.type}${notNull}${check}`;
  });
  return `CREATE TABLE ${ifNotExists ? "IF NOT EXISTS " : ""}${table} (\n${columns.join(",\n")}\n);`;
}
