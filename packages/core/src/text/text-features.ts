import { type EmojiMatch, type EmojiTable, extractEmoji } from '../emoji/index.ts';
import { countScripts, type Language, languageOf } from './detect-language.ts';
import { normalizeText } from './normalize.ts';
import { findPii, type PiiKind, type PiiSpan } from './pii.ts';
import { tokenizeEnglish } from './tokenize-en.ts';

/** Splits Chinese (or mixed) text into words; injected because the segmenter is native code. */
export type Segmenter = (text: string) => string[];

export type TextFeatureOptions = {
  segment?: Segmenter;
  emojiTable?: EmojiTable;
  piiKinds?: PiiKind[];
};

/** Computed once per message and shared by every metric, rule and scorer. */
export type TextFeatures = {
  normalized: string;
  language: Language;
  /** Han characters, for the conversation's language vote. */
  hanChars: number;
  latinChars: number;
  tokens: string[];
  emoji: EmojiMatch[];
  pii: PiiSpan[];
};

function isWordToken(token: string): boolean {
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (
      (c >= 48 && c <= 57) ||
      (c >= 97 && c <= 122) ||
      (c >= 65 && c <= 90) ||
      (c >= 0x3400 && c <= 0x9fff)
    ) {
      return true;
    }
  }
  return false;
}

// Without a segmenter (in the browser) Chinese falls back to single characters.
function characterTokens(normalized: string): string[] {
  const out: string[] = [];
  for (const ch of normalized) if (isWordToken(ch)) out.push(ch);
  return out;
}

export function computeTextFeatures(text: string, options: TextFeatureOptions = {}): TextFeatures {
  const normalized = normalizeText(text);
  const counts = countScripts(normalized);
  const language = languageOf(counts);
  let tokens: string[];
  if (counts.han === 0) tokens = tokenizeEnglish(normalized);
  else if (options.segment) tokens = options.segment(normalized).filter(isWordToken);
  else tokens = characterTokens(normalized);
  return {
    normalized,
    language,
    hanChars: counts.han,
    latinChars: counts.latin,
    tokens,
    emoji: extractEmoji(text, options.emojiTable),
    pii: findPii(text, options.piiKinds ? { kinds: options.piiKinds } : undefined),
  };
}
