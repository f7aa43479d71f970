/**
 * Archives as folders: a `.zip` (platform exports) or a `.tar`, plain or gzipped (dataset releases), read
 * into memory and indexed so that importers can pick the entries they need. Browser-safe (fflate, nanotar).
 */
import {unzipSync} from "fflate";
import {parseTar} from "nanotar";
import {InputError, bytesInput, head, openBytes, type Input, type InputFile, type InputFolder} from "./input.js";

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
const USTAR_OFFSET = 257;

/** Whether these first (decompressed) bytes start a zip or tar archive. */
export function isArchive(head: Uint8Array): boolean {
  return startsWith(head, ZIP) || startsWith(head, EMPTY_ZIP) || isTar(head);
}

/** `file` as importers take it: an archive as the folder it holds, any other file as it is. */
export async function fileOrArchive(file: InputFile): Promise<Input> {
  return isArchive(await head(file, 512)) ? archiveFolder(file) : file;
}

/** Reads the archive `file` and returns it as a folder (entries without their leading `./`). */
export async function archiveFolder(file: InputFile): Promise<InputFolder> {
  const bytes = new Uint8Array(await new Response(await openBytes(file)).arrayBuffer());
  const entries = new Map<string, Uint8Array>();
  if (startsWith(bytes, ZIP) || startsWith(bytes, EMPTY_ZIP)) {
    let files: Record<string, Uint8Array>;
    try {
      files = unzipSync(bytes, {filter: (entry) => !entry.name.endsWith("/")});
    } catch (error) {
      throw new InputError(`${file.name}: not a readable zip archive (${(error as Error).message})`);
    }
    for (const [name, data] of Object.entries(files)) entries.set(clean(name), data);
  } else if (isTar(bytes)) {
    for (const entry of parseTar(bytes)) {
      if (entry.type === "file" && entry.data) entries.set(clean(entry.name), entry.data);
    }
  } else {
    throw new InputError(`${file.name}: not a zip or tar archive`);
  }
  const paths = [...entries.keys()].sort();
  return {
    name: file.name,
    paths,
    file: (path) => {
      const data = entries.get(path);
      return data && bytesInput(`${file.name}/${path}`, data);
    }
  };
}

function clean(name: string): string {
  return name.replace(/^(\.\/)+/, "").replace(/^\/+/, "");
}

function isTar(bytes: Uint8Array): boolean {
  const magic = String.fromCharCode(...bytes.subarray(USTAR_OFFSET, USTAR_OFFSET + 5));
  return magic === "ustar";
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((byte, i) => bytes[i] === byte);
}
