/**
 * mulberry32 (Tommy Ettinger, public domain): a small seeded generator, uniform in [0, 1). Its quality is
 * ample for shuffling, sampling and test data; its point is that every platform draws the same sequence from
 * a seed, so everything random in Sway is reproducible.
 *
 * @example const random = mulberry32(42); random(); // the same number on every machine
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
