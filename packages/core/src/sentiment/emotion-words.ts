import data from '../../data/sentiment/zh-emotion-words.json' with { type: 'json' };
import { KeywordMatcher } from '../text/keyword-matcher.ts';

/** Words grouped by the emotion they carry and a strength (1 or 2): the shape of zh-emotion-words.json. */
export type EmotionWordsData = { words: Record<string, Record<string, string>> };

/** A compiled word list: one automaton, and for each word the cue it gives a trained model. */
export type EmotionWords = {
  matcher: KeywordMatcher;
  cues: Map<string, { feature: string; strength: number }>;
};

export function compileEmotionWords(source: EmotionWordsData): EmotionWords {
  const cues = new Map<string, { feature: string; strength: number }>();
  for (const [emotion, byStrength] of Object.entries(source.words)) {
    for (const [strength, words] of Object.entries(byStrength)) {
      for (const word of words.split(' ')) {
        if (word && !cues.has(word))
          cues.set(word, { feature: `words:${emotion}`, strength: Number(strength) });
      }
    }
  }
  return { matcher: new KeywordMatcher(cues.keys(), { isLatinWholeWord: true }), cues };
}

let defaultWords: EmotionWords | undefined;

/** The Chinese emotion words shipped with Serviq (derived from the DUTIR ontology, research use). */
export function getDefaultEmotionWords(): EmotionWords {
  defaultWords ??= compileEmotionWords(data as EmotionWordsData);
  return defaultWords;
}
