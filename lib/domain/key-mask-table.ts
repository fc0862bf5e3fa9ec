import { hash } from "node:crypto";

/** 52 bits of a string's sha1, plus one (so 0 can mean "empty"): a number that stands for the string. */
export function key52(text: string): number {
  return parseInt(hash("sha1", text, "hex").slice(0, 13), 16) + 1;
}

/**
 * A compact map from 52-bit numeric keys to small bit masks (open addressing over typed arrays):
 * 9 bytes a slot instead of the ~80 a Map entry costs, so a million keys take about 18 MB.
 */
export class KeyMaskTable {
  private keys: Float64Array;
  private masks: Uint8Array;
  private count = 0;

  constructor(capacity = 1024) {
    let size = 1024;
    while (size < capacity * 2) size *= 2;
    this.keys = new Float64Array(size);
    this.masks = new Uint8Array(size);
  }

  get size(): number {
    return this.count;
  }

  private slot(key: number): number {
    const mask = this.keys.length - 1;
    let i = (key % 4294967291) & mask; // a prime modulus mixes the low bits
    while (this.keys[i] !== 0 && this.keys[i] !== key) i = (i + 1) & mask;
    return i;
  }

  /** ORs `bits` into the key's mask. */
  add(key: number, bits: number): void {
    if ((this.count + 1) * 2 > this.keys.length) this.grow();
    const i = this.slot(key);
    if (this.keys[i] === 0) {
      this.keys[i] = key;
      this.count++;
    }
    this.masks[i] |= bits;
  }

  get(key: number): number {
    const i = this.slot(key);
    return this.keys[i] === key ? this.masks[i] : 0;
  }

  /** Keys whose mask has more than one bit set. */
  *multi(): Generator<number> {
    for (let i = 0; i < this.keys.length; i++) {
      const m = this.masks[i];
      if (this.keys[i] !== 0 && m & (m - 1)) yield this.keys[i];
    }
  }

  private grow(): void {
    const { keys, masks } = this;
    this.keys = new Float64Array(keys.length * 2);
    this.masks = new Uint8Array(keys.length * 2);
    this.count = 0;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== 0) this.add(keys[i], masks[i]);
  }
}
