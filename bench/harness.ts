/**
 * A small benchmark harness: runs each contender the same number of times in one process, reports the
 * median and the ratio to the first contender (the peer). Medians and ratios, not absolute times, are what
 * survive a noisy two-core machine.
 */
export interface Contender {
  name: string;
  run: () => unknown | Promise<unknown>;
}

export interface Measured {
  name: string;
  medianMs: number;
  runs: number[];
}

export async function measure(contenders: Contender[], {repeats = 5, warmup = 1} = {}): Promise<Measured[]> {
  const results: Measured[] = contenders.map((c) => ({name: c.name, medianMs: 0, runs: []}));
  for (let i = 0; i < warmup; i++) for (const c of contenders) await c.run();
  // Interleave contenders so that a slow phase of the machine hits all of them alike.
  for (let r = 0; r < repeats; r++) {
    for (const [i, c] of contenders.entries()) {
      const start = performance.now();
      await c.run();
      results[i]!.runs.push(performance.now() - start);
    }
  }
  for (const result of results) result.medianMs = median(result.runs);
  return results;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Prints a table: contender, median, and how many times as fast as the first row (the peer) it ran. */
export function report(title: string, results: Measured[]): void {
  const base = results[0]!.medianMs;
  console.log(`\n${title}`);
  for (const r of results) {
    const speed = (base / r.medianMs).toFixed(2);
    console.log(
      `  ${r.name.padEnd(40)} median ${r.medianMs.toFixed(1).padStart(9)} ms   ${speed}× the speed of the first row`
    );
  }
}
