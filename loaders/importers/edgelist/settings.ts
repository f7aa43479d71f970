/**
 * The edge-list settings given on the command line (`--columns`, `--kind`, `--network`, `--delimiter`, arriving
 * as strings in `options.params`), checked up front, and the column layout a file gets when `--columns` is not
 * given.
 */
import {INTERACTION_KINDS, type InteractionKind} from "../../schema.js";
import {delimiterNamed, looksLikeTime, type Delimiter} from "./fields.js";

/** What one column holds. `rating` is a weight too; it only changes the default kind to `rating`. */
export type Role = "src" | "dst" | "weight" | "rating" | "ts" | "_";
const ROLES: readonly Role[] = ["src", "dst", "weight", "rating", "ts", "_"];

/** Where each value sits in a line's fields. */
export interface Layout {
  readonly roles: readonly Role[];
  readonly src: number;
  readonly dst: number;
  /** The weight (or rating) column, or -1. */
  readonly weight: number;
  /** The timestamp column, or -1. */
  readonly ts: number;
}

export interface Settings {
  /** From `--columns`; undefined means: decided per file from its first data line (`defaultLayout`). */
  readonly layout?: Layout;
  /** From `--kind`; undefined means `rating` when there is a rating column, `mention` otherwise. */
  readonly kind?: InteractionKind;
  readonly network: string;
  /** From `--delimiter`; undefined means: detected per file. */
  readonly delimiter?: Delimiter;
}

export const DEFAULT_NETWORK = "edgelist";
export const DEFAULT_KIND: InteractionKind = "mention";

/** A flag the edge-list importer cannot use, named with its value. */
export class SettingsError extends Error {
  override name = "SettingsError";
}

/**
 * Checks the edge-list params and turns them into settings; throws a `SettingsError` naming the flag. Other
 * params are ignored: `sway import auto` hands the same params to every format it recognises.
 */
export function settingsOf(params: Readonly<Record<string, string>> = {}): Settings {
  const layout = params.columns === undefined ? undefined : layoutOf(parseRoles(params.columns));
  const kind = params.kind === undefined ? undefined : parseKind(params.kind);
  const network = params.network ?? DEFAULT_NETWORK;
  if (!/^[^:\s]+$/.test(network)) {
    throw new SettingsError(`edgelist --network: ${JSON.stringify(network)} is not a network name (no colon or space)`);
  }
  let delimiter: Delimiter | undefined;
  if (params.delimiter !== undefined) {
    delimiter = delimiterNamed(params.delimiter);
    if (!delimiter) {
      throw new SettingsError(
        `edgelist --delimiter: ${JSON.stringify(params.delimiter)} is not a delimiter; ` +
          "use tab, comma, space (runs of spaces and tabs), semicolon, pipe or one punctuation character"
      );
    }
  }
  return {layout, kind, network, delimiter};
}

/** The interaction kind of every edge of a file with this layout. */
export function kindOf(settings: Settings, layout: Layout): InteractionKind {
  return settings.kind ?? (layout.roles.includes("rating") ? "rating" : DEFAULT_KIND);
}

/**
 * The layout of a file without `--columns`, from its first data line: 2 fields `src dst`, 4 fields
 * `src dst weight ts` (KONECT's `from to weight ts`), and 3 fields `src dst ts` when the third looks like a
 * time (unix seconds from 1973 on, or ISO 8601: SNAP's CollegeMsg) or `src dst weight` otherwise (SNAP's
 * aggregated Higgs networks). Returns undefined for any other count: such a file needs `--columns`.
 */
export function defaultLayout(fields: readonly string[]): Layout | undefined {
  switch (fields.length) {
    case 2:
      return layoutOf(["src", "dst"]);
    case 3:
      return layoutOf(looksLikeTime(fields[2]!) ? ["src", "dst", "ts"] : ["src", "dst", "weight"]);
    case 4:
      return layoutOf(["src", "dst", "weight", "ts"]);
    default:
      return undefined;
  }
}

function parseRoles(columns: string): Role[] {
  const roles = columns.split(",").map((name) => name.trim().toLowerCase());
  for (const role of roles) {
    if (!(ROLES as readonly string[]).includes(role)) {
      throw new SettingsError(
        `edgelist --columns: unknown column ${JSON.stringify(role)}; name each column src, dst, weight, rating, ts or _ (ignored)`
      );
    }
  }
  for (const role of ["src", "dst", "weight", "rating", "ts"] as const) {
    const count = roles.filter((name) => name === role).length;
    const required = role === "src" || role === "dst";
    if (required ? count !== 1 : count > 1) {
      const times = required ? "exactly once" : "at most once";
      throw new SettingsError(`edgelist --columns: ${JSON.stringify(columns)} must name ${role} ${times}`);
    }
  }
  if (roles.includes("weight") && roles.includes("rating")) {
    throw new SettingsError(
      `edgelist --columns: ${JSON.stringify(columns)} names both weight and rating; both fill the weight, name one`
    );
  }
  return roles as Role[];
}

function parseKind(kind: string): InteractionKind {
  if (!(INTERACTION_KINDS as readonly string[]).includes(kind)) {
    throw new SettingsError(`edgelist --kind: ${JSON.stringify(kind)} is not one of ${INTERACTION_KINDS.join(", ")}`);
  }
  return kind as InteractionKind;
}

function layoutOf(roles: readonly Role[]): Layout {
  const weight = roles.indexOf("weight");
  return {
    roles,
    src: roles.indexOf("src"),
    dst: roles.indexOf("dst"),
    weight: weight === -1 ? roles.indexOf("rating") : weight,
    ts: roles.indexOf("ts")
  };
}
