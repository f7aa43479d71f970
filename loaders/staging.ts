/**
 * Edges (`Edge` in `report.ts`) staged in DuckDB as integer codes: the bulk path of edge lists and activity
 * streams. Every string (account id, network, kind) is given a code once, by a dictionary kept in JavaScript
 * and mirrored in the table `_strings`; an edge then crosses into DuckDB as a row of numbers, a chunk at a time
 * (`ColumnAppender`). SQL turns the codes back into canonical rows at the end, a join per coded column, which
 * DuckDB runs over millions of rows in a fraction of the time the strings would take to cross one by one.
 * Accounts with small numeric handles, the node ids of SNAP and KONECT, need no string at all: they cross as
 * their numbers, and SQL writes their ids from network and number.
 * Networks and kinds, a handful of names, are also kept in the small table `_labels`: joining millions of edges
 * to it rather than to every string costs a fraction as much (a hash table of a few rows, not of every account).
 * An edge file whose every line is in the plainest form (`EdgeFile`) is read by DuckDB's own CSV reader, through
 * a view of its own (`addEdgeFile`) gathered by the view `_file_edges` (and `_all_follows`, with the rest of the
 * follows), only when the Parquet files are written. All of its accounts are numbers, so its edges are decoded
 * without a join to `_strings`.
 */
import {DOUBLE, INTEGER, VARCHAR} from "@duckdb/node-api";
import type {NodeDb} from "./node-db.js";
import type {EdgeFile} from "./report.js";
import {ColumnAppender} from "./tables.js";

/**
 * The staging tables, in a database of their own that DuckDB keeps compressed in memory: a third of the
 * memory of plain in-memory tables, measured on 10M edges. Column order as written by `EdgeStaging`.
 */
const STAGING_SQL = [
  "ATTACH ':memory:' AS _staging (COMPRESS)",
  "CREATE TABLE _staging._strings (code INTEGER, value VARCHAR)",
  "CREATE TABLE _staging._labels (code INTEGER, value VARCHAR)",
  "CREATE TABLE _staging._edges (ts DOUBLE, network INTEGER, actor INTEGER, target INTEGER, kind INTEGER, weight DOUBLE)",
  "CREATE TABLE _staging._edge_follows (follower INTEGER, followee INTEGER, network INTEGER, since DOUBLE)",
  "CREATE TABLE _staging._edge_accounts (account INTEGER, network INTEGER)",
  "CREATE VIEW _staging._file_edges AS SELECT * FROM _staging._edges WHERE false",
  "CREATE VIEW _staging._all_follows AS SELECT * FROM _staging._edge_follows"
];

/**
 * An account of the staged edges whose handle is a small decimal number `n` (`numericHandle`) crosses as the
 * negative code `-1 - n` rather than as a code of `_strings`: SQL writes its id, `<network>:n`, from the network
 * and the number, which costs a fraction of a join against every account id.
 */
const account = (column: string) => `CASE WHEN ${column} < 0 THEN n.value || ':' || (-1 - ${column})::VARCHAR END`;

/** The canonical rows the staging tables stand for, as SQL over them. */
export const DECODED_SQL = {
  interactions: `SELECT epoch_ms(e.ts::BIGINT) AS ts, n.value AS network, coalesce(${account("e.actor")}, a.value) AS actor_id,
      coalesce(${account("e.target")}, t.value) AS target_id, NULL::VARCHAR AS post_id, k.value AS kind, e.weight AS weight
    FROM _staging._edges e JOIN _staging._labels n ON n.code = e.network JOIN _staging._labels k ON k.code = e.kind
      LEFT JOIN _staging._strings a ON a.code = e.actor LEFT JOIN _staging._strings t ON t.code = e.target
    UNION ALL SELECT epoch_ms(e.ts::BIGINT), n.value, n.value || ':' || (-1 - e.actor)::VARCHAR,
      n.value || ':' || (-1 - e.target)::VARCHAR, NULL, k.value, e.weight
    FROM _staging._file_edges e JOIN _staging._labels n ON n.code = e.network JOIN _staging._labels k ON k.code = e.kind`,
  follows: `SELECT coalesce(${account("f.follower")}, a.value) AS follower_id,
      coalesce(${account("f.followee")}, b.value) AS followee_id, n.value AS network, epoch_ms(f.since::BIGINT) AS since
    FROM _staging._all_follows f JOIN _staging._labels n ON n.code = f.network
      LEFT JOIN _staging._strings a ON a.code = f.follower LEFT JOIN _staging._strings b ON b.code = f.followee`,
  // An edge's account is `<network>:<handle>`: the handle is what follows the network and its colon.
  accounts: `SELECT coalesce(${account("e.account")}, a.value) AS account_id, n.value AS network,
      CASE WHEN e.account < 0 THEN (-1 - e.account)::VARCHAR ELSE substr(a.value, length(n.value) + 2) END AS handle,
      NULL::VARCHAR AS display_name, NULL::VARCHAR AS person_id, NULL::BIGINT AS followers, NULL::BIGINT AS following,
      NULL::BIGINT AS listed, NULL::TIMESTAMP AS created_at, NULL::BOOLEAN AS verified
    FROM _staging._edge_accounts e JOIN _staging._labels n ON n.code = e.network
      LEFT JOIN _staging._strings a ON a.code = e.account`
} as const;

