export type KeywordMatch = { begin: number; end: number; keyword: string };

/** One occurrence from `matchAll`: `index` is the keyword's position in the constructor's list. */
export type KeywordOccurrence = { index: number; begin: number; end: number };

function isAsciiWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 39;
}

// Letters or digits: "sue" is not in "issue", and the hotline 12345 is not in an order number 123456.
const LATIN = /[a-z0-9]/i;

/** Keywords with ASCII letters or digits, which count only as whole words. */
export function isLatinKeyword(keyword: string): boolean {
  return LATIN.test(keyword);
}

export type KeywordMatcherOptions = {
  /** Keywords with Latin letters count only as whole words ("sue" is not inside "issue"). */
  isLatinWholeWord?: boolean;
};

/**
 * Aho-Corasick over UTF-16 code units with leftmost-longest, non-overlapping matches.
 * Characters that appear in no keyword reset to the root through a bitmap, without a lookup,
 * which is most characters of most messages.
 */
export class KeywordMatcher {
  readonly #next: Map<number, number>[] = [new Map()];
  #fail: Int32Array = new Int32Array(1);
  /** Longest keyword ending at each state (own or through failure links), or undefined. */
  #out: (string | undefined)[] = [undefined];
  /** Index of the keyword ending exactly at each state, or -1. */
  #own: number[] = [-1];
  /** Nearest state on the failure chain that ends a keyword of its own (0: none), for matchAll. */
  #dict: Int32Array = new Int32Array(1);
  #lengths: number[] = [];
  /** Per keyword index: a Latin keyword that must stand as a whole word. */
  #isWholeWordAt: boolean[] = [];
  readonly #alphabet = new Uint8Array(65536);
  /** The root's edges as a dense table (0: none): most steps start from the root. */
  readonly #root = new Int32Array(65536);

  /** Latin keywords that must stand as whole words; empty unless asked for. */
  readonly #wholeWords = new Set<string>();

  constructor(keywords: Iterable<string>, options: KeywordMatcherOptions = {}) {
    for (const keyword of keywords) {
      const index = this.#lengths.length;
      this.#lengths.push(keyword.length);
      const isWhole = options.isLatinWholeWord === true && isLatinKeyword(keyword);
      this.#isWholeWordAt.push(isWhole);
      if (isWhole) this.#wholeWords.add(keyword);
      if (keyword.length === 0) continue;
      let state = 0;
      for (let i = 0; i < keyword.length; i++) {
        const c = keyword.charCodeAt(i);
        this.#alphabet[c] = 1;
        const edges = this.#next[state] as Map<number, number>;
        let to = edges.get(c);
        if (to === undefined) {
          to = this.#next.length;
          this.#next.push(new Map());
          this.#out.push(undefined);
          this.#own.push(-1);
          edges.set(c, to);
        }
        state = to;
      }
      this.#out[state] = keyword;
      if (this.#own[state] === -1) this.#own[state] = index;
    }
    this.#buildFailureLinks();
    for (const [c, to] of this.#next[0] as Map<number, number>) this.#root[c] = to;
  }

  #buildFailureLinks(): void {
    const fail = new Int32Array(this.#next.length);
    const dict = new Int32Array(this.#next.length);
    const queue: number[] = [];
    for (const to of (this.#next[0] as Map<number, number>).values()) queue.push(to);
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head] as number;
      for (const [c, to] of this.#next[state] as Map<number, number>) {
        let f = fail[state] as number;
        while (f !== 0 && !(this.#next[f] as Map<number, number>).has(c)) f = fail[f] as number;
        const target = (this.#next[f] as Map<number, number>).get(c);
        fail[to] = target !== undefined && target !== to ? target : 0;
        // A state with no keyword of its own reports the longest one its suffix ends.
        this.#out[to] ??= this.#out[fail[to] as number];
        const f2 = fail[to] as number;
        dict[to] = this.#own[f2] !== -1 ? f2 : (dict[f2] as number);
        queue.push(to);
      }
    }
    this.#fail = fail;
    this.#dict = dict;
  }

  /** Leftmost-longest, non-overlapping keyword occurrences in `text`. */
  match(text: string): KeywordMatch[] {
    const found: KeywordMatch[] = [];
    const next = this.#next;
    const fail = this.#fail;
    const alphabet = this.#alphabet;
    const root = this.#root;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (alphabet[c] === 0) {
        state = 0;
        continue;
      }
      state = step(next, root, fail, state, c);
      const keyword = this.#out[state];
      if (keyword === undefined) continue;
      const end = i + 1;
      const begin = end - keyword.length;
      // Keep the earliest start; at the same start the longer match replaces the shorter.
      for (;;) {
        const last = found[found.length - 1];
        if (!last || last.end <= begin) {
          found.push({ begin, end, keyword });
          break;
        }
        if (begin > last.begin) break;
        found.pop();
      }
    }
    if (this.#wholeWords.size === 0) return found;
    return found.filter((m) => !this.#wholeWords.has(m.keyword) || isWholeWord(text, m.begin, m.end));
  }

  /**
   * Every occurrence of every keyword, overlapping ones included, ordered by end offset. Used
   * where keywords of many rules share one automaton and each rule must see its own.
   */
  matchAll(text: string): KeywordOccurrence[] {
    const found: KeywordOccurrence[] = [];
    const next = this.#next;
    const fail = this.#fail;
    const alphabet = this.#alphabet;
    const root = this.#root;
    const own = this.#own;
    const dict = this.#dict;
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (alphabet[c] === 0) {
        state = 0;
        continue;
      }
      state = step(next, root, fail, state, c);
      for (let s = own[state] === -1 ? (dict[state] as number) : state; s !== 0; s = dict[s] as number) {
        const index = own[s] as number;
        const begin = i + 1 - (this.#lengths[index] as number);
        if (this.#isWholeWordAt[index] === true && !isWholeWord(text, begin, i + 1)) continue;
        found.push({ index, begin, end: i + 1 });
      }
    }
    return found;
  }
}

/** One automaton step from `state` on character `c`, following failure links. */
function step(
  next: readonly Map<number, number>[],
  root: Int32Array,
  fail: Int32Array,
  state: number,
  c: number,
): number {
  let s = state;
  for (;;) {
    if (s === 0) return root[c] as number;
    const to = (next[s] as Map<number, number>).get(c);
    if (to !== undefined) return to;
    s = fail[s] as number;
  }
}

/** Whether text[begin, end) stands as a whole word: no ASCII letter, digit or apostrophe touches it. */
export function isWholeWord(text: string, begin: number, end: number): boolean {
  return (
    !(begin > 0 && isAsciiWordChar(text.charCodeAt(begin - 1))) &&
    !(end < text.length && isAsciiWordChar(text.charCodeAt(end)))
  );
}
