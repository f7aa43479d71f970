/**
 * Recognising an edge list by content for `sway import auto`. Edge lists have no signature, so the test is
 * narrow: every line of the sample that is not a comment (`#`, `%`) or blank holds the same number (2 to 4) of
 * fields, consistently separated, the first two non-negative integers (node ids) and the others numbers or
 * times; one header line of names may come first. Named node ids are imported but not detected: a CSV of
 * names is too common a thing to claim. Lines with a word among the fields, such as the Higgs activity
 * stream's `RT`/`MT`/`RE`, are never claimed.
 */
import type {Sample} from "../importer.js";
import {detectDelimiter, isValue, splitFields} from "./fields.js";
import {isHeader} from "./header.js";

const LINES_LOOKED_AT = 50;
const NODE_ID = /^\d+$/;

export function detectEdgeList({text}: Sample): string | undefined {
  const lines = text.split("\n");
  // The sample may end inside a line.
  if (lines.length > 1 && !text.endsWith("\n")) lines.pop();
  let comments = 0;
  const rows: string[] = [];
  for (const line of lines) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    if (trimmed.startsWith("#") || trimmed.startsWith("%")) comments++;
    else rows.push(trimmed);
    if (rows.length === LINES_LOOKED_AT) break;
  }
  if (rows.length === 0) return undefined;
  const delimiter = detectDelimiter(rows[rows.length > 1 ? 1 : 0]!);
  const fields = rows.map((row) => splitFields(row, delimiter));
  const header = fields.length > 1 && isHeader(fields[0]!, fields[1]);
  const data = header ? fields.slice(1) : fields;
  const count = data[0]!.length;
  if (count < 2 || count > 4) return undefined;
  for (const [i, row] of data.entries()) {
    if (detectDelimiter(rows[i + (header ? 1 : 0)]!) !== delimiter || row.length !== count) return undefined;
    if (!NODE_ID.test(row[0]!) || !NODE_ID.test(row[1]!) || !row.slice(2).every(isValue)) return undefined;
  }
  const notes = [comments && `${comments} comment line${comments > 1 ? "s" : ""}`, header && "a header line"];
  const extra = notes.filter(Boolean).join(" and ");
  return `lines of ${count} numbers separated by ${delimiter.name}${extra ? `, with ${extra}` : ""}`;
}
