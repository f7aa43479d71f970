/**
 * The import report and the recorder through which importers write. For every input file the report says
 * what was read, what was written and what was rejected or skipped, and why. Nothing an importer reads may
 * vanish: `records_read === records_accepted + rejected + skipped` for every file.
 *
 * Browser-safe: the recorder writes through a `RowStore`, which the Node warehouse writer and the
 * browser's in-memory store both provide.
 */
import {InputError, type InputFile} from "./input.js";
import {
  INTERACTION_KINDS,
  validateRow,
  type Account,
  type InteractionKind,
  type TableName,
  type TableRow
} from "./schema.js";

/** How many rejections are kept verbatim in the manifest; all of them go to `rejects.csv`. */
const EXAMPLES_KEPT = 20;

export interface Rejection {
  readonly source: string;
  /** 1-based line (or record) number within the source file. */
  readonly line: number;
  readonly reason: string;
  /** The offending record, truncated. */
  readonly record: string;
}

export interface SourceReport {
  format: string;
  file: string;
  records_read: number;
  records_accepted: number;
  rejected: number;
  /** Records deliberately passed over (comments, headers, duplicates), with the reason. */
  skipped: number;
  rejected_by_reason: Record<string, number>;
  skipped_by_reason: Record<string, number>;
  rejected_examples: {line: number; reason: string}[];
  /** Rows written per canonical table by this file. */
  written: Partial<Record<TableName, number>>;
  /** Account and post rows not written because the warehouse already had that id. */
  merged: Partial<Record<TableName, number>>;
}

/**
 * One interaction between two accounts known by network and handle alone, the whole content of a line of an
 * edge list or an activity stream. As rows: the accounts `<network>:<actor>` and `<network>:<target>` (handle =
 * the id after the network), the interaction, and with `follow` also a follow row since `since`.
 */
export interface Edge {
  network: string;
  actor: string;
  target: string;
  /** Time of the interaction, in milliseconds since the unix epoch. */
  ts: number;
  kind: InteractionKind;
  weight: number | null;
  /** Whether the edge is also a follow. */
  follow: boolean;
  /** The follow's start (milliseconds since the unix epoch), or null when unknown. */
  since: number | null;
}

/**
 * An edge file a store may read by itself (`RowStore.writeEdgeFile`): from line `firstLine` on, every line
 * would hold one edge in its plainest form, fields separated by one `delimiter` each and nothing else on the
 * line. What each field may hold in that form is fixed in `plain-lines.ts`; the store reads the file only
 * if every line has it, so that the rows are those the importer itself would write, line by line.
 */
export interface EdgeFile {
  readonly file: InputFile;
  /** 1-based number of the first line of edges; the lines before it are the importer's. */
  readonly firstLine: number;
  readonly delimiter: "," | "\t" | " ";
  /** What each field holds: node ids, a weight, unix seconds, a name of the kind (a key of `kind`). */
  readonly columns: readonly ("src" | "dst" | "weight" | "ts" | "kind")[];
  readonly network: string;
  /** The kind of every edge; with a `kind` column, the kind each name in it stands for (any other: not plain). */
  readonly kind: InteractionKind | Readonly<Record<string, InteractionKind>>;
  /** Whether every edge is also a follow, since its time when there is a `ts` column. */
  readonly follow: boolean;
}

/** What a store did with an edge file (`RowStore.writeEdgeFile`). */
export interface EdgeFileStored {
  /** The edges stored: one per line. */
  readonly edges: number;
  /** How many of their accounts were new. */
  readonly accountsAdded: number;
  /** Whether the first edge's accounts were, so that the report lists its counts in the order of `acceptEdge`. */
  readonly firstEdgeAdded: boolean;
}

/** Where recorders put rows: a warehouse writer in Node, an in-memory store in the browser. */
export interface RowStore {
  /** Appends one valid row. */
  write(row: TableRow): void;
  /**
   * Stores a valid edge as its rows (`Edge`), faster than row by row; returns how many of its two account rows
   * were new (the others were already stored and are merged). Stores without it get the rows one by one. The
   * edge is the caller's, who may refill it for the next line: a store copies what it keeps.
   */
  writeEdge?(edge: Edge): 0 | 1 | 2;
  /**
   * Stores the edges of a file read by the store itself (`EdgeFile`): how many and how many of their accounts
   * were new, or undefined, having stored nothing, when the store cannot read that file or a line of it is not
   * in the plain form.
   */
  writeEdgeFile?(edges: EdgeFile): Promise<EdgeFileStored | undefined>;
  /** Whether an account or post with this id is already stored. */
  has(table: "accounts" | "posts", id: string): boolean;
  /** Fills the empty columns of a stored account from a later, valid row about the same account. */
  mergeAccount(row: Account): void;
  /** Keeps a rejected record (Node: `rejects.csv`). */
  reject(rejection: Rejection): void;
}

