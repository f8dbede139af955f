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

/** Counts per bucket for the text being featurised, and which buckets it touched: reset after each text. */
let counts = new Float32Array(1 << DEFAULT_FEATURE_BITS);
const touched: number[] = [];

/**
 * Hashed n-gram features of one text, the input of every trainable classifier: Chinese character
 * 1–3-grams, English words (stemmed) and word bigrams, character 3-grams inside English words
 * (spelling variants, "refundd"), emoji by their canonical key, and runs of ! and ?. Counts are
 * log-scaled and the vector L2-normalised, so long and short messages weigh alike. `emoji` may
 * pass the text's emoji when they are known already.
 */
export function hashedFeatures(
  text: string,
  bits = DEFAULT_FEATURE_BITS,
  emoji: readonly EmojiMatch[] = extractEmoji(text),
): SparseVector {
  const mask = (1 << bits) - 1;
  if (counts.length < 1 << bits) counts = new Float32Array(1 << bits);
  const add = (h: number) => {
    const k = finish(h) & mask;
    if (counts[k] === 0) touched.push(k);
    counts[k] = (counts[k] as number) + 1;
  };
  const normalized = normalizeText(text);
  let p1 = -1;
  let p2 = -1;
  let wordStart = -1;
  let prevWord = '';
  const endWord = (end: number) => {
    if (wordStart < 0) return;
    const word = normalized.slice(wordStart, end);
    wordStart = -1;
    const stem = stemEnglish(word);
    add(hashString(WORD_1, stem));
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
  };
  let marks = 0;
  let markCode = 0;
  const endMarks = () => {
    if (marks === 0) return;
    add(mix(mix(MARK, markCode), Math.min(marks, 3)));
    marks = 0;
  };
  for (let i = 0; i < normalized.length; i++) {
    const c = normalized.charCodeAt(i);
    if (isHan(c)) {
      endWord(i);
      endMarks();
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
    if (isWordChar(c)) {
      endMarks();
      if (wordStart < 0) wordStart = i;
      continue;
    }
    endWord(i);
    if (c === 33 || c === 63) {
      if (marks > 0 && c !== markCode) endMarks();
      markCode = c;
      marks++;
      continue;
    }
    endMarks();
    if (c !== 32) prevWord = '';
  }
  endWord(normalized.length);
  endMarks();
  for (const e of emoji) add(hashString(EMOJI, e.key));
  // A typed array sorts numerically without a comparator call per step.
  const indices = Int32Array.from(touched).sort();
  const values = new Float32Array(indices.length);
  let norm = 0;
  for (let i = 0; i < indices.length; i++) {
    const k = indices[i] as number;
    const v = Math.log1p(counts[k] as number);
    counts[k] = 0;
    values[i] = v;
    norm += v * v;
  }
  touched.length = 0;
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < values.length; i++) values[i] = (values[i] as number) / norm;
  return { indices, values };
}
