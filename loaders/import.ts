import {detectFormat} from "./detect.js";
import {InputError, type Input} from "./input.js";
import {getImporter, type ImportOptions, type Importer} from "./importers/index.js";
import {openInput} from "./node-input.js";
import {WarehouseWriter, type Manifest, type WarehouseWriterOptions} from "./warehouse.js";

export interface ImportIntoOptions extends ImportOptions, WarehouseWriterOptions {
  /** Told which format `auto` recognised for each input, and why. */
  onDetect?: (path: string, format: string, evidence: string) => void;
}

/**
 * Reads `paths` with the importer named `format` into the warehouse at `outDir`. The format `auto`
 * recognises each input by its content.
 */
export async function importInto(
  format: string,
  paths: readonly string[],
  outDir: string,
  options: ImportIntoOptions = {}
): Promise<Manifest> {
  const named = format === "auto" ? undefined : getImporter(format);
  const importers = new Map<Input, Importer>();
  for (const input of await Promise.all(paths.map(openInput))) {
    if (named) {
      importers.set(input, named);
      continue;
    }
    const detection = await detectFormat(input);
    if (!detection) throw new InputError(`${input.name}: format not recognised; name it instead of auto`);
    options.onDetect?.(input.name, detection.importer.name, detection.evidence);
    importers.set(input, detection.importer);
  }
  const writer = await WarehouseWriter.create(outDir, options);
  try {
    for (const [input, importer] of importers) await importer.read(input, writer, options);
  } catch (error) {
    writer.abandon();
    throw error;
  }
  return writer.finish();
}
