/** Node paths as importer inputs: a file, or a folder whose files are its entries. */
import {createReadStream, existsSync, readdirSync, statSync} from "node:fs";
import {join, relative, sep} from "node:path";
import {Readable, pipeline} from "node:stream";
import {createGunzip} from "node:zlib";
import {fileOrArchive} from "./archive.js";
import {InputError, type Input, type InputFile, type InputFolder} from "./input.js";

export function fileInput(path: string): InputFile {
  return {
    name: path,
    path,
    size: statSync(path).size,
    stream: () => Readable.toWeb(createReadStream(path, {highWaterMark: 1 << 20})) as ReadableStream<Uint8Array>
  };
}

/**
 * The bytes of the file at `path`, gunzipped when `gzip`, through Node's own streams: for a reader that goes over
 * every byte, a fraction of the time that web streams and `DecompressionStream` take (`loaders/input.ts`).
 */
export function fileBytes(path: string, gzip: boolean): AsyncIterable<Uint8Array> {
  const bytes = createReadStream(path, {highWaterMark: 1 << 20});
  // A pipeline, so that a reader that stops early, or fails, closes the file too; its errors reach the reader.
  return gzip ? pipeline(bytes, createGunzip({chunkSize: 1 << 20}), () => undefined) : bytes;
}

export function folderInput(path: string): InputFolder {
  const paths = walk(path)
    .map((file) => relative(path, file).split(sep).join("/"))
    .sort();
  const known = new Set(paths);
  return {
    name: path,
    paths,
    file: (entry) => (known.has(entry) ? fileInput(join(path, entry)) : undefined)
  };
}

/** The input at `path`: a folder, an archive (read as a folder) or a file. */
export async function openInput(path: string): Promise<Input> {
  if (!existsSync(path)) throw new InputError(`${path}: no such file or folder`);
  if (statSync(path).isDirectory()) return folderInput(path);
  return fileOrArchive(fileInput(path));
}

function walk(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? walk(path) : entry.isFile() ? [path] : [];
  });
}
