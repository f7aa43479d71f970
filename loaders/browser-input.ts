/**
 * Files chosen or dropped in the browser as importer inputs. A `File` already has the shape of an `InputFile`
 * (name, size, a fresh byte stream on each call); an archive becomes the folder it holds, as on the command line,
 * and the files of a chosen folder (`<input webkitdirectory>`, each file carrying its `webkitRelativePath`) become
 * one folder input per top folder.
 */
import {fileOrArchive} from "./archive.js";
import type {Input, InputFile, InputFolder} from "./input.js";

/** What the browser gives for a chosen file; `webkitRelativePath` is "" unless a folder was chosen. */
export interface ChosenFile extends Blob {
  readonly name: string;
  readonly webkitRelativePath?: string;
}

/** The inputs that `files` stand for: folders first (by name), then single files in the order given. */
export async function browserInputs(files: readonly ChosenFile[]): Promise<Input[]> {
  const folders = new Map<string, Map<string, ChosenFile>>();
  const singles: ChosenFile[] = [];
  for (const file of files) {
    const path = file.webkitRelativePath ?? "";
    const slash = path.indexOf("/");
    if (slash <= 0) {
      singles.push(file);
      continue;
    }
    const root = path.slice(0, slash);
    if (!folders.has(root)) folders.set(root, new Map());
    folders.get(root)!.set(path.slice(slash + 1), file);
  }
  const folderInputs = [...folders.keys()].sort().map((root) => folderOf(root, folders.get(root)!));
  return [...folderInputs, ...(await Promise.all(singles.map((file) => fileOrArchive(blobInput(file.name, file)))))];
}

/** A blob as an input file named `name`. */
export function blobInput(name: string, blob: Blob): InputFile {
  return {name, size: blob.size, stream: () => blob.stream() as ReadableStream<Uint8Array>};
}

function folderOf(root: string, entries: ReadonlyMap<string, ChosenFile>): InputFolder {
  return {
    name: root,
    paths: [...entries.keys()].sort(),
    file: (path) => {
      const blob = entries.get(path);
      return blob && blobInput(`${root}/${path}`, blob);
    }
  };
}