/** An edge file for DuckDB to read (`EdgeFile`), with its names already coded and its lines counted. */
export interface StagedEdgeFile {
  readonly path: string;
  readonly compression: "gzip" | "none";
  readonly edges: EdgeFile;
  readonly network: number;
  /** The code of the kind of every edge, or with a `kind` column the code of each name in it. */
  readonly kind: number | ReadonlyMap<string, number>;
  /** Its lines from `edges.firstLine` on. */
  readonly rows: number;
}

/** The DuckDB type of each field of a plain edge line, read as it is (`plain-lines.ts` checked its form). */
const PLAIN_FIELD_TYPES: Record<EdgeFile["columns"][number], string> = {
  src: "INTEGER",
  dst: "INTEGER",
  weight: "DOUBLE",
  ts: "BIGINT",
  kind: "VARCHAR"
};

/** Integer codes for strings, and the staging tables written with them. */
export class EdgeStaging {
  readonly #codes = new Map<string, number>();
  #next = 0;
  readonly #strings: ColumnAppender;
  readonly #labels: ColumnAppender;
  /** The codes already written to `_labels`. */
  readonly #labelled = new Set<number>();
  readonly edges: ColumnAppender;
  readonly follows: ColumnAppender;
  readonly accounts: ColumnAppender;
  readonly #db: NodeDb;
  /** The views of the edge files added, and the follows they stand for, as queries. */
  readonly #edgeFiles: string[] = [];
  readonly #followFiles: string[] = [];
  /** The edges, and the follows, of the edge files added: one per line, as `plainLines` counted them. */
  fileEdges = 0;
  fileFollows = 0;

  private constructor(
    db: NodeDb,
    strings: ColumnAppender,
    labels: ColumnAppender,
    edges: ColumnAppender,
    follows: ColumnAppender,
    accounts: ColumnAppender
  ) {
    this.#db = db;
    this.#strings = strings;
    this.#labels = labels;
    this.edges = edges;
    this.follows = follows;
    this.accounts = accounts;
  }

  static async create(db: NodeDb): Promise<EdgeStaging> {
    for (const sql of STAGING_SQL) await db.run(sql);
    const appender = (table: string) => db.connection.createAppender(table, "main", "_staging");
    return new EdgeStaging(
      db,
      new ColumnAppender(await appender("_strings"), [INTEGER, VARCHAR]),
      new ColumnAppender(await appender("_labels"), [INTEGER, VARCHAR]),
      new ColumnAppender(await appender("_edges"), [DOUBLE, INTEGER, INTEGER, INTEGER, INTEGER, DOUBLE]),
      new ColumnAppender(await appender("_edge_follows"), [INTEGER, INTEGER, INTEGER, DOUBLE]),
      new ColumnAppender(await appender("_edge_accounts"), [INTEGER, INTEGER])
    );
  }

  /** The code of `value`, given it now if it has none yet. */
  code(value: string): number {
    let code = this.#codes.get(value);
    if (code === undefined) {
      code = this.add(value);
      this.#codes.set(value, code);
    }
    return code;
  }

  /** The code of a network or kind name (`code`), also written to `_labels` for the staged edges' joins. */
  label(value: string): number {
    const code = this.code(value);
    if (!this.#labelled.has(code)) {
      this.#labelled.add(code);
      const labels = this.#labels;
      labels.columns[0]![labels.rows] = code;
      labels.columns[1]![labels.rows] = value;
      labels.commit();
    }
    return code;
  }

  /** The code of `value`, or undefined if it has none from `code`. */
  find(value: string): number | undefined {
    return this.#codes.get(value);
  }

  /**
   * Gives `value` a new code without remembering it here: for strings that the caller indexes itself (edge
   * accounts, by network and handle), since a map of millions of strings is slow to fill and to search.
   */
  add(value: string): number {
    const code = this.#next++;
    const strings = this.#strings;
    strings.columns[0]![strings.rows] = code;
    strings.columns[1]![strings.rows] = value;
    strings.commit();
    return code;
  }

  /** How many strings have a code (codes run from 0 to this, exclusive). */
  get size(): number {
    return this.#next;
  }