export interface RecorderOptions {
  /** Any rejection fails the import, naming the file, line and reason. */
  strict?: boolean;
  /** Keep no post text. */
  dropText?: boolean;
}

/** Anything that takes canonical rows from importers. */
export interface Sink {
  /** Starts the report of one input file; every record read from it is then accounted for through the recorder. */
  source(format: string, file: string): SourceRecorder;
}

/** Writes the rows of one input file and keeps its report. */
export class SourceRecorder {
  readonly report: SourceReport;
  readonly #store: RowStore;
  readonly #options: RecorderOptions;

  constructor(format: string, file: string, store: RowStore, options: RecorderOptions = {}) {
    this.report = {
      format,
      file,
      records_read: 0,
      records_accepted: 0,
      rejected: 0,
      skipped: 0,
      rejected_by_reason: {},
      skipped_by_reason: {},
      rejected_examples: [],
      written: {},
      merged: {}
    };
    this.#store = store;
    this.#options = options;
  }

  /**
   * Accepts the record at `line`, writing its rows; or, if a row breaks the data model, rejects the whole
   * record with the problem (naming table and column) and writes nothing. Accounts and posts whose id is
   * already stored are merged, not written twice: a later account row fills the columns the first one left
   * empty (a handle seen in a mention, then the full profile). Returns whether the record was accepted.
   */
  accept(line: number, rows: readonly TableRow[], record?: string): boolean {
    for (const tableRow of rows) {
      // A stored post is left as it is; a stored account may still gain columns, so its row is checked.
      if (tableRow.table === "posts" && this.#stored(tableRow)) continue;
      const {table, row} = tableRow;
      const problem = validateRow(table, row as Record<string, unknown>);
      if (problem) {
        this.reject(line, problem, record ?? JSON.stringify(row));
        return false;
      }
    }
    const report = this.report;
    for (const tableRow of rows) {
      const {table} = tableRow;
      if (this.#stored(tableRow)) {
        if (tableRow.table === "accounts") this.#store.mergeAccount(tableRow.row);
        report.merged[table] = (report.merged[table] ?? 0) + 1;
        continue;
      }
      if (tableRow.table === "posts" && this.#options.dropText && tableRow.row.text != null) {
        this.#store.write({table: "posts", row: {...tableRow.row, text: null}});
      } else {
        this.#store.write(tableRow);
      }
      report.written[table] = (report.written[table] ?? 0) + 1;
    }
    report.records_read++;
    report.records_accepted++;
    return true;
  }

  /**
   * Accepts the record at `line` holding one edge: the same as `accept` with the edge's rows (`edgeRows`),
   * written in one step when the store can (`RowStore.writeEdge`).
   */
  acceptEdge(line: number, edge: Edge, record: string): boolean {
    const store = this.#store;
    if (!store.writeEdge || !edgeValid(edge)) return this.accept(line, edgeRows(edge), record);
    const report = this.report;
    const added = store.writeEdge(edge);
    const written = report.written;
    if (added > 0) written.accounts = (written.accounts ?? 0) + added;
    if (added < 2) report.merged.accounts = (report.merged.accounts ?? 0) + 2 - added;
    written.interactions = (written.interactions ?? 0) + 1;
    if (edge.follow) written.follows = (written.follows ?? 0) + 1;
    report.records_read++;
    report.records_accepted++;
    return true;
  }

  /**
   * Accepts every line of an edge file from `edges.firstLine` on, each one edge, when the store reads the file
   * itself (`RowStore.writeEdgeFile`); returns false, nothing written, when it does not: the caller then reads
   * the lines one by one. The report is the one `acceptEdge` would give for each line.
   */
  async acceptEdgeFile(edges: EdgeFile): Promise<boolean> {
    const stored = await this.#store.writeEdgeFile?.(edges);
    if (!stored) return false;
    const {edges: count, accountsAdded, firstEdgeAdded} = stored;
    const report = this.report;
    const written = report.written;
    const writeAccounts = () => {
      if (accountsAdded > 0) written.accounts = (written.accounts ?? 0) + accountsAdded;
    };
    if (firstEdgeAdded) writeAccounts();
    if (accountsAdded < 2 * count) report.merged.accounts = (report.merged.accounts ?? 0) + 2 * count - accountsAdded;
    written.interactions = (written.interactions ?? 0) + count;
    if (edges.follow) written.follows = (written.follows ?? 0) + count;
    if (!firstEdgeAdded) writeAccounts();
    report.records_read += count;
    report.records_accepted += count;
    return true;
  }

  /** Whether this is an account or post row whose id is already stored. */
  #stored(tableRow: TableRow): boolean {
    if (tableRow.table === "accounts") return this.#store.has("accounts", tableRow.row.account_id);
    if (tableRow.table === "posts") return this.#store.has("posts", tableRow.row.post_id);
    return false;
  }

