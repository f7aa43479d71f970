/**
 * Reads a text file line by line as a stream, gunzipping it when it starts with the gzip magic bytes,
 * so files of any size pass through in constant memory. CRLF and LF endings are both accepted.
 */
import {createReadStream, openSync, readSync, closeSync, statSync} from "node:fs";
import {createInterface} from "node:readline";
import {createGunzip} from "node:zlib";

export interface Line {
  /** 1-based line number. */
  readonly number: number;
  readonly text: string;
}

export interface ReadLinesOptions {
  /** Called now and then with the fraction of the (compressed) file read so far. */
  onProgress?: (fraction: number) => void;
}

export async function* readLines(path: string, {onProgress}: ReadLinesOptions = {}): AsyncGenerator<Line> {
  const size = statSync(path).size;
  const file = createReadStream(path, {highWaterMark: 1 << 20});
  let bytesRead = 0;
  if (onProgress) {
    file.on("data", (chunk) => {
      bytesRead += chunk.length;
      onProgress(size ? bytesRead / size : 1);
    });
  }
  const input = isGzip(path) ? file.pipe(createGunzip()) : file;
  file.on("error", (error) => input.destroy(error));
  const lines = createInterface({input, crlfDelay: Infinity});
  let number = 0;
  for await (const text of lines) yield {number: ++number, text};
}

function isGzip(path: string): boolean {
  const fd = openSync(path, "r");
  try {
    const magic = Buffer.alloc(2);
    return readSync(fd, magic, 0, 2, 0) === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}
