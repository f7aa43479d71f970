/**
 * decodeDagCbor against @ipld/dag-cbor (cborg), an independent implementation of the same codec: random values
 * encoded by it must decode to the same values, and bytes it refuses must be refused.
 */
import {decode, encode} from "@ipld/dag-cbor";
import fc from "fast-check";
import {CID} from "multiformats/cid";
import {describe, expect, it} from "vitest";
import {decodeDagCbor} from "../../../../loaders/importers/bluesky/dag-cbor.js";

const CIDS = [
  "bafyreig2fjxi3rptqdgylg7e5hmjl6mcke7rn2b6cugzlqq3i4zu6rq52q",
  "QmdfTbBqBPQ7VNxZEYEj14VmRuZBkqFbiwReogJgS1zR1n"
].map((text) => CID.parse(text));

const value = fc.letrec((tie) => ({
  leaf: fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.maxSafeInteger(),
    fc.bigInt({min: -(2n ** 64n), max: 2n ** 64n - 1n}),
    fc.double({noNaN: true, noDefaultInfinity: true}),
    fc.string({unit: "grapheme"}),
    fc.uint8Array({maxLength: 40}),
    fc.constantFrom(...CIDS)
  ),
  node: fc.oneof(
    {depthSize: "small"},
    tie("leaf"),
    fc.array(tie("node"), {maxLength: 5}),
    fc.dictionary(fc.string(), tie("node"), {maxKeys: 5})
  )
})).node;

describe("decodeDagCbor(bytes)", () => {
  it("decodes what @ipld/dag-cbor encodes to what it decodes", () => {
    fc.assert(
      fc.property(value, (v) => {
        const bytes = encode(v);
        expect(decodeDagCbor(bytes)).toEqual(decode(bytes));
      }),
      {seed: 7, numRuns: 500}
    );
  });

  it("keeps a __proto__ key as data", () => {
    const bytes = encode(JSON.parse('{"__proto__": {"polluted": true}, "a": 1}'));
    const decoded = decodeDagCbor(bytes) as Record<string, unknown>;
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    // Keys come in DAG-CBOR's order: shorter first.
    expect(Object.keys(decoded)).toEqual(["a", "__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("reads undefined as null, as @ipld/dag-cbor does", () => {
    expect(decode(new Uint8Array([0xf7]))).toBeNull();
    expect(decodeDagCbor(new Uint8Array([0xf7]))).toBeNull();
  });

  it.each([
    ["an indefinite-length array", [0x9f, 0x01, 0xff]],
    ["a simple value other than false, true, null and undefined", [0xf0]],
    ["an integer not in its shortest form", [0x18, 0x01]],
    ["a duplicate map key", [0xa2, 0x61, 0x61, 0x01, 0x61, 0x61, 0x02]],
    ["a map key that is no string", [0xa1, 0x01, 0x02]],
    ["bytes after the value", [0x01, 0x02]],
    ["a tag other than 42", [0xc1, 0x01]],
    ["NaN", [0xfb, 0x7f, 0xf8, 0, 0, 0, 0, 0, 0]],
    ["a cut value", [0x62, 0x61]],
    ["a lone break", [0xff, 0x00]]
  ])("refuses %s, as @ipld/dag-cbor does", (_, bytes) => {
    const data = new Uint8Array(bytes);
    expect(() => decode(data)).toThrow();
    expect(() => decodeDagCbor(data)).toThrow(/^DAG-CBOR: /);
  });
});
