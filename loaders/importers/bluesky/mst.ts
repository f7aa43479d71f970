/**
 * The leaves of an atproto Merkle Search Tree in key order (https://atproto.com/specs/repository#mst-structure).
 * A node is a DAG-CBOR map `{l, e}`: `l` is the CID of the subtree of keys before the node's first entry (or
 * null) and `e` its entries in key order, each `{p, k, v, t}`: the key is the first `p` bytes of the previous key
 * in the same node followed by the bytes `k`, `v` is the CID of the record, and `t` the CID of the subtree of keys
 * between this entry and the next (or null). Keys are `collection/rkey`.
 */
import {CID} from "multiformats/cid";
import {InputError} from "../../input.js";
import {decodeOrUndefined, type Repository} from "./repository.js";

export interface Leaf {
  /** `collection/rkey`. */
  readonly key: string;
  /** The record's CID. */
  readonly cid: CID;
}

// Trees are ~log4(records) deep (4-way fanout): 10 levels hold a million records. A deeper walk means a loop.
const MAX_DEPTH = 64;
const keyDecoder = new TextDecoder("utf-8", {fatal: true});

/** Every leaf under the node `cid`, in key order. Throws `InputError` naming `fileName` on a missing or bad node. */
export function* mstLeaves(
  repository: Repository,
  fileName: string,
  cid = repository.data,
  depth = 0
): Generator<Leaf> {
  if (depth > MAX_DEPTH) throw new InputError(`${fileName}: MST deeper than ${MAX_DEPTH} levels (a loop of nodes)`);
  const bytes = repository.block(cid);
  if (!bytes) throw new InputError(`${fileName}: MST node ${cid} is not in the CAR (an incomplete repository export)`);
  const node = decodeOrUndefined(bytes) as {l?: unknown; e?: unknown} | undefined;
  const malformed = () => new InputError(`${fileName}: MST node ${cid} is malformed`);
  if (!node || !Array.isArray(node.e)) throw malformed();
  const left = CID.asCID(node.l);
  if (left) yield* mstLeaves(repository, fileName, left, depth + 1);
  let previous = new Uint8Array(0);
  for (const entry of node.e as {p?: unknown; k?: unknown; v?: unknown; t?: unknown}[]) {
    const value = CID.asCID(entry?.v);
    const {p: prefix, k: suffix} = entry ?? {};
    if (!value || !Number.isSafeInteger(prefix) || !(suffix instanceof Uint8Array)) throw malformed();
    if ((prefix as number) < 0 || (prefix as number) > previous.length) throw malformed();
    const keyBytes = new Uint8Array((prefix as number) + suffix.length);
    keyBytes.set(previous.subarray(0, prefix as number));
    keyBytes.set(suffix, prefix as number);
    previous = keyBytes;
    let key: string;
    try {
      key = keyDecoder.decode(keyBytes);
    } catch {
      throw malformed();
    }
    yield {key, cid: value};
    const right = CID.asCID(entry.t);
    if (right) yield* mstLeaves(repository, fileName, right, depth + 1);
  }
}
