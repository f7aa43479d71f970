import type {Input} from "../input.js";
import type {Sink} from "../report.js";

export interface ImportOptions {
  /** Called now and then while a file is read, with the fraction done. */
  onProgress?: (file: string, fraction: number) => void;
  /** Format-specific settings given on the command line (e.g. `columns`, `kind` for edge lists). */
  params?: Readonly<Record<string, string>>;
}

/**
 * One input format. An importer reads one input (a file, or a folder or archive for formats that are
 * folders) into a sink: it opens a report per file with `sink.source(...)` and accounts there for every
 * record it reads, as accepted (with its rows), rejected with a reason, or skipped with a reason.
 *
 * Importers use only `loaders/input.ts` to read, never `fs`, so that the same code parses a file dropped
 * into the site.
 */
export interface Importer {
  /** The name used on the command line (`sway import <name> …`). */
  readonly name: string;
  /** One line for `sway import --help`. */
  readonly description: string;
  read(input: Input, sink: Sink, options: ImportOptions): Promise<void>;
  /**
   * Recognises the format by content for `sway import auto`: returns a few words on what gave it away
   * (e.g. "lines of `A B t RT|MT|RE`"), or undefined when the sample is not this format.
   */
  detect?(sample: Sample): string | undefined;
}

/** What format detection looks at. */
export interface Sample {
  /** The input's name (path or file name). */
  readonly name: string;
  /** For a file: its first 64 KiB, decompressed and decoded leniently; for a folder or archive: "". */
  readonly text: string;
  /** For a folder or archive: its entry paths; for a file: undefined. */
  readonly paths?: readonly string[];
}