  /** Rejects the record at `line`. `reason` should be a stable phrase: reports count rejections by it. */
  reject(line: number, reason: string, record: string): void {
    if (this.#options.strict) throw new InputError(`${this.report.file}: line ${line}: ${reason} (--strict)`);
    const report = this.report;
    report.records_read++;
    report.rejected++;
    report.rejected_by_reason[reason] = (report.rejected_by_reason[reason] ?? 0) + 1;
    if (report.rejected_examples.length < EXAMPLES_KEPT) report.rejected_examples.push({line, reason});
    this.#store.reject({source: report.file, line, reason, record: record.slice(0, 500)});
  }

  /** Passes over a record on purpose (a comment, a header, a duplicate), counting it under `reason`. */
  skip(reason: string): void {
    const report = this.report;
    report.records_read++;
    report.skipped++;
    report.skipped_by_reason[reason] = (report.skipped_by_reason[reason] ?? 0) + 1;
  }

  /** Whether a post with this id is already stored (a record repeating it is a duplicate). */
  hasPost(postId: string): boolean {
    return this.#store.has("posts", postId);
  }
}

const KINDS = new Set<string>(INTERACTION_KINDS);
/** The largest distance from the epoch a JavaScript `Date` holds, in milliseconds (ECMA-262 §21.4.1.22). */
const DATE_RANGE_MS = 8.64e15;

const validTime = (ms: number) => Math.abs(ms) <= DATE_RANGE_MS;

/** Whether an edge's rows pass `validateRow` (its ids and handles are strings by type). */
function edgeValid({ts, kind, weight, since}: Edge): boolean {
  return (
    validTime(ts) &&
    KINDS.has(kind) &&
    (weight === null || Number.isFinite(weight)) &&
    (since === null || validTime(since))
  );
}

/** The rows an edge stands for (see `Edge`). */
export function edgeRows({network, actor, target, ts, kind, weight, follow, since}: Edge): TableRow[] {
  const actorId = `${network}:${actor}`;
  const targetId = `${network}:${target}`;
  const rows: TableRow[] = [
    {table: "accounts", row: {account_id: actorId, network, handle: actor}},
    {table: "accounts", row: {account_id: targetId, network, handle: target}},
    {table: "interactions", row: {ts: new Date(ts), network, actor_id: actorId, target_id: targetId, kind, weight}}
  ];
  if (follow) {
    rows.push({
      table: "follows",
      row: {follower_id: actorId, followee_id: targetId, network, since: since === null ? null : new Date(since)}
    });
  }
  return rows;
}

/** A short human summary of one source's report, for the command line. */
export function formatSourceReport(report: SourceReport): string {
  const n = (count: number) => count.toLocaleString("en-US");
  const tables = (counts: Partial<Record<TableName, number>>) =>
    Object.entries(counts)
      .map(([table, rows]) => `${n(rows)} ${table}`)
      .join(", ");
  const lines = [
    `${report.file} (${report.format}): read ${n(report.records_read)} records, accepted ${n(report.records_accepted)}, ` +
      `rejected ${n(report.rejected)}, skipped ${n(report.skipped)}`,
    `  wrote ${tables(report.written) || "nothing"}`
  ];
  if (Object.keys(report.merged).length) lines.push(`  already present, merged: ${tables(report.merged)}`);
  for (const [reason, count] of Object.entries(report.skipped_by_reason))
    lines.push(`  skipped ${n(count)}: ${reason}`);
  for (const [reason, count] of Object.entries(report.rejected_by_reason)) {
    const first = report.rejected_examples.find((example) => example.reason === reason);
    lines.push(`  rejected ${n(count)}: ${reason}${first ? ` (first at line ${first.line})` : ""}`);
  }
  return lines.join("\n");
}
