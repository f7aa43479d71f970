import type {WarehouseWriter} from "../warehouse.js";

export interface ImportOptions {
  /** Called now and then while a file is read, with the fraction done. */
  onProgress?: (file: string, fraction: number) => void;
}

/**
 * One input format. An importer reads one path (a file, or a folder for formats that are folders) into
 * the warehouse: it opens a report per file with `writer.source(...)` and accounts there for every record
 * it reads, as accepted or rejected with a reason.
 */
export interface Importer {
  /** The name used on the command line (`sway import <name> …`). */
  readonly name: string;
  /** One line for `sway import --help`. */
  readonly description: string;
  read(path: string, writer: WarehouseWriter, options: ImportOptions): Promise<void>;
}
