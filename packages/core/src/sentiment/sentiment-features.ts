import { hashedFeatures, type SparseVector } from '../classify/hashed-features.ts';
import { extractEmoji } from '../emoji/index.ts';
import { normalizeText } from '../text/normalize.ts';
import { getDefaultSentimentLexicon, type MessageSentiment, scoreSentiment } from './baseline-sentiment.ts';
import { type EmotionWords, getDefaultEmotionWords } from './emotion-words.ts';

/** Which inputs a model was trained on: text n-grams alone, or with the lexicon's cues. */
export type FeatureKind = 'text' | 'text+cues';

/** How a model turns text into features; recorded in its file so eval and classify do the same. */
export type FeatureSpec = { bits: number; features: FeatureKind; language?: string };

/**
 * The lexicon's verdict and the emotion words of a text as named features beside its n-grams:
 * the lexicon knows negation, degree and sarcasm, and the word list knows thousands of emotion
 * words a few thousand training rows never show; the model learns how far to trust each.
 */
export function sentimentCues(
  lexicon: MessageSentiment,
  normalized: string,
  words?: EmotionWords,
): [string, number][] {
  const cues: [string, number][] = [];
  if (lexicon.polarity > 0) cues.push(['lexicon:positive', lexicon.polarity * 3]);
  if (lexicon.polarity < 0) cues.push(['lexicon:negative', -lexicon.polarity * 3]);
  if (lexicon.emotion !== 'neutral') cues.push([`lexicon:${lexicon.emotion}`, 1]);
  for (const flag of lexicon.flags) cues.push([`flag:${flag}`, 1]);
  if (words) {
    for (const m of words.matcher.match(normalized)) {
      const cue = words.cues.get(m.keyword);
      if (cue) cues.push([cue.feature, cue.strength]);
    }
  }
  return cues;
}

/**
 * The feature vector of a raw text as a model of this spec was trained on: Chinese models also
 * read the Chinese emotion words.
 */
export function textFeatureVector(text: string, spec: FeatureSpec): SparseVector {
  const normalized = normalizeText(text);
  const emoji = extractEmoji(normalized);
  if (spec.features === 'text') return hashedFeatures(normalized, spec.bits, emoji);
  const lexical = scoreSentiment(normalized, emoji, getDefaultSentimentLexicon());
  const words = spec.language === 'zh' ? getDefaultEmotionWords() : undefined;
  return hashedFeatures(normalized, spec.bits, emoji, sentimentCues(lexical, normalized, words));
}
