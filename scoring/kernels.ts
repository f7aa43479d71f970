/**
 * Where the long graph kernels run. By default in the calling thread, in slices (`scoring/slices.ts`); a Node
 * process may install kernels that run on another thread (`loaders/kernel-thread.ts`), so that a method's seconds
 * of iterations run beside the other methods' work instead of between it. Either way the values are the same to
 * the bit: the same code computes them.
 */
import {
  influencePassivityInSlices,
  type InfluencePassivityOptions,
  type InfluencePassivityResult,
  type KernelGraph
} from "./graph/influence-passivity.js";

export interface Kernels {
  influencePassivity(graph: KernelGraph, options?: InfluencePassivityOptions): Promise<InfluencePassivityResult>;
}

/** The kernels in the calling thread, in slices. */
export const IN_THREAD: Kernels = Object.freeze({influencePassivity: influencePassivityInSlices});

let installed: Kernels = IN_THREAD;

/** The kernels methods run with: those last given to `useKernels`, else `IN_THREAD`. */
export function kernels(): Kernels {
  return installed;
}

/** Makes `chosen` the kernels methods run with (undefined: back to `IN_THREAD`). */
export function useKernels(chosen: Kernels | undefined): void {
  installed = chosen ?? IN_THREAD;
}
