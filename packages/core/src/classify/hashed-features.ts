import { type EmojiMatch, extractEmoji } from '../emoji/index.ts';
import { normalizeText } from '../text/normalize.ts';
import { stemEnglish } from '../text/tokenize-en.ts';

/** A sparse, L2-normalised feature vector: bucket indices (sorted, unique) and their values. */
export type SparseVector = { indices: Int32Array; values: Float32Array };

export const DEFAULT_FEATURE_BITS = 18;

// Feature families are hashed with different seeds, so "好" the character and "好" the word differ.
const HAN_1 = 0x1001;
const HAN_2 = 0x2002;
const HAN_3 = 0x3003;
const WORD_1 = 0x4004;
const WORD_2 = 0x5005;
const CHAR_3 = 0x6006;
const EMOJI = 0x7007;
const MARK = 0x8008;
const WORD_NEGATED = 0x9009;
const EXTRA = 0xa00a;

// English words that turn the meaning of the words after them, up to the next punctuation.
const NEGATORS = new Set([
  'not',
  'no',
  'never',
  'nothing',
  'nobody',
  'none',
  'nor',
  'without',
  'cannot',
  "don't",
  'dont',
  "doesn't",
  'doesnt',
  "didn't",
  'didnt',
  "isn't",
  'isnt',
  "aren't",
  "wasn't",
  'wasnt',
  "weren't",
  "won't",
  'wont',
  "can't",
  'cant',
  "couldn't",
  "wouldn't",
  "shouldn't",
  "haven't",
  "hasn't",
  "ain't",
]);
const NEGATION_REACH = 3;

function mix(h: number, x: number): number {
  return Math.imul(h ^ x, 0x01000193);
}

function finish(h: number): number {
  let x = h;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  return x >>> 0;
}

function isHan(c: number): boolean {
  return (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
}

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 39;
}

function hashString(seed: number, s: string): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) h = mix(h, s.charCodeAt(i));
  return h;
}

// The state of the text being featurised, at module level: closures made per call cost more
// than the hashing itself. Buckets are collected with repeats and counted after a sort, which
// touches far less memory than a count per bucket of a 2^20 table.
let keys = new Int32Array(1024);
let keyCount = 0;
let mask = 0;
// The features of the last text: unique buckets in order and their values (see featuresInto).
let scratchIndices = new Int32Array(1024);
let scratchValues = new Float32Array(1024);
const extraKeys: number[] = [];
const extraAmounts: number[] = [];
let prevWord = '';
let negatedWords = 0;
let marks = 0;
let markCode = 0;

function add(h: number): void {
  if (keyCount === keys.length) {
    const grown = new Int32Array(keys.length * 2);
    grown.set(keys);
    keys = grown;
  }
  keys[keyCount++] = finish(h) & mask;
}

function addWord(word: string): void {
  const stem = stemEnglish(word);
  add(hashString(WORD_1, stem));
  // "not good" also yields good-under-negation, which a linear model can weigh against "good".
  if (negatedWords > 0) {
    add(hashString(WORD_NEGATED, stem));
    negatedWords--;
  }
  if (NEGATORS.has(word)) negatedWords = NEGATION_REACH;
  if (prevWord) add(mix(hashString(WORD_2, prevWord), finish(hashString(WORD_1, stem))));
  // Character 3-grams of the word with a space on each side.
  let a = 32;
  let b = word.charCodeAt(0);
  for (let i = 1; i <= word.length; i++) {
    const c = i < word.length ? word.charCodeAt(i) : 32;
    add(mix(mix(mix(CHAR_3, a), b), c));
    a = b;
    b = c;
  }
  prevWord = stem;
}

function endMarks(): void {
  if (marks === 0) return;
  add(mix(mix(MARK, markCode), Math.min(marks, 3)));
  marks = 0;
}

/**
 * Hashed n-gram features of one text, the input of every trainable classifier: Chinese character
 * 1–3-grams, English words (stemmed) and word bigrams, negated words, character 3-grams inside
 * English words (spelling variants, "refundd"), emoji by their canonical key, runs of ! and ?,
 * and `extra` named features with amounts (the lexicon's cues). Counts are log-scaled and the
 * vector L2-normalised, so long and short messages weigh alike. `emoji` may pass the text's emoji
 * when they are known already.
 */
