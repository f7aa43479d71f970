/**
 * An atproto repository export as a block store: the CAR v1 file that `com.atproto.sync.getRepo` returns
 * (https://atproto.com/specs/repository#car-file-serialization, CAR v1: https://ipld.io/specs/transport/car/carv1/).
 * Its single root is the signed commit (https://atproto.com/specs/repository#commit-objects), a DAG-CBOR map
 * `{did, version, data, rev, prev, sig}` whose `data` is the CID of the MST root (`mst.ts`).
 *
 * Memory: the whole file is read into one buffer (a CAR cannot be walked as a stream: the MST points anywhere in
 * it) and blocks stay there as byte ranges indexed by CID; nothing is decoded until it is walked, and each record
 * is decoded once and dropped. Resident memory is the file size plus ~0.3 KB per block (measured: a 134 MB CAR of
 * 400,000 records and 106,000 MST nodes peaks at ~410 MB of process memory, Node and an in-memory sink included).
 * That bites around a 1 GB CAR (some 3 million records, several times the largest accounts' repositories), which
 * needs ~2 GB: more than a browser tab may get.
 */
import {decodeDagCbor} from "./dag-cbor.js";
import {CID} from "multiformats/cid";
import {InputError, openBytes, type InputFile, type ReadOptions} from "../../input.js";

export interface Repository {
  /** The account the repository belongs to (the commit's `did`). */
  readonly did: string;
  /** The CID of the MST root. */
  readonly data: CID;
  /** The bytes of the block with this CID, or undefined if the CAR lacks it. */
  block(cid: CID): Uint8Array | undefined;
}

/** Reads and indexes the CAR `file`. Throws `InputError` naming the file when it is no repository export. */
export async function readRepository(file: InputFile, options: ReadOptions = {}): Promise<Repository> {
  const bytes = new Uint8Array(await new Response(await openBytes(file, options)).arrayBuffer());
  if (bytes.byteLength === 0) throw new InputError(`${file.name}: empty file`);
  const {roots, ordinals, starts, ends} = indexBlocks(file.name, bytes);
  const block = (cid: CID) => {
    const ordinal = ordinals.get(keyOf(cid));
    return ordinal === undefined ? undefined : bytes.subarray(starts[ordinal], ends[ordinal]);
  };
  if (roots.length === 0) throw new InputError(`${file.name}: the CAR has no root (expected a repository commit)`);
  const root = block(roots[0]!);
  if (!root) throw new InputError(`${file.name}: the root block is not in the CAR (expected a repository commit)`);
  const commit = decodeOrUndefined(root) as {did?: unknown; data?: unknown} | undefined;
  const data = CID.asCID(commit?.data);
  if (typeof commit?.did !== "string" || !commit.did.startsWith("did:") || !data) {
    throw new InputError(`${file.name}: the root is not a repository commit (no did and data)`);
  }
  return {did: commit.did, data, block};
}

interface BlockIndex {
  readonly roots: CID[];
  /** The position of each block in the file, by `keyOf` its CID; its bytes lie from `starts` to `ends` there. */
  readonly ordinals: Map<string, number>;
  readonly starts: number[];
  readonly ends: number[];
}

/**
 * A CID as a map key: its bytes as a one-byte string. (`CID#toString` would encode base32 and cache the result
 * in a map on every CID, which costs several times the block itself in a large repository.)
 */
function keyOf(cid: CID): string {
  // `apply` rather than a spread: several times faster on V8 for short arrays.
  return String.fromCharCode.apply(null, cid.bytes as unknown as number[]);
}

/**
 * Where every block of the CAR lies, and its roots. A CAR v1 is a header section, the DAG-CBOR map
 * `{version: 1, roots}`, then one section per block, the block's CID followed by its bytes; each section is its
 * length (a varint) and that many bytes. Read here rather than with `@ipld/car`, whose package exports only an
 * `import` condition, which the site's bundler (resolving as `require` does) cannot follow.
 */
function indexBlocks(name: string, bytes: Uint8Array): BlockIndex {
  const header = carHeader(bytes);
  if (!header) throw new InputError(`${name}: not a CAR v1 file`);
  // getRepo writes CAR v1; a CAR v2 wraps one with an index, which a repository export never has.
  if (header.version !== 1) throw new InputError(`${name}: not a CAR v1 file (CAR v${header.version})`);
  const index: BlockIndex = {roots: header.roots, ordinals: new Map(), starts: [], ends: []};
  // Where the next block starts: a cut or damaged file is reported there.
  let next = headerEnd(bytes);
  let count = 0;
  const cut = () => new InputError(`${name}: truncated CAR: block ${count + 1} at byte ${next} is cut short`);
  while (next < bytes.byteLength) {
    const end = sectionEnd(bytes, next);
    if (end > bytes.byteLength) throw cut();
    const start = varintEnd(bytes, next);
    let cid: CID;
    try {
      if (end === start) throw new Error("Invalid CAR section (zero length)");
      [cid] = CID.decodeFirst(bytes.subarray(start, end));
    } catch (error) {
      throw new InputError(`${name}: damaged CAR: block ${count + 1} at byte ${next} (${(error as Error).message})`);
    }
    index.ordinals.set(keyOf(cid), count);
    index.starts.push(start + cid.bytes.byteLength);
    index.ends.push(end);
    next = end;
    count++;
  }
  return index;
}

/** The CAR's header, `{version: 1, roots}` (or a CAR v2's pragma, `{version: 2}`), if complete and well-formed. */
function carHeader(bytes: Uint8Array): {version: number; roots: CID[]} | undefined {
  const end = headerEnd(bytes);
  if (end > bytes.byteLength) return undefined;
  const header = decodeOrUndefined(bytes.subarray(varintEnd(bytes, 0), end)) as
    {version?: unknown; roots?: unknown} | undefined;
  if (header?.version === 2) return {version: 2, roots: []};
  if (header?.version !== 1 || !Array.isArray(header.roots)) return undefined;
  const roots = header.roots.map((root) => CID.asCID(root));
  return roots.every((root) => root !== null) ? {version: 1, roots: roots as CID[]} : undefined;
}

/** The offset after the varint at `offset`. */
function varintEnd(bytes: Uint8Array, offset: number): number {
  let position = offset;
  while (position < bytes.length && bytes[position]! >= 0x80) position++;
  return position + 1;
}

/** The offset after the CAR header. */
function headerEnd(bytes: Uint8Array): number {
  return sectionEnd(bytes, 0);
}

/**
 * The end of the CAR section (header or block) at `offset`: its length, an unsigned LEB128 varint, then that
 * many bytes. Infinity when the varint itself is cut off.
 */
function sectionEnd(bytes: Uint8Array, offset: number): number {
  let length = 0;
  for (let position = offset, shift = 0; position < bytes.length; shift += 7) {
    const byte = bytes[position++]!;
    length += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return position + length;
  }
  return Infinity;
}

/** The decoded DAG-CBOR value of a block, or undefined if it is not DAG-CBOR. */
export function decodeOrUndefined(bytes: Uint8Array): unknown {
  try {
    return decodeDagCbor(bytes);
  } catch {
    return undefined;
  }
}
