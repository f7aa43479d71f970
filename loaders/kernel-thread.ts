/**
 * Graph kernels on a worker thread of Node (`kernel-worker.ts`), for methods scored together: Influence–Passivity's
 * thousand iterations on Higgs (seconds) then run on the second core while the main thread reads the other methods'
 * query results, instead of taking turns with it. Node only: the browser bundle never imports this file.
 *
 * The thread starts at the first request large enough to be worth it (a graph of fewer than `MIN_EDGES` edges is
 * computed in the calling thread, in slices), and holds the process open only while it has work.
 */
import {Worker} from "node:worker_threads";
import type {
  InfluencePassivityOptions,
  InfluencePassivityResult,
  KernelGraph
} from "../scoring/graph/influence-passivity.js";
import {IN_THREAD, type Kernels} from "../scoring/kernels.js";

/** Graphs with fewer edges are computed in the calling thread: starting the thread would cost more. */
export const MIN_EDGES = 50_000;

export interface KernelRequest {
  id: number;
  graph: KernelGraph;
  options: InfluencePassivityOptions;
}

export type KernelResponse = {id: number; result: InfluencePassivityResult} | {id: number; error: string};

export interface KernelThread extends Kernels {
  /** Stops the thread, if it started; kernels asked for afterwards start a new one. */
  close(): Promise<void>;
}

/** Kernels on a worker thread, started when first needed; `minEdges` as `MIN_EDGES`. */
export function kernelThread(minEdges = MIN_EDGES): KernelThread {
  let worker: Worker | undefined;
  let nextId = 0;
  const pending = new Map<number, {resolve: (result: InfluencePassivityResult) => void; reject: (e: Error) => void}>();
  const failAll = (error: Error) => {
    for (const {reject} of pending.values()) reject(error);
    pending.clear();
    worker = undefined;
  };
  const start = () => {
    const started = new Worker(new URL("./kernel-worker.mjs", import.meta.url));
    started.unref();
    started.on("message", (response: KernelResponse) => {
      const request = pending.get(response.id);
      if (!request) return;
      pending.delete(response.id);
      if (pending.size === 0) started.unref();
      if ("error" in response) request.reject(new Error(response.error));
      else request.resolve(response.result);
    });
    started.on("error", failAll);
    started.on("exit", (code) => {
      if (pending.size > 0) failAll(new Error(`loaders/kernel-thread: the kernel thread stopped (exit code ${code})`));
    });
    return started;
  };
  return {
    influencePassivity(graph, options = {}) {
      if (graph.targets.length < minEdges) return IN_THREAD.influencePassivity(graph, options);
      worker ??= start();
      const thread = worker;
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, {resolve, reject});
        thread.ref();
        const {nodeCount, offsets, targets, weights} = graph;
        const request: KernelRequest = {id, graph: {nodeCount, offsets, targets, weights}, options};
        thread.postMessage(request);
      });
    },
    async close() {
      const stopping = worker;
      worker = undefined;
      if (stopping) await stopping.terminate();
    }
  };
}
