/**
 * The weight presets of `data/weights/`, for the weights playground: one entry per file, with its file name,
 * method, weights and note. Framework runs this with tsx from the project root and saves stdout as
 * `data/weight-presets.json`.
 */
import {readdirSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {fileURLToPath} from "node:url";

const folder = fileURLToPath(new URL("../../data/weights/", import.meta.url));

// Read every preset file, in name order.
const presets = readdirSync(folder)
  .filter((file) => file.endsWith(".json"))
  .sort()
  .map((file) => {
    const {method, weights, note} = JSON.parse(readFileSync(join(folder, file), "utf8"));
    return {file, method, weights, note};
  });

// Write them to stdout as one JSON array.
process.stdout.write(JSON.stringify(presets));
