import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {plainLines} from "../../loaders/plain-lines.js";
import type {EdgeFile} from "../../loaders/report.js";

type Spec = Pick<EdgeFile, "firstLine" | "delimiter" | "columns" | "kind">;

const CSV: Spec = {firstLine: 1, delimiter: ",", columns: ["src", "dst", "weight", "ts"], kind: "mention"};
const HIGGS: Spec = {
  firstLine: 1,
  delimiter: " ",
  columns: ["src", "dst", "ts", "kind"],
  kind: {RT: "repost", MT: "mention", RE: "reply"}
};

/** `text` as bytes, cut into chunks of `size` bytes (a line may span chunks). */
async function* chunked(text: string, size = 1 << 20): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let start = 0; start < bytes.length; start += size) yield bytes.subarray(start, start + size);
}

/**
 * The reference: the forms of the module header as regular expressions, on lines split as `readLineBatches`
 * splits them (by LF; an unended last line counts).
 */
function reference(text: string, spec: Spec): {lines: number; first: number[]; ids: number[]} | undefined {
  const forms: Record<string, RegExp> = {
    src: /^(0|[1-9][0-9]{0,7})$/,
    dst: /^(0|[1-9][0-9]{0,7})$/,
    weight: /^(0|-?[1-9][0-9]{0,14})$/,
    ts: /^[0-9]{1,11}$/,
    kind: new RegExp(`^(${Object.keys(typeof spec.kind === "string" ? {} : spec.kind).join("|")})$`)
  };
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  const ids = new Set<number>();
  let first: number[] | undefined;
  for (const line of lines.slice(spec.firstLine - 1)) {
    const fields = line.split(spec.delimiter);
    if (fields.length !== spec.columns.length) return undefined;
    if (!spec.columns.every((column, i) => forms[column]!.test(fields[i]!))) return undefined;
    const edge = [Number(fields[spec.columns.indexOf("src")]), Number(fields[spec.columns.indexOf("dst")])];
    if (edge.some((id) => id >= 2 ** 24)) return undefined;
    first ??= edge;
    edge.forEach((id) => ids.add(id));
  }
  return {lines: lines.length, first: first ?? [], ids: [...ids].sort((a, b) => a - b)};
}

describe("plainLines(chunks, edges)", () => {
  it("counts the lines, and gives the first edge's ids and every id once, ascending", async () => {
    expect(await plainLines(chunked("7,3,-2,1341100972\n3,0,0,0\n"), CSV)).toEqual({
      lines: 2,
      first: [7, 3],
      ids: [0, 3, 7]
    });
    // An unended last line counts; lines before firstLine are counted, never checked.
    expect(
      await plainLines(chunked("# a comment\nsrc,dst\n16777215,1"), {...CSV, columns: ["src", "dst"], firstLine: 3})
    ).toEqual({lines: 3, first: [16777215, 1], ids: [1, 16777215]});
    expect(await plainLines(chunked("1 2 1341100972 RT\n2 1 5 RE\n"), HIGGS)).toEqual({
      lines: 2,
      first: [1, 2],
      ids: [1, 2]
    });
    expect(await plainLines(chunked(""), CSV)).toEqual({lines: 0, first: [], ids: []});
  });

  it("is undefined when any line is not plain", async () => {
    const odd = [
      "1,2,3,4\r\n", // CRLF
      "1,2,3,4\n\n", // a blank line
      "01,2,3,4\n", // a leading zero
      "16777216,2,3,4\n", // an id beyond 2^24
      "-1,2,3,4\n",
      "1,2,+3,4\n",
      "1,2,-0,4\n",
      "1,2,03,4\n",
      "1,2,1234567890123456,4\n", // 16 digits
      "1,2,3.5,4\n",
      "1,2,3,123456789012\n", // 12 digits
      "1,2,3,-4\n",
      "1,2,3\n",
      "1,2,3,4,5\n",
      "1, 2,3,4\n",
      '"1",2,3,4\n',
      "1,2,,4\n"
    ];
    for (const line of odd)
      expect(await plainLines(chunked(`5,6,7,8\n${line}`), CSV), JSON.stringify(line)).toBe(undefined);
    for (const line of ["1 2 3 rt", "1 2 3 RTX", "1 2 3 ", "1 2 3 RT ", "1  2 3 RT", "1 2 3 RT\r"]) {
      expect(await plainLines(chunked(`${line}\n`), HIGGS), JSON.stringify(line)).toBe(undefined);
    }
  });

  it("agrees with the forms as regular expressions, whatever the text and however it is cut into chunks", async () => {
    const field = fc.constantFrom(
      "0",
      "7",
      "10",
      "007",
      "-3",
      "-0",
      "+2",
      "1.5",
      "",
      " 4",
      "16777215",
      "16777216",
      "RT",
      "MT",
      "XX"
    );
    const id = fc.constantFrom("0", "7", "10", "16777215");
    const plain = fc.oneof(
      fc
        .tuple(id, id, fc.constantFrom("0", "-3", "12"), fc.constantFrom("0", "0042", "1341100972"))
        .map((f) => f.join(",")),
      fc.tuple(id, id, fc.constantFrom("0", "1341100972"), fc.constantFrom("RT", "MT", "RE")).map((f) => f.join(" "))
    );
    const line = fc.oneof(
      {arbitrary: plain, weight: 6},
      fc.array(field, {minLength: 3, maxLength: 5}).map((fields) => fields.join(",")),
      fc.array(field, {minLength: 3, maxLength: 5}).map((fields) => fields.join(" ")),
      fc.constantFrom("", "1,2,3,4\r", "1 2 3 RT\r", "# c")
    );
    let plainWithEdges = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, {minLength: 0, maxLength: 5}),
        fc.boolean(),
        fc.integer({min: 1, max: 8}),
        fc.constantFrom(CSV, HIGGS, {...CSV, firstLine: 2}),
        async (lines, finalNewline, chunkSize, spec) => {
          const text = lines.join("\n") + (finalNewline && lines.length > 0 ? "\n" : "");
          const expected = reference(text, spec);
          if (expected && expected.lines >= spec.firstLine) plainWithEdges++;
          expect(await plainLines(chunked(text, chunkSize), spec)).toEqual(expected);
        }
      ),
      {numRuns: 400, seed: 7}
    );
    // Both outcomes are tried: files with plain edges, not only odd ones.
    expect(plainWithEdges).toBeGreaterThan(20);
  }, 180_000);
});
