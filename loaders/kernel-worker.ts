/**
 * The thread of `kernel-thread.ts`: computes the kernels it is sent, one message at a time, and posts each result
 * back with its request's id (its arrays transferred, not copied), or the error's message.
 */
import {parentPort} from "node:worker_threads";
import {influencePassivity} from "../scoring/graph/influence-passivity.js";
import type {KernelRequest, KernelResponse} from "./kernel-thread.js";

const port = parentPort;
if (!port) throw new Error("loaders/kernel-worker: must run as a worker thread");
port.on("message", ({id, graph, options}: KernelRequest) => {
  let response: KernelResponse;
  try {
    const result = influencePassivity(graph, options);
    response = {id, result};
    port.postMessage(response, [result.influence.buffer as ArrayBuffer, result.passivity.buffer as ArrayBuffer]);
  } catch (error) {
    response = {id, error: (error as Error).message};
    port.postMessage(response);
  }
});
