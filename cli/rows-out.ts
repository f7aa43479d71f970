/**
 * Rows written as they are made, a chunk at a time, as CSV, JSON or Parquet. Scoring every method of SNAP Higgs
 * gives 6.1 million rows (290 MB of CSV); made into one array of row objects and formatted into one string, they
 * held 2.7 GB of memory at the end of the command. The text formats are byte for byte what d3's `csvFormat` and
 * `JSON.stringify` give for all the rows at once; a string cell is quoted by d3's `csvFormatValue`.
 */
import {createWriteStream} from "node:fs";
import {rm} from "node:fs/promises";
import type {Writable} from "node:stream";
import {finished} from "node:stream/promises";
import {csvFormatValue} from "d3";
import type {openWarehouse} from "../loaders/warehouse.js";

export type ColumnType = "VARCHAR" | "DOUBLE" | "INTEGER";
/** The columns of an output in order, with their Parquet types. */
export type OutputColumns = readonly (readonly [string, ColumnType])[];
export type OutputFormat = "csv" | "json" | "parquet";
/** Rows a chunk at a time; no chunk is kept after it is written. */
export type RowChunks = Iterable<readonly object[]> | AsyncIterable<readonly object[]>;

/** Where text goes: a file, or stdout. */
interface TextSink {
  /** Resolves when the text is taken (at once, or after the stream drains). */
  write(text: string): Promise<void>;
  /** Finishes the file (stdout stays open). */
  close(): Promise<void>;
  /** Stops writing and removes the file, so that no output that looks whole is left of a failed one. */
  abort(): Promise<void>;
}

/**
 * The file `out`, or stdout. A reader that closes stdout early (`sway score … | head`) ends the output quietly:
 * what it did not read is dropped, as other command-line tools do.
 */
function textSink(out?: string): TextSink {
  const stream: Writable = out === undefined ? process.stdout : createWriteStream(out);
  let failure: Error | undefined;
  let closedByReader = false;
  const onError = (error: NodeJS.ErrnoException) => {
    if (out === undefined && error.code === "EPIPE") closedByReader = true;
    else failure ??= error;
  };
  stream.on("error", onError);
  const check = () => {
    if (failure) throw new Error(`cannot write ${out ?? "stdout"}: ${failure.message}`);
  };
  return {
    async write(text) {
      check();
      if (closedByReader || text === "") return;
      if (!stream.write(text)) await drained(stream);
      check();
    },
    async close() {
      check();
      if (out !== undefined) {
        stream.end();
        await finished(stream).catch(() => {}); // a failure is the error listener's to report
        stream.off("error", onError);
      }
      // On stdout the listener stays: a reader that leaves after the last write must not fail the command.
      check();
    },
    async abort() {
      if (out === undefined) return;
      stream.destroy();
      await finished(stream).catch(() => {}); // settles at once when the stream failed and closed already
      await rm(out, {force: true});
    }
  };
}

/** Rows formatted into one string and written together. */
const CSV_SLICE = 4096;

/** Resolves when `stream` drains, closes or fails (the failure is read by the `error` listener). */
function drained(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      for (const name of ["drain", "close", "error"]) stream.off(name, done);
      resolve();
    };
    for (const name of ["drain", "close", "error"]) stream.once(name, done);
  });
}

/** One CSV line (with its newline) per row, each cell as `csvFormat` writes it. */
function csvLines(rows: readonly object[], columns: OutputColumns): string {
  const names = columns.map(([name]) => name);
  const text = columns.map(([, type]) => type === "VARCHAR");
  let lines = "";
  for (const row of rows) {
    const record = row as Record<string, unknown>;
    let line = "";
    for (let c = 0; c < names.length; c++) {
      const value = record[names[c]!];
      // A number's text never holds a comma, quote or line break, so only strings need d3's quoting test.
      const cell =
        value == null ? "" : text[c] || typeof value !== "number" ? csvFormatValue(String(value)) : `${value}`;
      line = c === 0 ? cell : `${line},${cell}`;
    }
    lines += `${line}\n`;
  }
  return lines;
}

/** The warehouse a Parquet output is written through. */
type Warehouse = Awaited<ReturnType<typeof openWarehouse>>["db"];

/**
 * Writes the rows of `chunks` (each an array of rows, none kept after it is written) in `format`: CSV with a
 * header line, a JSON array, or a Parquet file through `db` (which needs `out`).
 */
export async function writeRows(
  chunks: RowChunks,
  columns: OutputColumns,
  format: OutputFormat,
  {out, db}: {out?: string; db?: Warehouse}
): Promise<void> {
  if (format === "parquet") {
    if (!db || out === undefined) throw new Error("cli/rows-out: Parquet needs the warehouse and an output file");
    await writeParquet(db, chunks, columns, out);
    return;
  }
  const sink = textSink(out);
  try {
    await writeText(sink, chunks, columns, format);
    await sink.close();
  } catch (error) {
    await sink.abort();
    throw error;
  }
}

async function writeText(
  sink: TextSink,
  chunks: RowChunks,
  columns: OutputColumns,
  format: "csv" | "json"
): Promise<void> {
  let first = true;
  if (format === "csv") await sink.write(columns.map(([name]) => csvFormatValue(name)).join(",") + "\n");
  else await sink.write("[");
  for await (const rows of chunks) {
    if (rows.length === 0) continue;
    if (format === "csv") {
      // A slice at a time: the lines of a slice die young, where those of a whole chunk (a method's 300,000 rows
      // on Higgs) live until it is written, and collecting them cost more than formatting them.
      for (let start = 0; start < rows.length; start += CSV_SLICE) {
        await sink.write(csvLines(rows.slice(start, start + CSV_SLICE), columns));
      }
    } else {
      // The chunk's array without its brackets: the elements exactly as JSON.stringify writes them in one array.
      const json = JSON.stringify(rows);
      await sink.write((first ? "" : ",") + json.slice(1, -1));
    }
    first = false;
  }
  if (format === "json") await sink.write("]\n");
}

async function writeParquet(db: Warehouse, chunks: RowChunks, columns: OutputColumns, out: string): Promise<void> {
  await db.run("DROP TABLE IF EXISTS temp.scores");
  await db.run(`CREATE TEMP TABLE scores (${columns.map(([name, type]) => `${name} ${type}`).join(", ")})`);
  for await (const rows of chunks) {
    // An appender per chunk, closed before the next chunk is made: making it may query the same connection.
    const appender = await db.connection.createAppender("scores", "main", "temp");
    for (const row of rows) {
      for (const [name, type] of columns) {
        const value = (row as Record<string, unknown>)[name];
        if (type === "VARCHAR") appender.appendVarchar(String(value));
        else if (type === "DOUBLE") appender.appendDouble(value as number);
        else appender.appendInteger(value as number);
      }
      appender.endRow();
    }
    appender.closeSync();
  }
  await db.run("COPY temp.scores TO ? (FORMAT parquet)", [out]);
}
