/**
 * A CSR graph as three raw little-endian files in one folder (`offsets.i32`, `targets.i32`, `weights.f64`),
 * the form in which the benchmark hands the same graph to its peers in other processes and languages
 * (`bench/pagerank.c`, `bench/pagerank.py`, `bench/pagerank-peer.ts`): each reads it with one call
 * (`fread`, `numpy.fromfile`, `readFileSync`). A score vector travels back the same way, as raw float64.
 */
import {mkdirSync, readFileSync, writeFileSync} from "node:fs";
import {join} from "node:path";
import type {Csr} from "../scoring/graph/csr.js";

export function writeGraphFiles(dir: string, graph: Csr): void {
  mkdirSync(dir, {recursive: true});
  writeFileSync(join(dir, "offsets.i32"), bytesOf(graph.offsets));
  writeFileSync(join(dir, "targets.i32"), bytesOf(graph.targets));
  writeFileSync(join(dir, "weights.f64"), bytesOf(graph.weights));
}

/** Reads what `writeGraphFiles` wrote; `outWeight` is summed again from the weights. */
export function readGraphFiles(dir: string): Csr {
  const offsets = new Int32Array(arrayBufferOf(readFileSync(join(dir, "offsets.i32"))));
  const targets = new Int32Array(arrayBufferOf(readFileSync(join(dir, "targets.i32"))));
  const weights = new Float64Array(arrayBufferOf(readFileSync(join(dir, "weights.f64"))));
  const nodeCount = offsets.length - 1;
  if (nodeCount < 0 || offsets[nodeCount] !== targets.length || targets.length !== weights.length) {
    throw new Error(`bench/graph-file: ${dir} holds inconsistent CSR arrays`);
  }
  const outWeight = new Float64Array(nodeCount);
  for (let i = 0; i < nodeCount; i++) {
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) outWeight[i] += weights[k]!;
  }
  return {nodeCount, offsets, targets, weights, outWeight};
}

export function writeScores(file: string, scores: Float64Array): void {
  writeFileSync(file, bytesOf(scores));
}

export function readScores(file: string): Float64Array {
  return new Float64Array(arrayBufferOf(readFileSync(file)));
}

function bytesOf(array: Int32Array | Float64Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

/** A copy of the file's bytes in an ArrayBuffer of their own (a Buffer may sit at any offset of a shared pool). */
function arrayBufferOf(bytes: Buffer): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
