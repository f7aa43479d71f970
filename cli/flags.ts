/**
 * Flags several commands share: `--methods` (a list of method ids, or `all` for every method the data can feed)
 * and dates.
 */
import type {Db} from "../scoring/db.js";
import {METHODS, getMethod} from "../scoring/methods/index.js";
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

/**
 * The methods to run: those named (each must be able to score the data), or, for `all` (`ids` undefined), every
 * method the data can feed, the others reported as skipped on standard error.
 */
export async function methodsToRun(db: Db, ids: string[] | undefined, dir: string): Promise<string[]> {
  const {available, unavailable} = await availableMethods(db, ids ?? METHODS.map((method) => method.id));
  const [missing] = unavailable;
  if (ids && missing) throw new CliError(`${missing.method} cannot score ${dir}: ${missing.reason}`);
  reportSkipped(unavailable);
  return available;
}

/** A date or date-time (ISO 8601, UTC); a bare date is its midnight. */
export function parseDate(text: string, option = "--at"): number {
  const time = /^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T00:00:00Z`) : Date.parse(text);
  if (!Number.isFinite(time)) throw new CliError(`${option}: "${text}" is not a date (use ISO 8601, e.g. 2012-07-04)`);
  return time;
}

/** A positive number of days. */
export function parseDays(text: string, option = "--window-days"): number {
  const days = Number(text);
  if (!(days > 0)) throw new CliError(`${option}: "${text}" is not a positive number of days`);
  return days;
}