export function hashedFeatures(
  text: string,
  bits = DEFAULT_FEATURE_BITS,
  emoji: readonly EmojiMatch[] = extractEmoji(text),
  extra: readonly (readonly [string, number])[] = [],
): SparseVector {
  const n = featuresInto(text, bits, emoji, extra);
  return { indices: scratchIndices.slice(0, n), values: scratchValues.slice(0, n) };
}

/**
 * hashedFeatures without allocating: the vector is left in `featureScratch` (valid until the
 * next call) and its length returned. The per-message scorer runs this on every message.
 */
export function featuresInto(
  text: string,
  bits: number,
  emoji: readonly EmojiMatch[],
  extra: readonly (readonly [string, number])[],
): number {
  mask = (1 << bits) - 1;
  keyCount = 0;
  const normalized = normalizeText(text);
  let p1 = -1;
  let p2 = -1;
  let wordStart = -1;
  prevWord = '';
  negatedWords = 0;
  marks = 0;
  for (let i = 0; i < normalized.length; i++) {
    const c = normalized.charCodeAt(i);
    if (isWordChar(c)) {
      if (marks > 0) endMarks();
      if (wordStart < 0) wordStart = i;
      continue;
    }
    if (wordStart >= 0) {
      addWord(normalized.slice(wordStart, i));
      wordStart = -1;
    }
    if (isHan(c)) {
      if (marks > 0) endMarks();
      add(mix(HAN_1, c));
      if (p1 >= 0) add(mix(mix(HAN_2, p1), c));
      if (p2 >= 0) add(mix(mix(mix(HAN_3, p2), p1), c));
      p2 = p1;
      p1 = c;
      prevWord = '';
      continue;
    }
    p1 = -1;
    p2 = -1;
    if (c !== 32 && c !== 39) negatedWords = 0;
    if (c === 33 || c === 63) {
      if (marks > 0 && c !== markCode) endMarks();
      markCode = c;
      marks++;
      continue;
    }
    if (marks > 0) endMarks();
    if (c !== 32) prevWord = '';
  }
  if (wordStart >= 0) addWord(normalized.slice(wordStart));
  endMarks();
  for (const e of emoji) add(hashString(EMOJI, e.key));
  // A cue is one more key, and its amount beyond 1 is added once the keys are counted.
  extraKeys.length = 0;
  extraAmounts.length = 0;
  for (const [name, amount] of extra) {
    if (amount <= 0) continue;
    const h = hashString(EXTRA, name);
    add(h);
    extraKeys.push(finish(h) & mask);
    extraAmounts.push(amount - 1);
  }
  // A typed array sorts numerically without a comparator call per step.
  const sorted = keys.subarray(0, keyCount).sort();
  if (scratchIndices.length < keyCount) {
    scratchIndices = new Int32Array(keyCount * 2);
    scratchValues = new Float32Array(keyCount * 2);
  }
  let n = 0;
  for (let i = 0; i < keyCount; i++) {
    const k = sorted[i] as number;
    if (n > 0 && scratchIndices[n - 1] === k) scratchValues[n - 1] = (scratchValues[n - 1] as number) + 1;
    else {
      scratchIndices[n] = k;
      scratchValues[n++] = 1;
    }
  }
  for (let e = 0; e < extraKeys.length; e++) {
    const at = bucketAt(extraKeys[e] as number, n);
    scratchValues[at] = (scratchValues[at] as number) + (extraAmounts[e] as number);
  }
  let norm = 0;
  for (let i = 0; i < n; i++) {
    const v = Math.log1p(scratchValues[i] as number);
    scratchValues[i] = v;
    norm += v * v;
  }
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < n; i++) scratchValues[i] = (scratchValues[i] as number) / norm;
  return n;
}

/** Where a bucket sits among the first n sorted unique buckets (it is always there). */
function bucketAt(key: number, n: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((scratchIndices[mid] as number) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The vector featuresInto left: read it before the next call. */
export function featureScratch(): { indices: Int32Array; values: Float32Array } {
  return { indices: scratchIndices, values: scratchValues };
}
