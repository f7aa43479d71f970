/** Plain-text tables for the terminal: padded columns, numbers right-aligned. */

/** Columns padded to their widest cell, two spaces apart; `alignRight[c]` for numeric columns. */
export function formatTable(header: string[], rows: string[][], alignRight: boolean[]): string {
  const widths = header.map((cell, c) => Math.max(cell.length, ...rows.map((row) => row[c].length)));
  const line = (cells: string[]) =>
    cells.map((cell, c) => (alignRight[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join("  ");
  return [header, ...rows].map((cells) => line(cells).trimEnd()).join("\n");
}

/** A correlation or share with three decimals; "n/a" where undefined. */
export function formatNumber(value: number, digits = 3): string {
  return Number.isNaN(value) ? "n/a" : value.toFixed(digits);
}

/** Orders numbers largest first, NaN (undefined) last: how the evaluation tables list methods. */
export function descendingNaNLast(a: number, b: number): number {
  return (Number.isNaN(a) ? 1 : 0) - (Number.isNaN(b) ? 1 : 0) || b - a;
}
