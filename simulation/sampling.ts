/**
 * Seeded draws from the distributions the world generator needs, all built on mulberry32
 * (`scoring/random.ts`): normal by Box–Muller (Box & Muller 1958), log-normal, Poisson by Knuth's
 * multiplication method for small means and a rounded normal for large ones (Knuth, TAOCP vol. 2, §3.4.1),
 * exponential by inversion, and weighted choice by binary search over a cumulative table.
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

/** Cumulative sums of `weights`, for `pickWeighted`. */
export function cumulative(weights: ArrayLike<number>): Float64Array {
  const sums = new Float64Array(weights.length);
  let total = 0;
  for (let i = 0; i < weights.length; i++) sums[i] = total += weights[i]!;
  return sums;
}

/** An index drawn with probability proportional to its weight; `sums` from `cumulative`. */
export function pickWeighted(random: Rng, sums: Float64Array): number {
  const target = random() * sums[sums.length - 1]!;
  let low = 0;
  let high = sums.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sums[middle]! > target) high = middle;
    else low = middle + 1;
  }
  return low;
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
