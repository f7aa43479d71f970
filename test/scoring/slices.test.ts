import {describe, it, expect} from "vitest";
import {runInSlices, runSteps} from "../../scoring/slices.js";

/** Steps that each keep the thread busy for `ms`, recording after each whether `flag()` was already true. */
function* busySteps(count: number, ms: number, flag: () => boolean, seen: boolean[]): Generator<void, string, void> {
  for (let step = 0; step < count; step++) {
    const until = performance.now() + ms;
    while (performance.now() < until);
    seen.push(flag());
    yield;
  }
  return "done";
}

describe("runSteps and runInSlices", () => {
  it("return the generator's value", async () => {
    function* count(): Generator<void, number, void> {
      let total = 0;
      for (let i = 1; i <= 100; i++) {
        total += i;
        yield;
      }
      return total;
    }
    expect(runSteps(count())).toBe(5050);
    expect(await runInSlices(count())).toBe(5050);
  });

  it("runInSlices lets a pending callback run between slices; runSteps does not", async () => {
    let ran = false;
    setImmediate(() => (ran = true));
    const seen: boolean[] = [];
    expect(runSteps(busySteps(4, 3, () => ran, seen))).toBe("done");
    expect(seen).toEqual([false, false, false, false]);

    ran = false;
    setImmediate(() => (ran = true));
    const sliced: boolean[] = [];
    expect(
      await runInSlices(
        busySteps(4, 3, () => ran, sliced),
        5
      )
    ).toBe("done");
    // No turn before the first step; the first slice ends after a step or two (3 ms each, 5 ms slices), and the
    // callback runs before the steps after it.
    expect(sliced[0]).toBe(false);
    expect(sliced[3]).toBe(true);
  });

  it("passes an error thrown by a step on as a rejection", async () => {
    function* failing(): Generator<void, never, void> {
      yield;
      throw new Error("step failed");
    }
    await expect(runInSlices(failing())).rejects.toThrow("step failed");
    expect(() => runSteps(failing())).toThrow("step failed");
  });
});
