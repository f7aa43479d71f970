/**
 * Long computations written as generators that yield between steps, run either at once or in slices that give
 * the event loop a turn now and then. A method whose kernel runs for seconds (Influence–Passivity's thousand
 * iterations on Higgs) then does not hold the thread while other methods' queries finish in the database: their
 * results are read and their next statements sent between its slices, and a page stays responsive.
 */

/** How long a slice runs before the event loop gets a turn, in milliseconds. */
export const SLICE_MS = 10;

/** Runs `steps` to its end without pausing; returns what it returns. */
export function runSteps<T>(steps: Generator<unknown, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Runs `steps` to its end, letting the event loop run (I/O callbacks and timers included) whenever a slice has
 * taken `sliceMs` or more; the values are those of `runSteps`.
 */
export async function runInSlices<T>(steps: Generator<unknown, T, void>, sliceMs = SLICE_MS): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
}

/**
 * A promise settled after pending I/O callbacks and timers have run: `setImmediate` where there is one (Node);
 * elsewhere a message to oneself, which, unlike a zero timeout, browsers do not delay by 4 ms when repeated.
 * Awaited between the long steps of code that cannot be cut in slices.
 */
export function nextTurn(): Promise<void> {
  if (typeof setImmediate === "function") return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}