  /**
   * Adds the edges of an edge file whose every line from `edges.firstLine` on is plain (`plainLines`) to the staged
   * edges, and to the follows when they are follows: a view over DuckDB's CSV reader of the file, one row per
   * line with the types of plain lines. DuckDB reads the file only when the warehouse files are written, straight
   * into them. The path and the kind names reach the view as session variables, never as SQL text.
   */
  async addEdgeFile(file: StagedEdgeFile): Promise<void> {
    const {columns, delimiter, firstLine} = file.edges;
    const field = (role: EdgeFile["columns"][number]) => `c${columns.indexOf(role)}`;
    const has = (role: EdgeFile["columns"][number]) => columns.includes(role);
    const name = `_edge_file_${this.#edgeFiles.length}`;
    const types = columns.map((role, i) => `c${i}: '${PLAIN_FIELD_TYPES[role]}'`).join(", ");
    await this.#db.run(`SET VARIABLE ${name} = ?`, [file.path]);
    let kind = String(file.kind);
    if (typeof file.kind !== "number") {
      const kinds = [...file.kind];
      const list = kinds.map(() => "?").join(", ");
      await this.#db.run(`SET VARIABLE ${name}_kinds = MAP([${list}], [${list}])`, [
        ...kinds.map(([kindName]) => kindName),
        ...kinds.map(([, code]) => code)
      ]);
      kind = `getvariable('${name}_kinds')[${field("kind")}]`;
    }
    // The network and kind codes are numbers of this dictionary.
    await this.#db.run(`CREATE VIEW _staging.${name} AS SELECT
        ${has("ts") ? `${field("ts")} * 1000` : "0"}::DOUBLE AS ts, ${file.network}::INTEGER AS network,
        (-1 - ${field("src")})::INTEGER AS actor, (-1 - ${field("dst")})::INTEGER AS target,
        (${kind})::INTEGER AS kind, ${has("weight") ? field("weight") : "NULL"}::DOUBLE AS weight
      FROM read_csv(getvariable('${name}'), delim = ${DELIMITER_SQL[delimiter]}, new_line = '\\n', skip = ${firstLine - 1},
        compression = '${file.compression}', header = false, auto_detect = false, quote = '', escape = '',
        strict_mode = true, null_padding = false, columns = {${types}})`);
    this.#edgeFiles.push(`_staging.${name}`);
    this.fileEdges += file.rows;
    await this.#db.run(
      `CREATE OR REPLACE VIEW _staging._file_edges AS ${this.#edgeFiles.map((view) => `SELECT * FROM ${view}`).join(" UNION ALL ")}`
    );
    if (!file.edges.follow) return;
    this.fileFollows += file.rows;
    const since = has("ts") ? "ts" : "NULL::DOUBLE";
    this.#followFiles.push(`SELECT actor, target, network, ${since} FROM _staging.${name}`);
    await this.#db.run(
      `CREATE OR REPLACE VIEW _staging._all_follows AS SELECT * FROM _staging._edge_follows${this.#followFiles.map((select) => ` UNION ALL ${select}`).join("")}`
    );
  }

  /** Flushes and closes every staging table. */
  close(): void {
    for (const table of [this.#strings, this.#labels, this.edges, this.follows, this.accounts]) table.close();
  }
}

/** The largest node id held in a dense array: 2^24, so 64 MiB at most. */
export const DENSE_LIMIT = 1 << 24;
/** DuckDB's CSV option for each delimiter of a plain edge file. */
const DELIMITER_SQL: Record<EdgeFile["delimiter"], string> = {",": "','", "\t": "'\\t'", " ": "' '"};

/** `HandleCodes` entry of an account known by its number alone. */
const NUMBERED = -1;

/**
 * The staged codes of the accounts of one network by handle: in a dense array for handles that are small
 * decimal numbers (the node ids of SNAP and KONECT), found without hashing a string; in a map for any other.
 * An account with a numeric handle and no code of its own is staged as its number (`-1 - n`).
 */
export class HandleCodes {
  /** By numeric handle: code + 1, `NUMBERED`, or 0 for none. */
  #dense = new Int32Array(1 << 16);
  readonly #named = new Map<string, number>();

  get(handle: string): number | undefined {
    const index = numericHandle(handle);
    if (index < 0) return this.#named.get(handle);
    const entry = index < this.#dense.length ? this.#dense[index]! : 0;
    return entry === 0 ? undefined : entry === NUMBERED ? -1 - index : entry - 1;
  }

  /** Stages the account `handle` as `code`: a code of `_strings`, or `-1 - n` for the numeric handle `n`. */
  set(handle: string, code: number): void {
    const index = numericHandle(handle);
    if (index < 0) {
      this.#named.set(handle, code);
      return;
    }
    if (index >= this.#dense.length) {
      const grown = new Int32Array(Math.min(DENSE_LIMIT, Math.max(index + 1, this.#dense.length * 2)));
      grown.set(this.#dense);
      this.#dense = grown;
    }
    this.#dense[index] = code < 0 ? NUMBERED : code + 1;
  }

  /** Calls `found` with the staged code of every account known by its number alone. */
  forEachNumbered(found: (code: number) => void): void {
    const dense = this.#dense;
    for (let index = 0; index < dense.length; index++) if (dense[index] === NUMBERED) found(-1 - index);
  }
}

/** The number a handle writes in canonical decimal (no sign, no leading zero) if below `DENSE_LIMIT`, else -1. */
export function numericHandle(handle: string): number {
  const length = handle.length;
  if (length === 0 || length > 8 || (length > 1 && handle.charCodeAt(0) === 48)) return -1;
  let value = 0;
  for (let i = 0; i < length; i++) {
    const digit = handle.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value < DENSE_LIMIT ? value : -1;
}
