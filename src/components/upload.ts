/**
 * Bring your own data: files chosen or dropped in the page are recognised, read by the importers of
 * `sway import` into a `BrowserWriter` and loaded into duckdb-wasm, all inside the page. The files are read
 * through `Blob.stream()`; nothing here fetches or sends anything.
 */
import * as Inputs from "@observablehq/inputs";
import type {Db} from "../scoring/db.js";
import {METHODS} from "../scoring/methods/index.js";
import {availableMethods, scoreMethodsById, type MethodScores, type ScoredProgress} from "../scoring/score.js";
import {browserInputs, type ChosenFile} from "../loaders/browser-input.js";
import {BrowserWriter, type ArrowConnection} from "../loaders/browser-writer.js";
import {detectFormat} from "../loaders/detect.js";
import {getImporter, IMPORTERS, type Importer} from "../loaders/importers/index.js";
import {InputError, type Input} from "../loaders/input.js";
import {formatSourceReport, type Rejection, type SourceReport} from "../loaders/report.js";
import type {TableName} from "../loaders/schema.js";
import {formatNumber} from "./overview.js";
import {textTable} from "./text-table.js";
import {carriesFiles, droppedFiles, droppedItems} from "./upload-drop.js";

/** The format choice that recognises each input by its content. */
export const AUTO = "auto";

/** An input and the importer that reads it, with what gave its format away. */
export interface Recognition {
  readonly input: Input;
  readonly importer: Importer;
  readonly evidence: string;
}

/**
 * The importer of each input: the one named `format`, or with `AUTO` the first that recognises the input. An
 * input no importer recognises is an `InputError` naming it.
 */
export async function recognise(inputs: readonly Input[], format: string): Promise<Recognition[]> {
  const recognitions: Recognition[] = [];
  for (const input of inputs) {
    if (format !== AUTO) {
      recognitions.push({input, importer: getImporter(format), evidence: "chosen in the Format list"});
      continue;
    }
    const detection = await detectFormat(input);
    if (!detection) throw new InputError(`${input.name}: format not recognised; choose it in the Format list`);
    recognitions.push({input, ...detection});
  }
  return recognitions;
}

/** What an upload gave: the import report of every file, every rejected record, and rows per table. */
export interface UploadResult {
  readonly sources: readonly SourceReport[];
  readonly rejects: readonly Rejection[];
  readonly tables: Readonly<Record<TableName, number>>;
}

/**
 * Reads every recognised input with its importer and loads the rows into the canonical tables on `connection`
 * (which must hold none yet). `onProgress` hears the file being read and the fraction done.
 */
export async function importUpload(
  recognitions: readonly Recognition[],
  connection: ArrowConnection,
  {onProgress}: {onProgress?: (file: string, fraction: number) => void} = {}
): Promise<UploadResult> {
  const writer = new BrowserWriter();
  for (const {input, importer} of recognitions) await importer.read(input, writer, {onProgress});
  const tables = await writer.finish(connection);
  return {sources: writer.sources, rejects: writer.rejects, tables};
}

/** Where an upload stands: nothing chosen, an error in the importers' words, or imported into `db`. */
export type UploadState =
  | {readonly kind: "empty"}
  | {readonly kind: "error"; readonly message: string}
  | {readonly kind: "imported"; readonly recognitions: Recognition[]; readonly result: UploadResult; readonly db: Db};

/**
 * Recognises and imports `files` (read as `format`) into the database `freshDatabase` opens, telling `onStatus`
 * how far it got. An `InputError` (a file the importers cannot read, in their words) becomes the state's message.
 */
export async function runUpload(
  files: readonly ChosenFile[],
  format: string,
  freshDatabase: () => Promise<{connection: ArrowConnection; db: Db}>,
  onStatus: (text: string) => void = () => undefined
): Promise<UploadState> {
  if (files.length === 0) return {kind: "empty"};
  try {
    onStatus("Recognising the files…");
    const recognitions = await recognise(await browserInputs(files), format);
    const {connection, db} = await freshDatabase();
    const result = await importUpload(recognitions, connection, {
      onProgress: (file, fraction) => onStatus(`Reading ${file}: ${Math.round(100 * fraction)}%`)
    });
    return {kind: "imported", recognitions, result, db};
  } catch (error) {
    if (error instanceof InputError) return {kind: "error", message: error.message};
    throw error;
  }
}

/**
 * Every method the uploaded data can feed, scored; and those it cannot, with the reason. `onScored` hears of each
 * method as it is scored.
 */
export async function scoreUpload(
  db: Db,
  onScored?: ScoredProgress
): Promise<{
  scored: Map<string, MethodScores>;
  unavailable: {method: string; reason: string}[];
}> {
  const {available, unavailable} = await availableMethods(
    db,
    METHODS.map((method) => method.id)
  );
  return {scored: await scoreMethodsById(db, available, {}, {onScored}), unavailable};
}

/**
 * The import report as text: per file what `sway import` prints, then the rejected records with file, line and
 * reason (the first `limit`, and how many more).
 */
export function reportText({sources, rejects}: UploadResult, {limit = 100}: {limit?: number} = {}): string {
  const parts = sources.map(formatSourceReport);
  if (rejects.length > 0) {
    const lines = rejects.slice(0, limit).map(({source, line, reason}) => `${source}:${line}: ${reason}`);
    if (rejects.length > limit) lines.push(`… and ${formatNumber(rejects.length - limit)} more`);
    parts.push(`Rejected records:\n${lines.join("\n")}`);
  }
  return parts.join("\n\n");
}

