// @vitest-environment jsdom
/**
 * Drops on the upload page, with folders made of objects that behave as the File and Directory Entries API does
 * (jsdom has none): a dropped folder must give the importers what the folder picker gives for the same folder.
 * The real API is exercised in Chromium by `test/browser/upload-graphs.test.ts`.
 */
import {describe, expect, it} from "vitest";
import {browserInputs, type ChosenFile} from "../../loaders/browser-input.js";
import {isFolder, type InputFolder} from "../../loaders/input.js";
import {uploadForm} from "../../src/components/upload.js";
import {droppedFiles, droppedItems, ignoreDropsOutside} from "../../src/components/upload-drop.js";

type Tree = {[name: string]: string | Tree};

/** A folder entry holding `tree`, whose reader gives its entries two at a time, as Chromium gives 100. */
function folderEntry(name: string, tree: Tree): FileSystemDirectoryEntry {
  const entries = Object.entries(tree).map(([child, content]) =>
    typeof content === "string" ? fileEntry(child, content) : folderEntry(child, content)
  );
  return {
    name,
    isFile: false,
    isDirectory: true,
    createReader() {
      let next = 0;
      return {
        readEntries(success: (entries: FileSystemEntry[]) => void) {
          setTimeout(() => success(entries.slice(next, (next += 2))));
        }
      };
    }
  } as unknown as FileSystemDirectoryEntry;
}

function fileEntry(name: string, content: string): FileSystemFileEntry {
  return {
    name,
    isFile: true,
    isDirectory: false,
    file: (success: (file: File) => void) => setTimeout(() => success(new File([content], name)))
  } as unknown as FileSystemFileEntry;
}

