import { type EmojiMatch, type EmojiTable, extractEmoji } from '../emoji/index.ts';
import { countScripts, type Language, languageOf, nonLanguageSpans } from './detect-language.ts';
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

/**
 * Computed once per message and shared by every metric, rule and scorer. Tokens are segmented
 * on first use and then kept: segmentation is the costliest feature and only some rules read it.
 */
export class TextFeatures {
  readonly normalized: string;
  readonly language: Language;
  /** Han characters, for the conversation's language vote. */
  readonly hanChars: number;
  readonly latinChars: number;
  readonly emoji: EmojiMatch[];
  readonly pii: PiiSpan[];
  #tokens: string[] | undefined;
  readonly #segment: Segmenter | undefined;

  constructor(text: string, options: TextFeatureOptions) {
    this.normalized = normalizeText(text);
    this.emoji = extractEmoji(text, options.emojiTable);
    const counts = countScripts(this.normalized, nonLanguageSpans(text, this.emoji));
    this.language = languageOf(counts);
    this.hanChars = counts.han;
    this.latinChars = counts.latin;
    this.pii = findPii(text, options.piiKinds ? { kinds: options.piiKinds } : undefined);
    this.#segment = options.segment;
  }

  get tokens(): string[] {
    let tokens = this.#tokens;
    if (tokens === undefined) {
      if (this.hanChars === 0) tokens = tokenizeEnglish(this.normalized);
      else if (this.#segment) tokens = this.#segment(this.normalized).filter(isWordToken);
      else tokens = characterTokens(this.normalized);
      this.#tokens = tokens;
    }
    return tokens;
  }
}

export function computeTextFeatures(text: string, options: TextFeatureOptions = {}): TextFeatures {
  return new TextFeatures(text, options);
}
