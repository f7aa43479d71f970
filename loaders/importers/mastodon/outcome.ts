/** What becomes of one record of an export, and how the recorder is told. */
import type {SourceRecorder} from "../../report.js";
import type {TableRow} from "../../schema.js";

/** The record's rows, or the reason it is rejected or skipped. */
export type Outcome = {rows: TableRow[]} | {reject: string} | {skip: string};

/** Accounts for the record at `line` (its 1-based index or line number); `raw` is shown when it is rejected. */
export function record(source: SourceRecorder, line: number, outcome: Outcome, raw: () => string): void {
  if ("rows" in outcome) source.accept(line, outcome.rows);
  else if ("skip" in outcome) source.skip(outcome.skip);
  else source.reject(line, outcome.reject, raw());
}
