/** Test helper: asserts that two float vectors hold the same numbers to the bit (so +0 and −0 differ). */
import {expect} from "vitest";

export function expectSameBits(actual: Float64Array, expected: Float64Array, label: string): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) throw new Error(`${label} ${i}: expected ${expected[i]}, got ${actual[i]}`);
  }
}
