/**
 * The weights playground's logic, as pure functions so they can be tested without a browser: which weights
 * get a slider and over what range, live re-ranking from a method's features (its combine step and a partial
 * top-k, no database), rank-change arrows against the default weights, the weights in the URL, and the
 * leaderboard table (handles written as text, never parsed as HTML).
 */
import type {FeatureTable, Method} from "../scoring/methods/method.js";
import {formatNumber} from "./overview.js";
import {textTable} from "./text-table.js";

export type Weights = Readonly<Record<string, number>>;

/** The methods whose weights can move live: they have weights and a combine step. */
export function weightedMethods(methods: readonly Method[]): Method[] {
  return methods.filter((method) => method.weights && method.decomposition);
}

/** The weights that get a slider: all but those the features step reads (they need the database). */
export function sliderKeys(method: Method): string[] {
  const fixed = new Set(method.decomposition?.featureWeights ?? []);
  return Object.keys(method.weights ?? {}).filter((key) => !fixed.has(key));
}

/**
 * A slider's range and step. Weights are non-negative, except a signed method's (`Method.signedWeights`, learned
 * models), whose range is symmetric; the two exponents have a lower bound their formula needs (Klout's p-norm
 * needs p ≥ 1, Kred's curve γ > 0). The range leaves room for four times the default's magnitude.
 */
export function sliderRange(
  key: string,
  defaultValue: number,
  signed = false
): {min: number; max: number; step: number} {
  if (key === "p") return {min: 1, max: Math.max(8, defaultValue * 2), step: 0.1};
  if (key === "gamma") return {min: 0.05, max: Math.max(3, defaultValue * 2), step: 0.05};
  const max = defaultValue !== 0 ? Math.abs(defaultValue) * 4 : 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  return {min: signed ? -max : 0, max, step: magnitude / 100};
}

/**
 * The indices of the `k` largest values, largest first, ties in index order (accounts come in `account_id`
 * order): a bounded insertion over one pass, O(n log k) comparisons at most, no full sort.
 *
 * @example topK(Float64Array.of(1, 5, 3, 5), 2) // => Int32Array [1, 3]
 */
export function topK(values: ArrayLike<number>, k: number): Int32Array {
  const size = Math.min(k, values.length);
  const top = new Int32Array(size);
  let filled = 0;
  const before = (a: number, b: number) => values[a]! > values[b]! || (values[a] === values[b] && a < b);
  for (let i = 0; i < values.length; i++) {
    if (filled === size && !before(i, top[size - 1]!)) continue;
    // Binary search for i's place among the kept indices, then shift the tail down by one.
    let low = 0;
    let high = filled;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (before(top[middle]!, i)) low = middle + 1;
      else high = middle;
    }
    const end = Math.min(filled, size - 1);
    top.copyWithin(low + 1, low, end);
    top[low] = i;
    if (filled < size) filled++;
  }
  return top;
}

/**
 * Competition ranks ("1224") of the indices `top` (as `topK` returns them): an index's rank is one more than
 * the number of values strictly larger, all of which precede it in `top`.
 */
export function topRanks(values: ArrayLike<number>, top: Int32Array): Int32Array {
  const ranks = new Int32Array(top.length);
  top.forEach((index, position) => {
    const previous = top[position - 1];
    ranks[position] =
      previous !== undefined && values[previous] === values[index] ? ranks[position - 1]! : position + 1;
  });
  return ranks;
}

/** A rank change against the default weights: ▲ for a better (smaller) rank, ▼ for a worse one. */
export function rankChange(defaultRank: number, rank: number): {arrow: string; label: string} {
  if (rank < defaultRank) return {arrow: "▲", label: `▲ ${defaultRank - rank}`};
  if (rank > defaultRank) return {arrow: "▼", label: `▼ ${rank - defaultRank}`};
  return {arrow: "", label: "="};
}

/** A leaderboard row. */
export interface WeightedRow {
  handle: string;
  rank: number;
  change: string;
  network: string;
  value: number;
  account_id: string;
}

/**
 * Re-ranks accounts for `weights`: the combine step over `features`, then the top `k`, each with its rank
 * change against `defaultRanks` (full ranks under the default weights, computed once).
 */
