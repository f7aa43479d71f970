/**
 * Files and folders dropped on the upload page, given to the importers as the file and folder pickers give them.
 * A dropped folder is walked with the File and Directory Entries API (`DataTransferItem.webkitGetAsEntry`, in
 * every current browser), and each of its files carries its path from the dropped folder's name down, in
 * `webkitRelativePath` as `<input webkitdirectory>` sets it: `browserInputs` then makes one folder input of each
 * dropped folder, so that a folder-shaped export (Mastodon's, an unzipped X archive) is recognised as when chosen.
 */
import type {ChosenFile} from "../loaders/browser-input.js";

/** What a drop holds: files dropped alone, and folders to walk. */
export type Dropped = File | FileSystemDirectoryEntry;

/**
 * The files and folders of a drop. Call it in the `drop` event's handler: the browser empties the data transfer
 * once the handler returns (the entries stay readable).
 */
export function droppedItems(dataTransfer: DataTransfer): Dropped[] {
  const dropped: Dropped[] = [];
  for (const item of Array.from(dataTransfer.items ?? [])) {
    if (item.kind !== "file") continue;
    const entry = item.webkitGetAsEntry?.();
    if (entry?.isDirectory) {
      dropped.push(entry as FileSystemDirectoryEntry);
      continue;
    }
    const file = item.getAsFile();
    if (file) dropped.push(file);
  }
  // A browser without `items` gives the files only.
  return dataTransfer.items ? dropped : Array.from(dataTransfer.files);
}

/** Every file of the drop: files alone as they are, the files of folders with their relative paths. */
export async function droppedFiles(dropped: readonly Dropped[]): Promise<ChosenFile[]> {
  const files: ChosenFile[] = [];
  for (const item of dropped) {
    if (item instanceof Blob) files.push(item);
    else await walk(item, item.name, files);
  }
  return files;
}

async function walk(directory: FileSystemDirectoryEntry, path: string, files: ChosenFile[]): Promise<void> {
  for (const entry of await readAll(directory)) {
    const entryPath = `${path}/${entry.name}`;
    if (entry.isDirectory) await walk(entry as FileSystemDirectoryEntry, entryPath, files);
    else if (entry.isFile) files.push(atPath(await fileOf(entry as FileSystemFileEntry), entryPath));
  }
}

/** A directory's entries: `readEntries` gives them in batches (of 100 in Chromium) until an empty one. */
async function readAll(directory: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = directory.createReader();
  const entries: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return entries;
    entries.push(...batch);
  }
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** `file` with the relative path the folder picker would have given it. */
function atPath(file: File, path: string): ChosenFile {
  return Object.defineProperty(file, "webkitRelativePath", {value: path});
}

/** Whether a drag carries files (not text or a link). */
export function carriesFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes("Files");
}

/**
 * Keeps files dropped beside `zone` from replacing the page (the browser's default is to open them): outside
 * the zone a file drag shows that it cannot be dropped, and a drop does nothing. Returns the function that
 * removes the listeners.
 */
export function ignoreDropsOutside(zone: Element, target: EventTarget = globalThis.window): () => void {
  const ignore = (event: Event) => {
    const drag = event as DragEvent;
    if (!carriesFiles(drag) || zone.contains(drag.target as Node)) return;
    drag.preventDefault();
    if (drag.dataTransfer) drag.dataTransfer.dropEffect = "none";
  };
  target.addEventListener("dragover", ignore);
  target.addEventListener("drop", ignore);
  return () => {
    target.removeEventListener("dragover", ignore);
    target.removeEventListener("drop", ignore);
  };
}
