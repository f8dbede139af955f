import { normalizeText } from '../text/normalize.ts';
import { bigramCode, bigrams, isSkipped } from './text-similarity.ts';

/** Stretches of a message (clauses, and the whole when short) with each `similar` condition's best score. */
export type SimilarScores = { spans: readonly [number, number][]; best: number[]; at: number[] };

/** Open-addressing set of bigram codes, emptied in O(1) by moving to a new stamp. */
const TABLE_BITS = 11;
const TABLE_SIZE = 1 << TABLE_BITS;
const keys = new Int32Array(TABLE_SIZE);
const stamps = new Int32Array(TABLE_SIZE);
let stamp = 0;

/** Adds a code to the current set; false when it was there already (or the table is full: a long text). */
function addOnce(code: number): boolean {
  let slot = Math.imul(code, 0x9e3779b1) >>> (32 - TABLE_BITS);
  for (let probes = 0; probes < TABLE_SIZE; probes++) {
    if (stamps[slot] !== stamp) {
      stamps[slot] = stamp;
      keys[slot] = code;
      return true;
    }
    if (keys[slot] === code) return false;
    slot = (slot + 1) & (TABLE_SIZE - 1);
  }
  return false;
}

/**
 * Example phrases of every `similar` condition of a rule set in one inverted index (bigram →
 * condition examples), so each clause of a message is scored against all of them in one pass,
 * without building its bigram set.
 */
export class SimilarRegistry {
  readonly #examples: { condition: number; size: number }[] = [];
  readonly #index = new Map<number, number[]>();
  #conditions = 0;
  #shared = new Int32Array(0);
  /** Which bigrams occur in some example (by the code's low 16 bits): most of a message's do not. */
  readonly #seen = new Uint8Array(1 << 16);

  /** Registers a condition's examples; returns the condition's slot in the scores. */
  register(examples: readonly string[]): number {
    const condition = this.#conditions++;
    for (const example of examples) {
      const e = this.#examples.length;
      const grams = bigrams(normalizeText(example));
      this.#examples.push({ condition, size: grams.length });
      for (const g of grams) {
        this.#seen[g & 0xffff] = 1;
        const list = this.#index.get(g);
        if (list) list.push(e);
        else this.#index.set(g, [e]);
      }
    }
    this.#shared = new Int32Array(this.#examples.length);
    return condition;
  }

  /**
   * Best cosine per condition over the stretches of a normalised text (its clauses, and the whole
   * text when it has two to four), with the stretch that reached it.
   */
  score(text: string, clauses: readonly [number, number][]): SimilarScores {
    const spans: readonly [number, number][] =
      clauses.length > 1 && clauses.length <= 4 ? [...clauses, [0, text.length]] : clauses;
    const best: number[] = new Array(this.#conditions).fill(0);
    const at: number[] = new Array(this.#conditions).fill(-1);
    const shared = this.#shared;
    const touched: number[] = [];
    for (let s = 0; s < spans.length; s++) {
      const [from, to] = spans[s] as [number, number];
      const size =
        to - from > TABLE_SIZE / 2
          ? this.#tallyLong(text, from, to, touched)
          : this.#tally(text, from, to, touched);
      for (const e of touched) {
        const ex = this.#examples[e] as { condition: number; size: number };
        const score = (shared[e] as number) / Math.sqrt(size * ex.size);
        if (score > (best[ex.condition] as number)) {
          best[ex.condition] = score;
          at[ex.condition] = s;
        }
        shared[e] = 0;
      }
      touched.length = 0;
    }
    return { spans, best, at };
  }

  /** Counts shared bigrams per example into #shared (listing them in `touched`); returns the stretch's set size. */
  #tally(text: string, from: number, to: number, touched: number[]): number {
    stamp++;
    let size = 0;
    let prev = -1;
    for (let i = from; i <= to; i++) {
      let code: number;
      if (i < to) {
        const c = text.charCodeAt(i);
        if (isSkipped(c)) continue;
        const last = prev;
        prev = c;
        if (last < 0) continue;
        code = bigramCode(last, c);
      } else if (size === 0 && prev >= 0) {
        // A single character still has to be comparable to itself.
        code = prev;
      } else break;
      if (!addOnce(code)) continue;
      size++;
      this.#share(code, touched);
    }
    return size;
  }

  /** The same for a stretch too long for the table (a huge message): through its sorted bigram set. */
  #tallyLong(text: string, from: number, to: number, touched: number[]): number {
    const grams = bigrams(text, from, to);
    for (const code of grams) this.#share(code, touched);
    return grams.length;
  }

  #share(code: number, touched: number[]): void {
    if (this.#seen[code & 0xffff] === 0) return;
    const list = this.#index.get(code);
    if (!list) return;
    const shared = this.#shared;
    for (const e of list) {
      if (shared[e] === 0) touched.push(e);
      shared[e] = (shared[e] as number) + 1;
    }
  }
}
