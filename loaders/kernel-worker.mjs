// The kernel thread's entry when the sources run as they are (tsx, tests): a worker thread gets no TypeScript
// loader from its parent, so it registers tsx's before importing the worker's module. The `sway` command's
// bundle carries a `kernel-worker.mjs` of its own, built from `kernel-worker.ts`.
import {register} from "tsx/esm/api";

register();
await import("./kernel-worker.ts");
