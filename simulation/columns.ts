/**
 * Growable typed-array columns: the world is generated column by column into these (integer indexes, kind
 * codes, epoch-millisecond times) instead of one object per row, so millions of rows stay cheap to build and
 * to hand to DuckDB or a Web Worker's transfer list. Each element type gets its own class, so the hot
 * `push` stays monomorphic.
 */
type TypedArray = Int32Array | Float64Array | Uint8Array;

export interface Column<A extends TypedArray> {
  readonly length: number;
  push(value: number): void;
  /** Makes room for `capacity` values at once, so pushing up to it never copies. */
  reserve(capacity: number): void;
  at(index: number): number;
  /** The values pushed so far, as a view (no copy). */
  values(): A;
}

function columnClass<A extends TypedArray>(make: new (length: number) => A) {
  return class implements Column<A> {
    data: A;
    length = 0;
    constructor(capacity: number) {
      this.data = new make(capacity);
    }
    push(value: number): void {
      if (this.length === this.data.length) this.reserve(this.data.length * 2);
      this.data[this.length++] = value;
    }
    reserve(capacity: number): void {
      if (capacity <= this.data.length) return;
      const grown = new make(Math.ceil(capacity));
      grown.set(this.data.subarray(0, this.length));
      this.data = grown;
    }
    at(index: number): number {
      return this.data[index]!;
    }
    values(): A {
      return this.data.subarray(0, this.length) as A;
    }
  };
}

const Int32Column = columnClass(Int32Array);
const Float64Column = columnClass(Float64Array);
const Uint8Column = columnClass(Uint8Array);

export const int32Column = (capacity = 1024): Column<Int32Array> => new Int32Column(capacity);
export const float64Column = (capacity = 1024): Column<Float64Array> => new Float64Column(capacity);
export const uint8Column = (capacity = 1024): Column<Uint8Array> => new Uint8Column(capacity);
