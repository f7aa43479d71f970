/** `label.txt` of a Twitter15/16 release: one `label:source_tweet_id` per line. */
import {readLines, type InputFile} from "../../input.js";
import type {SourceRecorder} from "../../report.js";

export interface Label {
  readonly label: string;
  /** Where it was read, to account for the line once its tree has been read. */
  readonly line: number;
  readonly text: string;
}

const LABEL_LINE = /^([a-z][a-z-]*):(\d+)$/i;

/**
 * Reads the labels by source tweet id. Blank lines and repeated labels are skipped, malformed lines and a
 * second, different label for a tweet are rejected here; the labels returned are accounted for by the caller.
 */
export async function readLabels(file: InputFile, source: SourceRecorder): Promise<Map<string, Label>> {
  const labels = new Map<string, Label>();
  for await (const {number, text} of readLines(file)) {
    const trimmed = text.trim();
    if (!trimmed) {
      source.skip("blank line");
      continue;
    }
    const match = LABEL_LINE.exec(trimmed);
    if (!match) {
      source.reject(number, "expected label:source_tweet_id", text);
      continue;
    }
    const [, label, id] = match as unknown as [string, string, string];
    const known = labels.get(id);
    if (known?.label === label) source.skip("duplicate label");
    else if (known) source.reject(number, "conflicting label for the same tweet", text);
    else labels.set(id, {label, line: number, text});
  }
  return labels;
}
