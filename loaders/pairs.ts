/**
 * Reads labelled pairs in the Kaggle/PeerIndex "Influencers in Social Networks" format
 * (`shared/datasets/kaggle-peerindex-influencers/SOURCE.md`): a CSV header naming `Choice` and the eleven
 * features of A and of B (`A_follower_count` … `B_network_feature_3`, any order, other columns ignored), then one
 * pair per line, `Choice` 1 when A was judged more influential and 0 when B was.
 *
 * Every line is a pair or an error: a line with the wrong number of fields, a `Choice` other than 0 or 1, or a
 * feature that is not a finite non-negative number stops the reading with the file, the line and the column.
 */
import {csvParseRows} from "d3";
import {PAIR_FEATURES} from "../scoring/evaluate/aggregate-methods.js";
import type {AccountAggregates, PairFeature} from "../scoring/evaluate/aggregate-methods.js";
import type {LabelledPair} from "../scoring/evaluate/pairs.js";
import {InputError, readLines, type InputFile} from "./input.js";

const SIDES = ["A", "B"] as const;
const COLUMNS = ["Choice", ...SIDES.flatMap((side) => PAIR_FEATURES.map((feature) => `${side}_${feature}`))];

/** The labelled pairs of `file`, in file order. */
export async function readPairs(file: InputFile): Promise<LabelledPair[]> {
  const pairs: LabelledPair[] = [];
  let header: Map<string, number> | undefined;
  let fieldCount = 0;
  for await (const {number, text} of readLines(file)) {
    const where = `${file.name}: line ${number}`;
    const fields = csvParseRows(text)[0] ?? [];
    if (!header) {
      header = readHeader(fields, where);
      fieldCount = fields.length;
      continue;
    }
    if (fields.length !== fieldCount) {
      throw new InputError(`${where}: ${fields.length} fields, the header has ${fieldCount}`);
    }
    const column = (name: string) => fields[header!.get(name)!]!;
    const choice = column("Choice");
    if (choice !== "0" && choice !== "1") throw new InputError(`${where}: Choice is "${choice}", expected 0 or 1`);
    const [a, b] = SIDES.map((side) => {
      const account = {} as Record<PairFeature, number>;
      for (const feature of PAIR_FEATURES) {
        const name = `${side}_${feature}`;
        const value = column(name).trim() === "" ? NaN : Number(column(name));
        if (!(Number.isFinite(value) && value >= 0)) {
          throw new InputError(`${where}: ${name} is "${column(name)}", expected a non-negative number`);
        }
        account[feature] = value;
      }
      return account as AccountAggregates;
    });
    pairs.push({a: a!, b: b!, aWins: choice === "1"});
  }
  if (!header) throw new InputError(`${file.name}: empty file (expected a pairs CSV with a header)`);
  return pairs;
}

function readHeader(fields: readonly string[], where: string): Map<string, number> {
  const header = new Map<string, number>();
  fields.forEach((name, index) => {
    if (header.has(name)) throw new InputError(`${where}: column ${name} appears twice`);
    header.set(name, index);
  });
  const missing = COLUMNS.filter((name) => !header.has(name));
  if (missing.length > 0) {
    throw new InputError(
      `${where}: missing column${missing.length === 1 ? "" : "s"} ${missing.join(", ")} ` +
        `(expected Choice, A_… and B_… columns of ${PAIR_FEATURES.join(", ")})`
    );
  }
  return header;
}