export function rerank(
  method: Method,
  features: FeatureTable,
  weights: Weights,
  {defaultRanks, handles, k = 50}: {defaultRanks: ArrayLike<number>; handles: ReadonlyMap<string, string>; k?: number}
): WeightedRow[] {
  const values = method.decomposition!.combine(features, {...method.weights, ...weights});
  const top = topK(values, k);
  const ranks = topRanks(values, top);
  return Array.from(top, (index, position) => {
    const account_id = features.accountIds[index]!;
    return {
      handle: handles.get(account_id) ?? account_id,
      rank: ranks[position]!,
      change: rankChange(defaultRanks[index]!, ranks[position]!).label,
      network: features.networks[index]!,
      value: values[index]!,
      account_id
    };
  });
}

/** The leaderboard table: `data-testid="leaderboard"`, one `tr` per account, its handle (as text) the first cell. */
export function weightsLeaderboard(rows: readonly WeightedRow[], {document = globalThis.document} = {}) {
  const count = (value: unknown) => formatNumber(value as number);
  return textTable(
    rows,
    [
      {key: "handle", label: "Handle"},
      {key: "rank", label: "Rank", format: count},
      {key: "change", label: "vs default"},
      {key: "network", label: "Network"},
      {key: "value", label: "Raw value", format: count}
    ],
    {key: "account_id", testid: "leaderboard", document}
  );
}

/** What the URL holds for this page. */
export interface WeightsState {
  method?: string;
  weights: Record<string, number>;
}

const PREFIX = "w.";

/**
 * The method and weights in a query string: `?method=klout&w.followers=0.5`. A weight is read only for the
 * method named and only when it is one of its slider keys and a number, non-negative unless the method's
 * weights are signed; anything else is ignored.
 */
export function decodeWeightsState(search: string, methods: readonly Method[]): WeightsState {
  const params = new URLSearchParams(search);
  const method = methods.find((m) => m.id === params.get("method"));
  const weights: Record<string, number> = {};
  if (method) {
    const keys = new Set(sliderKeys(method));
    for (const [name, text] of params) {
      const key = name.slice(PREFIX.length);
      const value = Number(text);
      if (
        name.startsWith(PREFIX) &&
        keys.has(key) &&
        text.trim() !== "" &&
        Number.isFinite(value) &&
        (value >= 0 || method.signedWeights)
      ) {
        weights[key] = value;
      }
    }
  }
  return method ? {method: method.id, weights} : {weights};
}

/**
 * `href` showing `method` and the weights that differ from its defaults; other parameters (the dataset, say)
 * and the fragment are kept.
 */
export function encodeWeightsState(href: string, method: Method, weights: Weights): string {
  const url = new URL(href);
  for (const name of [...url.searchParams.keys()]) if (name.startsWith(PREFIX)) url.searchParams.delete(name);
  url.searchParams.set("method", method.id);
  for (const key of sliderKeys(method)) {
    const value = weights[key];
    if (value !== undefined && value !== method.weights![key]) url.searchParams.set(PREFIX + key, String(value));
  }
  return url.href;
}

/** A preset from `data/weights/`: its file name, the method it is for, its weights and its note. */
export interface Preset {
  file: string;
  method: string;
  weights: Record<string, number>;
  note?: string;
}

/**
 * The presets that apply to `method`, restricted to its slider keys. Kred's preset names `kred` and serves
 * `kred-global` too (same weights); a preset sets only keys the method knows.
 */
export function presetsFor(method: Method, presets: readonly Preset[]): Preset[] {
  const keys = sliderKeys(method);
  return presets
    .filter((preset) => preset.method === method.id || method.id.startsWith(`${preset.method}-`))
    .filter((preset) => Object.keys(preset.weights).every((key) => key in (method.weights ?? {})))
    .map((preset) => ({
      ...preset,
      weights: Object.fromEntries(keys.filter((key) => key in preset.weights).map((key) => [key, preset.weights[key]!]))
    }));
}

/** An input as the page's sliders are: a value, and an element that can announce a change. */
interface ValueInput {
  value: number;
  dispatchEvent(event: Event): boolean;
}

/** Moves the sliders to `weights` (keys without a slider are left out) and announces it, as a user's drag would. */
export function setSliders(sliders: Readonly<Record<string, ValueInput>>, weights: Weights): void {
  for (const [key, slider] of Object.entries(sliders)) {
    const value = weights[key];
    if (value === undefined) continue;
    slider.value = value;
    slider.dispatchEvent(new Event("input", {bubbles: true}));
  }
}
