/**
 * A flat Float32Array with a shape and row-major strides, in the spirit of llm-viz's TensorF32.
 * `view(i, j)` returns a sub-tensor sharing memory; `get(...)` reads one number.
 */
export class TensorF32 {
  readonly data: Float32Array;
  readonly shape: readonly number[];
  readonly strides: readonly number[];

  constructor(data: Float32Array, shape: readonly number[]) {
    const size = shape.reduce((a, b) => a * b, 1);
    if (size !== data.length) {
      throw new Error(`TensorF32: shape [${shape.join(',')}] needs ${size} numbers, got ${data.length}`);
    }
    this.data = data;
    this.shape = [...shape];
    const strides: number[] = new Array(shape.length);
    let s = 1;
    for (let i = shape.length - 1; i >= 0; i--) {
      strides[i] = s;
      s *= shape[i];
    }
    this.strides = strides;
  }

  get size(): number {
    return this.data.length;
  }

  private offset(idx: readonly number[]): number {
    if (idx.length > this.shape.length) throw new Error(`TensorF32: ${idx.length} indices for rank ${this.shape.length}`);
    let o = 0;
    for (let i = 0; i < idx.length; i++) {
      const k = idx[i];
      if (!Number.isInteger(k) || k < 0 || k >= this.shape[i]) {
        throw new RangeError(`TensorF32: index ${k} out of range for axis ${i} of size ${this.shape[i]}`);
      }
      o += k * this.strides[i];
    }
    return o;
  }

  get(...idx: number[]): number {
    if (idx.length !== this.shape.length) throw new Error(`TensorF32.get needs ${this.shape.length} indices`);
    return this.data[this.offset(idx)];
  }

  /** Sub-tensor for the leading indices given, sharing memory. */
  view(...idx: number[]): TensorF32 {
    const o = this.offset(idx);
    const shape = this.shape.slice(idx.length);
    const n = shape.reduce((a, b) => a * b, 1);
    return new TensorF32(this.data.subarray(o, o + n), shape);
  }

  /** Same numbers, new shape; throws when the sizes differ. */
  reshape(shape: readonly number[]): TensorF32 {
    return new TensorF32(this.data, shape);
  }

  /** Nested plain arrays, for JSON export. */
  toArray(): unknown {
    if (this.shape.length === 0) return this.data[0];
    if (this.shape.length === 1) return Array.from(this.data);
    return Array.from({ length: this.shape[0] }, (_, i) => this.view(i).toArray());
  }
}
