/**
 * The import report: for every input file, what was read, what was written and what was rejected and why.
 * Nothing an importer reads may vanish: `records_read === records_accepted + rejected`.
 */
import type {TableName} from "./schema.js";

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
  rejected_by_reason: Record<string, number>;
  rejected_examples: {line: number; reason: string}[];
  /** Rows written per canonical table by this file. */
  written: Partial<Record<TableName, number>>;
}

/** Collects the report of one input file while an importer reads it. */
export class SourceRecorder {
  readonly report: SourceReport;
  readonly #onReject: (rejection: Rejection) => void;

  constructor(format: string, file: string, onReject: (rejection: Rejection) => void) {
    this.report = {
      format,
      file,
      records_read: 0,
      records_accepted: 0,
      rejected: 0,
      rejected_by_reason: {},
      rejected_examples: [],
      written: {}
    };
    this.#onReject = onReject;
  }

  accept(): void {
    this.report.records_read++;
    this.report.records_accepted++;
  }

  /** Records a rejected record. `reason` should be a stable phrase (it is counted by value). */
  reject(line: number, reason: string, record: string): void {
    const report = this.report;
    report.records_read++;
    report.rejected++;
    report.rejected_by_reason[reason] = (report.rejected_by_reason[reason] ?? 0) + 1;
    if (report.rejected_examples.length < EXAMPLES_KEPT) report.rejected_examples.push({line, reason});
    this.#onReject({source: report.file, line, reason, record: record.slice(0, 500)});
  }

  wrote(table: TableName, rows = 1): void {
    this.report.written[table] = (this.report.written[table] ?? 0) + rows;
  }
}

/** A short human summary of one source's report, for the command line. */
export function formatSourceReport(report: SourceReport): string {
  const written = Object.entries(report.written)
    .map(([table, rows]) => `${rows.toLocaleString("en-US")} ${table}`)
    .join(", ");
  const lines = [
    `${report.file} (${report.format}): read ${report.records_read.toLocaleString("en-US")} records, ` +
      `accepted ${report.records_accepted.toLocaleString("en-US")}, rejected ${report.rejected.toLocaleString("en-US")}`,
    `  wrote ${written || "nothing"}`
  ];
  for (const [reason, count] of Object.entries(report.rejected_by_reason)) {
    const first = report.rejected_examples.find((example) => example.reason === reason);
    lines.push(
      `  rejected ${count.toLocaleString("en-US")}: ${reason}${first ? ` (first at line ${first.line})` : ""}`
    );
  }
  return lines.join("\n");
}