/** A file as the folder picker gives it: with its path from the chosen folder's name. */
function picked(path: string, content: string): ChosenFile {
  const file = new File([content], path.replace(/^.*\//, ""));
  return Object.defineProperty(file, "webkitRelativePath", {value: path});
}

interface Item {
  kind: string;
  webkitGetAsEntry(): FileSystemEntry | null;
  getAsFile(): File | null;
}

/** A data transfer as a drop of `items` gives it. */
function transfer(items: (File | FileSystemEntry | string)[]): DataTransfer {
  const item = (dropped: File | FileSystemEntry | string): Item =>
    typeof dropped === "string"
      ? {kind: "string", webkitGetAsEntry: () => null, getAsFile: () => null}
      : dropped instanceof File
        ? {kind: "file", webkitGetAsEntry: () => fileEntry(dropped.name, ""), getAsFile: () => dropped}
        : {kind: "file", webkitGetAsEntry: () => dropped, getAsFile: () => null};
  return {
    types: ["Files"],
    files: items.filter((dropped) => dropped instanceof File),
    items: items.map(item)
  } as unknown as DataTransfer;
}

const EXPORT: Tree = {
  "outbox.json": '{"orderedItems": []}',
  "actor.json": '{"id": "https://example.social/users/ann"}',
  "likes.json": "{}",
  media: {"a.png": "png", deeper: {"b.txt": "text"}}
};

describe("droppedFiles(droppedItems(dataTransfer))", () => {
  it("gives a dropped folder's files with the paths the folder picker gives them", async () => {
    const loose = new File(["1 2\n"], "edges.txt");
    const files = await droppedFiles(droppedItems(transfer([folderEntry("archive", EXPORT), loose, "a link"])));
    // jsdom's File has no webkitRelativePath; the browser's is "" for a file chosen alone.
    expect(files.map((file) => [file.name, file.webkitRelativePath ?? ""])).toEqual([
      ["outbox.json", "archive/outbox.json"],
      ["actor.json", "archive/actor.json"],
      ["likes.json", "archive/likes.json"],
      ["a.png", "archive/media/a.png"],
      ["b.txt", "archive/media/deeper/b.txt"],
      ["edges.txt", ""]
    ]);
    expect(files.at(-1)).toBe(loose);

    // The importers' input is that of the same folder chosen with the picker. (jsdom's files cannot be read:
    // the loose file, which browserInputs opens to look for an archive, is left out.)
    const pickedFiles = [
      picked("archive/actor.json", '{"id": "https://example.social/users/ann"}'),
      picked("archive/likes.json", "{}"),
      picked("archive/media/a.png", "png"),
      picked("archive/media/deeper/b.txt", "text"),
      picked("archive/outbox.json", '{"orderedItems": []}')
    ];
    const [[folder], [pickedFolder]] = [await browserInputs(files.slice(0, -1)), await browserInputs(pickedFiles)];
    expect(isFolder(folder!) && isFolder(pickedFolder!)).toBe(true);
    const paths = (folder as InputFolder).paths;
    expect(folder!.name).toBe("archive");
    expect(paths).toEqual(["actor.json", "likes.json", "media/a.png", "media/deeper/b.txt", "outbox.json"]);
    expect(paths).toEqual((pickedFolder as InputFolder).paths);
    for (const path of paths) {
      const [mine, theirs] = [(folder as InputFolder).file(path)!, (pickedFolder as InputFolder).file(path)!];
      expect([mine.name, mine.size]).toEqual([theirs.name, theirs.size]);
    }
  });

  it("gives the files alone when the browser has no items", async () => {
    const file = new File(["x"], "x.txt");
    const dataTransfer = {types: ["Files"], files: [file]} as unknown as DataTransfer;
    expect(await droppedFiles(droppedItems(dataTransfer))).toEqual([file]);
  });
});

/** Drops `dataTransfer` on `target` as the browser does, after a drag over it; returns the drop event. */
function drop(target: EventTarget, dataTransfer: DataTransfer): Event {
  for (const type of ["dragenter", "dragover"]) {
    target.dispatchEvent(Object.assign(new Event(type, {bubbles: true, cancelable: true}), {dataTransfer}));
  }
  const event = Object.assign(new Event("drop", {bubbles: true, cancelable: true}), {dataTransfer});
  target.dispatchEvent(event);
  return event;
}

/** The form's value when it next announces one. */
function nextValue(form: HTMLElement & {value: ChosenFile[]}): Promise<ChosenFile[]> {
  return new Promise((resolve) => form.addEventListener("input", () => resolve(form.value), {once: true}));
}

describe("uploadForm() as a drop zone", () => {
  it("takes a dropped folder's files as its value, announced by an input event", async () => {
    const form = uploadForm();
    document.body.append(form);
    const value = nextValue(form);
    const inside = form.querySelector("input")!;
    const event = drop(inside, transfer([folderEntry("archive", {"actor.json": "{}", "outbox.json": "{}"})]));
    expect(event.defaultPrevented).toBe(true);
    const files = await value;
    expect(files.map((file) => file.webkitRelativePath)).toEqual(["archive/actor.json", "archive/outbox.json"]);
    expect(form.classList.contains("sway-upload-over")).toBe(false);
    form.remove();
  });

  it("says so in the zone when a drop holds no file, and keeps its value", async () => {
    const form = uploadForm();
    let announced = 0;
    form.addEventListener("input", () => announced++);
    drop(form, transfer([folderEntry("empty", {})]));
    const note = form.querySelector('[data-testid="upload-drop-note"]')!;
    expect(note.getAttribute("role")).toBe("status");
    await expect.poll(() => note.textContent).toBe("The drop held no files (an empty folder?): nothing to read.");
    expect(announced).toBe(0);
    expect(form.value).toEqual([]);
  });

  it("says so when a folder cannot be read", async () => {
    const form = uploadForm();
    const broken = {
      name: "locked",
      isFile: false,
      isDirectory: true,
      createReader: () => ({
        readEntries: (_: unknown, failure: (error: Error) => void) => failure(new Error("permission denied"))
      })
    } as unknown as FileSystemDirectoryEntry;
    drop(form, transfer([broken]));
    await expect
      .poll(() => form.querySelector('[data-testid="upload-drop-note"]')!.textContent)
      .toBe("What was dropped could not be read (permission denied).");
  });

  it("lets text dragged over it be, and lights up while files are dragged over it", () => {
    const form = uploadForm();
    const text = {types: ["text/plain"], items: [], files: []} as unknown as DataTransfer;
    expect(drop(form, text).defaultPrevented).toBe(false);
    form.dispatchEvent(Object.assign(new Event("dragenter"), {dataTransfer: transfer([])}));
    expect(form.classList.contains("sway-upload-over")).toBe(true);
    form.dispatchEvent(Object.assign(new Event("dragleave"), {dataTransfer: transfer([])}));
    expect(form.classList.contains("sway-upload-over")).toBe(false);
  });
});

describe("ignoreDropsOutside(zone)", () => {
  it("keeps files dropped beside the zone from replacing the page, until removed", () => {
    const zone = uploadForm();
    const beside = document.createElement("p");
    document.body.append(zone, beside);
    const stop = ignoreDropsOutside(zone, window);
    const files = transfer([new File(["x"], "x.txt")]);
    expect(drop(beside, files).defaultPrevented).toBe(true);
    const text = {types: ["text/plain"], items: [], files: []} as unknown as DataTransfer;
    expect(drop(beside, text).defaultPrevented).toBe(false);
    stop();
    expect(drop(beside, files).defaultPrevented).toBe(false);
    zone.remove();
    beside.remove();
  });
});
