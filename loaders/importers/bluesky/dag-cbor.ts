/**
 * DAG-CBOR decoding (https://ipld.io/specs/codecs/dag-cbor/spec/), the block format of atproto repositories:
 * CBOR (RFC 8949) restricted to definite lengths, integers and lengths in their shortest form, maps keyed by
 * strings (each key once), no NaN or infinities (`undefined` reads as null), and one tag, 42, a CID as bytes after a 0x00 byte.
 * Integers beyond the safe range decode as bigint. The same rules as `@ipld/dag-cbor`'s decoder, written here
 * because its CBOR library (`cborg`) exports only an `import` condition, which the site's bundler cannot resolve.
 */
import {CID} from "multiformats/cid";

const CID_TAG = 42;
const utf8 = new TextDecoder();
/** Texts up to this many bytes are decoded by hand when ASCII: a decoder call costs more than that. */
const SHORT_TEXT = 32;

/** The value encoded by `bytes`; throws an `Error` saying what is wrong when they are not one DAG-CBOR value. */
export function decodeDagCbor(bytes: Uint8Array): unknown {
  const reader = {bytes, view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset: 0};
  const value = readValue(reader);
  if (reader.offset !== bytes.byteLength) throw new Error("DAG-CBOR: bytes left after the value");
  return value;
}

interface Reader {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  offset: number;
}

function take(reader: Reader, length: number): number {
  const start = reader.offset;
  if (start + length > reader.bytes.byteLength) throw new Error("DAG-CBOR: unexpected end of data");
  reader.offset += length;
  return start;
}

/** The argument of a head whose additional information is `info`, in its shortest form. */
function readArgument(reader: Reader, info: number): number | bigint {
  if (info < 24) return info;
  const {view} = reader;
  let value: number | bigint;
  if (info === 24) {
    value = view.getUint8(take(reader, 1));
    if (value < 24) throw notShortest();
  } else if (info === 25) {
    value = view.getUint16(take(reader, 2));
    if (value < 0x100) throw notShortest();
  } else if (info === 26) {
    value = view.getUint32(take(reader, 4));
    if (value < 0x10000) throw notShortest();
  } else if (info === 27) {
    const big = view.getBigUint64(take(reader, 8));
    if (big < 0x100000000n) throw notShortest();
    value = big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
  } else throw new Error(`DAG-CBOR: indefinite length or reserved additional information ${info}`);
  return value;
}

function notShortest(): Error {
  return new Error("DAG-CBOR: integer not in its shortest form");
}

function readLength(reader: Reader, info: number): number {
  const length = readArgument(reader, info);
  if (typeof length === "bigint") throw new Error("DAG-CBOR: length beyond the safe integer range");
  return length;
}

function readValue(reader: Reader): unknown {
  const head = reader.view.getUint8(take(reader, 1));
  const major = head >> 5;
  const info = head & 31;
  switch (major) {
    case 0:
      return readArgument(reader, info);
    case 1: {
      const argument = readArgument(reader, info);
      return typeof argument === "bigint" || argument >= Number.MAX_SAFE_INTEGER
        ? -1n - BigInt(argument)
        : -1 - argument;
    }
    case 2: {
      const start = take(reader, readLength(reader, info));
      return new Uint8Array(reader.bytes.subarray(start, reader.offset));
    }
    case 3: {
      const start = take(reader, readLength(reader, info));
      return text(reader.bytes, start, reader.offset);
    }
    case 4: {
      const length = readLength(reader, info);
      const items: unknown[] = [];
      for (let i = 0; i < length; i++) items.push(readValue(reader));
      return items;
    }
    case 5: {
      const length = readLength(reader, info);
      const map: Record<string, unknown> = {};
      for (let i = 0; i < length; i++) {
        const key = readValue(reader);
        if (typeof key !== "string") throw new Error("DAG-CBOR: map key is not a string");
        if (Object.hasOwn(map, key)) throw new Error(`DAG-CBOR: duplicate map key ${JSON.stringify(key)}`);
        // A key `__proto__` is data like any other, never the object's prototype.
        if (key === "__proto__")
          Object.defineProperty(map, key, {
            value: readValue(reader),
            enumerable: true,
            writable: true,
            configurable: true
          });
        else map[key] = readValue(reader);
      }
      return map;
    }
    case 6: {
      if (readArgument(reader, info) !== CID_TAG) throw new Error("DAG-CBOR: tag other than 42 (CID)");
      const bytes = readValue(reader);
      if (!(bytes instanceof Uint8Array) || bytes[0] !== 0) throw new Error("DAG-CBOR: tag 42 without CID bytes");
      return CID.decode(bytes.subarray(1));
    }
    default:
      return readSimple(reader, info);
  }
}

/** The UTF-8 text of `bytes` from `start` to `end`; short ASCII strings, most keys and values, without a decoder call. */
function text(bytes: Uint8Array, start: number, end: number): string {
  if (end - start > SHORT_TEXT) return utf8.decode(bytes.subarray(start, end));
  let ascii = "";
  for (let i = start; i < end; i++) {
    const byte = bytes[i]!;
    if (byte >= 0x80) return utf8.decode(bytes.subarray(start, end));
    ascii += String.fromCharCode(byte);
  }
  return ascii;
}

function readSimple(reader: Reader, info: number): unknown {
  const {view} = reader;
  let value: number;
  if (info === 20) return false;
  if (info === 21) return true;
  // `undefined` is not in the data model; it reads as null, as @ipld/dag-cbor reads it.
  if (info === 22 || info === 23) return null;
  if (info === 25) value = float16(view.getUint16(take(reader, 2)));
  else if (info === 26) value = view.getFloat32(take(reader, 4));
  else if (info === 27) value = view.getFloat64(take(reader, 8));
  else throw new Error(`DAG-CBOR: simple value ${info} is not allowed`);
  if (!Number.isFinite(value)) throw new Error("DAG-CBOR: NaN and infinities are not allowed");
  return value;
}

/** An IEEE 754 half-precision float (RFC 8949 appendix D). */
function float16(half: number): number {
  const exponent = (half >> 10) & 0x1f;
  const mantissa = half & 0x3ff;
  const magnitude =
    exponent === 0
      ? mantissa * 2 ** -24
      : exponent === 31
        ? mantissa === 0
          ? Infinity
          : NaN
        : (mantissa + 1024) * 2 ** (exponent - 25);
  return half & 0x8000 ? -magnitude : magnitude;
}
