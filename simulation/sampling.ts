/**
 * Seeded draws from the distributions the world generator needs, all built on mulberry32
 * (`scoring/random.ts`): normal by Box–Muller (Box & Muller 1958), log-normal, Poisson by Knuth's
 * multiplication method for small means and a rounded normal for large ones (Knuth, TAOCP vol. 2, §3.4.1),
 * exponential by inversion, and weighted choice in constant time by Walker's alias method (Walker 1977, in
 * Vose's 1991 linear-time construction).
 */
import {mulberry32} from "../scoring/random.js";

export interface Rng {
  /** Uniform in [0, 1). */
  (): number;
}

/** A generator for one purpose of one world: the world's seed mixed with a stream number. */
export function stream(seed: number, id: number): Rng {
  return mulberry32(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(id + 1, 0xc2b2ae35));
}

export function normal(random: Rng): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Log-normal with the given median (e^μ) and σ of the logarithm. */
export function logNormal(random: Rng, median: number, sigma: number): number {
  return median * Math.exp(sigma * normal(random));
}

export function poisson(random: Rng, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(random)));
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = random(); p > limit; p *= random()) k++;
  return k;
}

export function exponential(random: Rng, mean: number): number {
  return -mean * Math.log(1 - random());
}

export function integerBelow(random: Rng, n: number): number {
  return Math.floor(random() * n);
}

/** Walker's alias table of a list of weights, for `pickWeighted`. */
export interface AliasTable {
  /** Probability of keeping index i once drawn uniformly; otherwise the pick is `alias[i]`. */
  keep: Float64Array;
  alias: Int32Array;
}

/**
 * The alias table of `weights` (non-negative, not all zero). Each index's weight is scaled so the mean is 1;
 * an index below 1 is topped up by an index above 1, its alias, which gives away as much (Vose 1991).
 */
export function aliasTable(weights: ArrayLike<number>): AliasTable {
  const n = weights.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i]!;
  const keep = new Float64Array(n);
  const alias = new Int32Array(n);
  // Indexes below the mean fill `work` from the front, those at or above it from the back.
  const work = new Int32Array(n);
  let small = 0;
  let large = n;
  for (let i = 0; i < n; i++) {
    keep[i] = (weights[i]! * n) / total;
    if (keep[i]! < 1) work[small++] = i;
    else work[--large] = i;
  }
  while (small > 0 && large < n) {
    const under = work[--small]!;
    const over = work[large]!;
    alias[under] = over;
    keep[over] = keep[over]! + keep[under]! - 1;
    if (keep[over]! < 1) {
      large++;
      work[small++] = over;
    }
  }
  // What is left is 1 up to rounding.
  for (let k = 0; k < small; k++) keep[work[k]!] = 1;
  for (let k = large; k < n; k++) keep[work[k]!] = 1;
  return {keep, alias};
}

/** An index drawn with probability proportional to its weight, in constant time; `table` from `aliasTable`. */
export function pickWeighted(random: Rng, table: AliasTable): number {
  const i = Math.floor(random() * table.keep.length);
  return random() < table.keep[i]! ? i : table.alias[i]!;
}

/** Fisher–Yates shuffle in place (Knuth's Algorithm P). */
export function shuffle<T extends {length: number; [i: number]: number}>(random: Rng, items: T): T {
  for (let i = items.length - 1; i > 0; i--) {
    const j = integerBelow(random, i + 1);
    const held = items[i]!;
    items[i] = items[j]!;
    items[j] = held;
  }
  return items;
}
