/** Format detection for `sway import auto`: each importer looks at a sample of the input and says what it saw. */
import {head, isFolder, type Input} from "./input.js";
import {IMPORTERS, type Importer} from "./importers/index.js";
import type {Sample} from "./importers/importer.js";

export interface Detection {
  importer: Importer;
  /** What gave the format away. */
  evidence: string;
}

export async function sampleOf(input: Input): Promise<Sample> {
  if (isFolder(input)) return {name: input.name, text: "", paths: input.paths};
  const bytes = await head(input);
  // A cut may fall inside a multi-byte character; a lenient decode keeps the rest of the sample usable.
  return {name: input.name, text: new TextDecoder("utf-8").decode(bytes)};
}

/** The first importer (in registry order) that recognises `input`, or undefined. */
export async function detectFormat(input: Input): Promise<Detection | undefined> {
  const sample = await sampleOf(input);
  for (const importer of IMPORTERS.values()) {
    const evidence = importer.detect?.(sample);
    if (evidence) return {importer, evidence};
  }
  return undefined;
}
