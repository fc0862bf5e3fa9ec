/**
 * A list of numbers in a typed array that doubles as it fills: a million entries take 4 or 8 bytes
 * each, where a JavaScript array of them takes 8 to 16 and leaves the collector more to walk.
 */
export class NumberList<A extends Int32Array | Float64Array> {
  private data: A;
  private size = 0;

  constructor(private readonly make: (length: number) => A) {
    this.data = make(1024);
  }

  get length(): number {
    return this.size;
  }

  push(value: number): void {
    if (this.size === this.data.length) {
      const grown = this.make(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.size++] = value;
  }

  at(i: number): number {
    return this.data[i];
  }

  /** the entries, without a copy (valid until the next push) */
  view(): A {
    return this.data.subarray(0, this.size) as A;
  }
}

export const int32List = () => new NumberList<Int32Array>((n) => new Int32Array(n));
export const float64List = () => new NumberList<Float64Array>((n) => new Float64Array(n));
