import {gzipSync} from "node:zlib";
import {describe, expect, it} from "vitest";
import {bytesInput, head, readLines, readText} from "../../loaders/input.js";

async function lines(content: Uint8Array | string) {
  const out: [number, string][] = [];
  for await (const {number, text} of readLines(bytesInput("f.txt", content))) out.push([number, text]);
  return out;
}

/** The lines of `bytes` read from a stream of chunks of `size` bytes. */
async function chunkedLines(bytes: Uint8Array, size: number): Promise<string[]> {
  const file = {
    name: "split.txt",
    stream: () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < bytes.byteLength; i += size) controller.enqueue(bytes.slice(i, i + size));
          controller.close();
        }
      })
  };
  const out: string[] = [];
  for await (const line of readLines(file)) out.push(line.text);
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
    expect(await chunkedLines(new TextEncoder().encode("é\n€\n"), 1)).toEqual(["é", "€"]);
    // 😀 is 4 bytes, € 3: chunks of 2 and 5 bytes cut them in every place.
    const text = "a😀b€\n\uFFFD😀😀\n";
    for (const size of [2, 5])
      expect(await chunkedLines(new TextEncoder().encode(text), size)).toEqual(text.split("\n").slice(0, 2));
  });

  it("keeps a U+FFFD written in the file (EF BF BD): it is text, not a bad byte", async () => {
    expect(await lines("a\uFFFDb\n")).toEqual([[1, "a\uFFFDb"]]);
  });

  it("names the file and line of bytes that are not UTF-8", async () => {
    const bytes = Uint8Array.from([0x61, 0x0a, 0x62, 0x0a, 0xff, 0xfe, 0x0a]);
    await expect(lines(bytes)).rejects.toThrow("f.txt: line 3: not valid UTF-8 text");
    // A character cut short by the end of the file, and one whose second byte is not a continuation, arriving
    // in chunks of one byte.
    const cut = [0x61, 0x0a, 0xe2, 0x82];
    await expect(chunkedLines(Uint8Array.from(cut), 1)).rejects.toThrow("line 2: not valid UTF-8 text");
    const broken = [0x61, 0x0a, 0x62, 0x0a, 0xe2, 0x41, 0x0a];
    await expect(chunkedLines(Uint8Array.from(broken), 1)).rejects.toThrow("line 3: not valid UTF-8 text");
  });
});

describe("truncated compressed input", () => {
  it("names the file and how far reading got", async () => {
    const whole = gzipSync("a\nb\n".repeat(10_000));
    const cut = bytesInput("cut.gz", whole.subarray(0, whole.byteLength - 20));
    await expect(lines(whole.subarray(0, whole.byteLength - 20))).rejects.toThrow(
      /^f\.txt: cannot read on after line \d+ \(/
    );
    await expect(readText(cut)).rejects.toThrow(/^cut\.gz: cannot be read \(/);
  });
});

describe("readText(file) and head(file)", () => {
  it("read whole (decompressed) text and the first bytes", async () => {
    expect(await readText(bytesInput("t.gz", gzipSync("héllo")))).toBe("héllo");
    expect(new TextDecoder().decode(await head(bytesInput("t.gz", gzipSync("abcdef")), 3))).toBe("abc");
  });
});

describe("zstd input", () => {
  // zstd frames built by hand after RFC 8878: magic, frame header, then blocks (raw or RLE), no checksum.
  const MAGIC = [0x28, 0xb5, 0x2f, 0xfd];
  const block = (type: number, size: number, last: boolean, body: number[]) => {
    const header = (last ? 1 : 0) | (type << 1) | (size << 3);
    return [header & 0xff, (header >> 8) & 0xff, header >> 16, ...body];
  };
  const raw = (text: string, last = false) => {
    const bytes = [...new TextEncoder().encode(text)];
    return block(0, bytes.length, last, bytes);
  };
  const rle = (char: string, count: number, last = false) => block(1, count, last, [char.charCodeAt(0)]);
  /** A frame with a window descriptor: window = 2^(10 + exponent). */
  const windowed = (exponent: number, ...blocks: number[][]) => [...MAGIC, 0x00, exponent << 3, ...blocks.flat()];
  /** A single-segment frame with a one-byte content size (the window is the content size). */
  const segment = (size: number, ...blocks: number[][]) => [...MAGIC, 0x20, size, ...blocks.flat()];
  const byteByByte = (bytes: number[]) => ({
    name: "split.zst",
    stream: () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (const byte of bytes) controller.enqueue(Uint8Array.of(byte));
          controller.close();
        }
      })
  });

  it("decompresses zstd recognised by its magic bytes: several frames, raw and RLE blocks, any chunking", async () => {
    const bytes = [...windowed(10, raw("a b\nc"), raw("d\n", true)), ...segment(4, raw("x"), rle("y", 3, true))];
    const expected = [
      [1, "a b"],
      [2, "cd"],
      [3, "xyyy"]
    ];
    expect(await lines(Uint8Array.from(bytes))).toEqual(expected);
    const out: [number, string][] = [];
    for await (const {number, text} of readLines(byteByByte(bytes))) out.push([number, text]);
    expect(out).toEqual(expected);
    expect(await readText(bytesInput("t.zst", Uint8Array.from(segment(3, raw("hé", true)))))).toBe("hé");
  });

  it("refuses windows too large to decompress here, and names truncated or corrupt data", async () => {
    const long = Uint8Array.from(windowed(21, raw("x", true)));
    await expect(readText(bytesInput("dump.zst", long))).rejects.toThrow(
      "dump.zst: zstd window of 2048 MiB is larger than the 128 MiB read here; " +
        "decompress it first (zstd -d --long=31) and import the result"
    );
    await expect(readText(bytesInput("cut.zst", Uint8Array.from(windowed(10, raw("abc")))))).rejects.toThrow(
      "cut.zst: not valid zstd data (unexpected EOF)"
    );
    const reserved = Uint8Array.from(windowed(10, block(3, 1, true, [0])));
    await expect(readText(bytesInput("bad.zst", reserved))).rejects.toThrow(
      "bad.zst: not valid zstd data (invalid block type)"
    );
  });
});
