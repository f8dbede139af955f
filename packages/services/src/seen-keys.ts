/**
 * Remembers which keys (`source:id`) were seen and on which line, in about 17 bytes per key,
 * so duplicate checks over tens of millions of conversations stay inside the memory budget.
 * Keys are kept as two independent 32-bit hashes: a false duplicate needs both to collide
 * (odds about n² / 2⁶⁵, one in 4·10⁵ at ten million keys).
 */
export class SeenKeys {
  #hi: Uint32Array;
  #lo: Uint32Array;
  /** 1-based line where the key was first seen, 0 for an empty slot. */
  #line: Uint32Array;
  #file: Uint16Array;
  #size = 0;

  constructor(capacity = 1 << 16) {
    this.#hi = new Uint32Array(capacity);
    this.#lo = new Uint32Array(capacity);
    this.#line = new Uint32Array(capacity);
    this.#file = new Uint16Array(capacity);
  }

  get size(): number {
    return this.#size;
  }

  /** Records the key, or returns where it was first seen when it is a duplicate. */
  add(key: string, file: number, line: number): { file: number; line: number } | undefined {
    const [hi, lo] = hashes(key);
    const mask = this.#line.length - 1;
    let slot = lo & mask;
    while (this.#line[slot] !== 0) {
      if (this.#hi[slot] === hi && this.#lo[slot] === lo)
        return { file: this.#file[slot] ?? 0, line: this.#line[slot] ?? 0 };
      slot = (slot + 1) & mask;
    }
    this.#hi[slot] = hi;
    this.#lo[slot] = lo;
    this.#line[slot] = Math.max(1, line);
    this.#file[slot] = file;
    this.#size++;
    if (this.#size * 10 > this.#line.length * 7) this.#grow();
    return undefined;
  }

  #grow(): void {
    const [hi, lo, line, file] = [this.#hi, this.#lo, this.#line, this.#file];
    const capacity = line.length * 2;
    this.#hi = new Uint32Array(capacity);
    this.#lo = new Uint32Array(capacity);
    this.#line = new Uint32Array(capacity);
    this.#file = new Uint16Array(capacity);
    const mask = capacity - 1;
    for (let i = 0; i < line.length; i++) {
      if (line[i] === 0) continue;
      let slot = (lo[i] ?? 0) & mask;
      while (this.#line[slot] !== 0) slot = (slot + 1) & mask;
      this.#hi[slot] = hi[i] ?? 0;
      this.#lo[slot] = lo[i] ?? 0;
      this.#line[slot] = line[i] ?? 0;
      this.#file[slot] = file[i] ?? 0;
    }
  }
}

/** Two 32-bit hashes of a string (the halves of cyrb53's state, finalised separately). */
function hashes(s: string): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 >>> 0, h2 >>> 0];
}
