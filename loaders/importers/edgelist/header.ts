/**
 * Header lines. SNAP and KONECT keep column names in comments, but edge lists saved from a spreadsheet, pandas
 * or R start with a line of names (`Source,Target,Rating,Time`). Node ids may be names too, so a first line is
 * a header only on evidence: its source and target fields are usual column names, or one of its columns holds a
 * name where the next line holds a value (a number or a time), as `Source` above `7188` or `weight` above `3`.
 */
import {isValue} from "./fields.js";
import type {Layout} from "./settings.js";

const SOURCE_NAMES =
  /^(src|source|from|sender|from_?node_?(id)?|source_?(node|id|user)|src_?id|from_?(id|user)|node_?1|id_?1)$/i;
const TARGET_NAMES =
  /^(dst|target|to|receiver|recipient|to_?node_?(id)?|target_?(node|id|user)|dst_?id|to_?(id|user)|node_?2|id_?2)$/i;

/**
 * Whether `first`, the fields of a file's first line that is not a comment, is a header, judged with `next`,
 * the fields of the line after it (undefined when there is none). Without `--columns` (`layout` undefined),
 * the first two columns are taken as source and target.
 */
export function isHeader(first: readonly string[], next: readonly string[] | undefined, layout?: Layout): boolean {
  const src = first[layout ? layout.src : 0] ?? "";
  const dst = first[layout ? layout.dst : 1] ?? "";
  if (SOURCE_NAMES.test(src) && TARGET_NAMES.test(dst)) return true;
  if (!next) return false;
  const columns = Math.min(first.length, next.length);
  for (let i = 0; i < columns; i++) {
    if (layout?.roles[i] === "_") continue;
    if (!isValue(first[i]!) && isValue(next[i]!)) return true;
  }
  return false;
}
