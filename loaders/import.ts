import {existsSync} from "node:fs";
import {getImporter, type ImportOptions} from "./importers/index.js";
import {WarehouseError, WarehouseWriter, type Manifest} from "./warehouse.js";

export interface ImportIntoOptions extends ImportOptions {
  /** Add to an existing warehouse instead of refusing to touch it. */
  append?: boolean;
}

/** Reads `paths` with the importer named `format` into the warehouse at `outDir`. */
export async function importInto(
  format: string,
  paths: readonly string[],
  outDir: string,
  options: ImportIntoOptions = {}
): Promise<Manifest> {
  const importer = getImporter(format);
  for (const path of paths) if (!existsSync(path)) throw new WarehouseError(`${path}: no such file or folder`);
  const writer = await WarehouseWriter.create(outDir, {append: options.append});
  for (const path of paths) await importer.read(path, writer, options);
  return writer.finish();
}
