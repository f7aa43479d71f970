/** Progress lines on standard error: rewritten in place on a terminal, nothing elsewhere. */
import {describe, expect, it} from "vitest";
import {progressReporter} from "../../cli/progress.js";

/** A stand-in for stderr that records what is written to it. */
function stream(isTTY: boolean) {
  const written: string[] = [];
  return {written, stream: {isTTY, write: (text: string) => written.push(text) > 0} as unknown as NodeJS.WriteStream};
}

describe("progressReporter", () => {
  it("rewrites one line on a terminal, clearing what a longer label left, and clears it when done", () => {
    const {written, stream: tty} = stream(true);
    const progress = progressReporter(tty);
    progress.update("sway: scored pagerank, 1 of 3 methods", 1 / 3);
    progress.update("sway: scored kred, 2 of 3 methods", 2 / 3);
    progress.done();
    expect(written).toEqual([
      "\rsway: scored pagerank, 1 of 3 methods 33%\x1b[K",
      "\rsway: scored kred, 2 of 3 methods 66%\x1b[K",
      "\r\x1b[K"
    ]);
  });

  it("writes a percentage once, however often it is reported", () => {
    const {written, stream: tty} = stream(true);
    const progress = progressReporter(tty);
    for (let i = 0; i < 1000; i++) progress.update("reading", i / 1000);
    expect(written).toHaveLength(100);
    expect(written[99]).toBe("\rreading 99%\x1b[K");
  });

  it("writes nothing when standard error is not a terminal (a log or a pipe)", () => {
    const {written, stream: pipe} = stream(false);
    const progress = progressReporter(pipe);
    progress.update("reading", 0.5);
    progress.done();
    expect(written).toEqual([]);
  });
});
