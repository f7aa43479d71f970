/**
 * The method cards: for every method of the registry, the header comment of the file in `scoring/methods/`
 * that defines it (a file may define several methods, which then share its card). Framework runs this with
 * tsx from the project root and saves stdout as `data/method-cards.json`: `{[methodId]: {file, card}}`.
 */
import {readFileSync, readdirSync} from "node:fs";
import {join} from "node:path";
import {pathToFileURL} from "node:url";
import {headerComment} from "../components/method-card.js";
import {METHODS, type Method} from "../../scoring/index.js";

const folder = join("scoring", "methods");
const cards: Record<string, {file: string; card: string}> = {};

// Find, for each method file, the methods it exports, and give each its file's header comment.
for (const name of readdirSync(folder)
  .filter((file) => file.endsWith(".ts"))
  .sort()) {
  const file = join(folder, name);
  const exports: Record<string, unknown> = await import(pathToFileURL(join(process.cwd(), file)).href);
  const methods = Object.values(exports).filter((value): value is Method => METHODS.includes(value as Method));
  for (const method of methods) cards[method.id] = {file, card: headerComment(readFileSync(file, "utf8"))};
}

// Every method of the registry must have its card: a missing one fails the build.
const missing = METHODS.filter((method) => !cards[method.id]).map((method) => method.id);
if (missing.length > 0) throw new Error(`src/data/method-cards: no file in ${folder} exports ${missing.join(", ")}`);

process.stdout.write(JSON.stringify(cards));
