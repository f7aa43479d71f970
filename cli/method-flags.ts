/** `--methods` of the evaluation commands: a list of method ids, or `all` for every method the data can feed. */
import type {Db} from "../scoring/db.js";
import {getMethod} from "../scoring/methods/index.js";
import {availableMethods} from "../scoring/score.js";
import {CliError} from "./errors.js";

/** The ids named by `--methods`, without repeats, or undefined for all. */
export function requestedMethods(list: string): string[] | undefined {
  const ids = list
    .split(",")
    .map((id) => id.trim())
    .filter(Boolean);
  if (ids.length === 0) throw new CliError("--methods names no method");
  if (ids.includes("all")) return undefined;
  for (const id of ids) getMethod(id);
  return [...new Set(ids)];
}

/** Fails when a method named explicitly cannot score the data (with `all`, such methods are skipped instead). */
export async function checkRequested(db: Db, ids: string[] | undefined, dir: string): Promise<void> {
  if (!ids) return;
  const [missing] = (await availableMethods(db, ids)).unavailable;
  if (missing) throw new CliError(`${missing.method} cannot score ${dir}: ${missing.reason}`);
}

/** Reports the methods skipped, with the reason, on standard error. */
export function reportSkipped(skipped: readonly {method: string; reason: string}[]): void {
  for (const {method, reason} of skipped) process.stderr.write(`sway: skipping ${method}: ${reason}\n`);
}