/** The format list: `AUTO`, then every importer by name. */
export function formatSelect(value: string = AUTO): HTMLElement {
  const input = Inputs.select([AUTO, ...IMPORTERS.keys()], {
    label: "Format",
    value,
    format: (name: string) => (name === AUTO ? "recognise by content" : name)
  }) as HTMLElement;
  input.dataset.testid = "upload-format";
  return input;
}

/**
 * The file chooser: a labelled `<input type=file multiple data-testid="upload">`, a second one for a whole folder
 * (`webkitdirectory`), and a drop zone around both that takes files and folders (`upload-drop.ts`). Its `value` is
 * the files last chosen or dropped; an `input` event says they changed, so that Framework's `view()` can follow it.
 * A drop that holds no file, or whose folders cannot be read, is said in the zone and changes nothing.
 */
export function uploadForm(document: Document = globalThis.document): HTMLElement & {value: ChosenFile[]} {
  const form = Object.assign(document.createElement("form"), {value: [] as ChosenFile[]});
  form.className = "sway-upload";
  form.dataset.testid = "upload-zone";
  const note = document.createElement("p");
  note.setAttribute("role", "status");
  note.dataset.testid = "upload-drop-note";
  const choose = (files: readonly ChosenFile[]) => {
    note.textContent = "";
    form.value = [...files];
    form.dispatchEvent(new Event("input", {bubbles: true}));
  };
  const fileInput = (id: string, testid: string, label: string, folder: boolean) => {
    const input = document.createElement("input");
    input.type = "file";
    input.id = id;
    input.multiple = true;
    input.dataset.testid = testid;
    if (folder) input.setAttribute("webkitdirectory", "");
    // The control's own events stop here: the form announces the files instead.
    input.addEventListener("input", (event) => event.stopPropagation());
    input.addEventListener("change", () => choose(Array.from(input.files ?? [])));
    const labelElement = document.createElement("label");
    labelElement.htmlFor = id;
    labelElement.textContent = label;
    const row = document.createElement("div");
    row.append(labelElement, input);
    return row;
  };
  const title = document.createElement("p");
  title.className = "sway-upload-title";
  title.textContent = "Drop files or folders here, or choose them below.";
  const hint = document.createElement("p");
  hint.textContent =
    "An X archive (.zip), a Mastodon export (.zip, .tar.gz or its folder), a Bluesky repository (.car), Twitter API " +
    "JSON, an edge list (.csv, .tsv, .txt), a Gephi graph (.gexf, .graphml) or any other format of sway import.";
  form.append(
    title,
    hint,
    fileInput("upload-files", "upload", "Files", false),
    fileInput("upload-folder", "upload-folder", "Or a folder", true),
    note
  );
  form.addEventListener("submit", (event) => event.preventDefault());
  // dragenter and dragleave fire for every element crossed inside the zone: count them to know when it is left.
  let depth = 0;
  const over = (inside: boolean) => form.classList.toggle("sway-upload-over", inside);
  form.addEventListener("dragenter", (event) => {
    if (!carriesFiles(event)) return;
    depth++;
    over(true);
  });
  form.addEventListener("dragleave", (event) => {
    if (carriesFiles(event) && --depth <= 0) over(false);
  });
  form.addEventListener("dragover", (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    event.dataTransfer!.dropEffect = "copy";
    over(true);
  });
  form.addEventListener("drop", (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    depth = 0;
    over(false);
    const dropped = droppedItems(event.dataTransfer!);
    note.textContent = "Reading what was dropped…";
    droppedFiles(dropped).then(
      (files) => {
        if (files.length > 0) choose(files);
        else note.textContent = "The drop held no files (an empty folder?): nothing to read.";
      },
      (error: Error) => (note.textContent = `What was dropped could not be read (${error.message}).`)
    );
  });
  return form;
}

/** One line per input: its name, the format it is read as, and why. */
export function recognitionTable(
  recognitions: readonly Recognition[],
  {document = globalThis.document}: {document?: Document} = {}
): HTMLTableElement {
  return textTable(
    recognitions.map(({input, importer, evidence}) => ({name: input.name, format: importer.name, evidence})),
    [
      {key: "name", label: "Input"},
      {key: "format", label: "Format"},
      {key: "evidence", label: "Recognised by"}
    ],
    {key: "name", testid: "upload-formats", document}
  );
}

/** Per method: how many accounts it scored, its top account and that account's score. */
export function methodSummaryTable(
  scored: ReadonlyMap<string, MethodScores>,
  {
    names,
    handles,
    document = globalThis.document
  }: {names: ReadonlyMap<string, string>; handles: ReadonlyMap<string, string>; document?: Document}
): HTMLTableElement {
  const rows = [...scored].map(([method, {accountIds, scores, order}]) => {
    const top = order[0];
    const topId = top === undefined ? undefined : accountIds[top]!;
    return {
      method,
      name: names.get(method) ?? method,
      accounts: accountIds.length,
      top: topId === undefined ? "" : (handles.get(topId) ?? topId),
      score: top === undefined ? Number.NaN : scores[top]!
    };
  });
  return textTable(
    rows,
    [
      {key: "name", label: "Method"},
      {key: "accounts", label: "Accounts scored", format: (v) => formatNumber(v as number)},
      {key: "top", label: "Top account"},
      {key: "score", label: "Its score", format: (v) => formatNumber(v as number)}
    ],
    {key: "method", testid: "upload-methods", document}
  );
}

/** `table` with its links turned into plain text: the site's other pages do not hold the uploaded data. */
export function withoutLinks<E extends Element>(table: E): E {
  for (const link of table.querySelectorAll("a")) link.replaceWith(link.textContent ?? "");
  return table;
}
