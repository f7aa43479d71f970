import {gzipSync} from "node:zlib";
import {describe, expect, it} from "vitest";
import {bytesInput, head, readLines, readText} from "../../loaders/input.js";

async function lines(content: Uint8Array | string) {
  const out: [number, string][] = [];
  for await (const {number, text} of readLines(bytesInput("f.txt", content))) out.push([number, text]);
  return out;
}

describe("readLines(file)", () => {
  it("splits LF and CRLF lines and keeps a last line without an end", async () => {
    expect(await lines("a\r\nb\n\nc")).toEqual([
      [1, "a"],
      [2, "b"],
      [3, ""],
      [4, "c"]
    ]);
    expect(await lines("")).toEqual([]);
    expect(await lines("a\n")).toEqual([[1, "a"]]);
  });

  it("decompresses gzip recognised by its magic bytes", async () => {
    expect(await lines(gzipSync("x y\nz"))).toEqual([
      [1, "x y"],
      [2, "z"]
    ]);
  });

  it("keeps multi-byte characters split across chunks intact", async () => {
    const bytes = new TextEncoder().encode("é\n€\n");
    const file = {
      name: "split.txt",
      stream: () =>
        new ReadableStream<Uint8Array>({
          start(controller) {
            for (const byte of bytes) controller.enqueue(Uint8Array.of(byte));
            controller.close();
          }
        })
    };
    const out: string[] = [];
    for await (const line of readLines(file)) out.push(line.text);
    expect(out).toEqual(["é", "€"]);
  });

  it("names the file and line of bytes that are not UTF-8", async () => {
    const bytes = Uint8Array.from([0x61, 0x0a, 0x62, 0x0a, 0xff, 0xfe, 0x0a]);
    await expect(lines(bytes)).rejects.toThrow("f.txt: line 3: not valid UTF-8 text");
  });
});

describe("readText(file) and head(file)", () => {
  it("read whole (decompressed) text and the first bytes", async () => {
    expect(await readText(bytesInput("t.gz", gzipSync("héllo")))).toBe("héllo");
    expect(new TextDecoder().decode(await head(bytesInput("t.gz", gzipSync("abcdef")), 3))).toBe("abc");
  });
});
