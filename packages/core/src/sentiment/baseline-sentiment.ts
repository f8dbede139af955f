import lexicon from '../../data/sentiment/baseline-lexicon.json' with { type: 'json' };
import type { EmojiMatch } from '../emoji/index.ts';
import { KeywordMatcher } from '../text/keyword-matcher.ts';

export const EMOTIONS = ['anger', 'disgust', 'fear', 'joy', 'sadness', 'surprise', 'neutral'] as const;
export type Emotion = (typeof EMOTIONS)[number];
export type SentimentLabel = 'negative' | 'neutral' | 'positive';
export const MESSAGE_FLAGS = ['urgency', 'complaint-threat', 'abuse'] as const;
export type MessageFlag = (typeof MESSAGE_FLAGS)[number];

export type MessageSentiment = {
  polarity: number;
  label: SentimentLabel;
  emotion: Emotion;
  confidence: number;
  flags: MessageFlag[];
};

type Entry = {
  weight?: number;
  isNegator?: boolean;
  degree?: number;
  isContrast?: boolean;
  emotions?: Emotion[];
  flags?: MessageFlag[];
};

/** A compiled lexicon: one automaton over every term, entries carrying all their roles. */
export type SentimentLexicon = {
  automaton: KeywordMatcher;
  entries: Map<string, Entry>;
  /** The terms that raise each flag: a flag is only ever set where one of them occurs. */
  flagTerms: Partial<Record<MessageFlag, string[]>>;
};

export type SentimentLexiconData = {
  polarity: Record<string, number>;
  /** Compounds that contain a cue but are not one (工商银行, 不急): matched, and then ignored. */
  neutral?: string[];
  negators: string[];
  degree: Record<string, number>;
  contrast: string[];
  emotions: Partial<Record<Emotion, string[]>>;
  flags: Partial<Record<MessageFlag, string[]>>;
};

export function compileSentimentLexicon(data: SentimentLexiconData): SentimentLexicon {
  const entries = new Map<string, Entry>();
  const entry = (term: string): Entry => {
    const key = term.toLowerCase();
    let e = entries.get(key);
    if (!e) {
      e = {};
      entries.set(key, e);
    }
    return e;
  };
  for (const [t, w] of Object.entries(data.polarity)) entry(t).weight = w;
  for (const t of data.neutral ?? []) entry(t);
  for (const t of data.negators) entry(t).isNegator = true;
  for (const [t, d] of Object.entries(data.degree)) entry(t).degree = d;
  for (const t of data.contrast) entry(t).isContrast = true;
  for (const [emotion, terms] of Object.entries(data.emotions)) {
    for (const t of terms ?? []) {
      const e = entry(t);
      e.emotions = [...(e.emotions ?? []), emotion as Emotion];
    }
  }
  for (const [flag, terms] of Object.entries(data.flags)) {
    for (const t of terms ?? []) {
      const e = entry(t);
      e.flags = [...(e.flags ?? []), flag as MessageFlag];
    }
  }
  return {
    automaton: new KeywordMatcher(entries.keys(), { isLatinWholeWord: true }),
    entries,
    flagTerms: data.flags,
  };
}

let defaultLexicon: SentimentLexicon | undefined;
export function getDefaultSentimentLexicon(): SentimentLexicon {
  defaultLexicon ??= compileSentimentLexicon(lexicon as SentimentLexiconData);
  return defaultLexicon;
}

// Modifiers reach the next sentiment term only when this close (characters between them).
const MODIFIER_REACH = 4;
const EMOJI_WEIGHT = 1.2;

function countExclamations(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 33 || c === 0xff01) n++;
  }
  return n;
}

/**
 * Explainable lexicon scorer: terms with weights, negation and degree adverbs that reach the
 * next term, contrast (但是 / but) shifting weight to what follows, exclamation intensity and
 * emoji polarity. `normalized` is the output of normalizeText.
 */
export function scoreSentiment(
  normalized: string,
  emoji: readonly EmojiMatch[],
  lex: SentimentLexicon = getDefaultSentimentLexicon(),
): MessageSentiment {
  const matches = lex.automaton.match(normalized);
  let score = 0;
  let evidence = 0;
  let flags: MessageFlag[] | undefined;
  const emotionScore: Partial<Record<Emotion, number>> = {};
  let negateUntil = -1;
  let degree = 1;
  let degreeUntil = -1;
  for (const m of matches) {
    const e = lex.entries.get(m.keyword);
    if (!e) continue;
    if (e.isContrast) {
      score *= 0.5;
      for (const k of Object.keys(emotionScore) as Emotion[]) emotionScore[k] = (emotionScore[k] ?? 0) * 0.5;
    }
    if (e.isNegator) negateUntil = m.end + MODIFIER_REACH;
    if (e.degree !== undefined) {
      degree = e.degree;
      degreeUntil = m.end + MODIFIER_REACH;
    }
    const isNegated = m.begin <= negateUntil;
    // "不算投诉" withdraws a threat rather than making one.
    if (e.flags && !isNegated) {
      flags ??= [];
      for (const f of e.flags) if (!flags.includes(f)) flags.push(f);
    }
    if (e.weight !== undefined || e.emotions) {
      const amp = m.begin <= degreeUntil ? degree : 1;
      if (e.weight !== undefined) {
        score += (isNegated ? -0.6 : 1) * e.weight * amp;
        evidence++;
      }
      if (e.emotions && !isNegated) {
        for (const em of e.emotions)
          emotionScore[em] = (emotionScore[em] ?? 0) + Math.abs(e.weight ?? 1.5) * amp;
      }
      negateUntil = -1;
      degreeUntil = -1;
    }
  }
  for (const em of emoji) {
    score += em.polarity * EMOJI_WEIGHT;
    if (em.polarity !== 0) evidence++;
    const emotion = emojiEmotion(em.category);
    if (emotion) emotionScore[emotion] = (emotionScore[emotion] ?? 0) + Math.abs(em.polarity) + 0.5;
  }
  const bangs = countExclamations(normalized);
  if (bangs >= 2 && score < 0) {
    score *= 1 + Math.min(bangs, 5) * 0.1;
    emotionScore.anger = (emotionScore.anger ?? 0) + bangs * 0.3;
  }
  const polarity = Math.round(Math.tanh(score / 3) * 1000) / 1000;
  const label: SentimentLabel = polarity <= -0.2 ? 'negative' : polarity >= 0.2 ? 'positive' : 'neutral';
  return {
    polarity,
    label,
    emotion: pickEmotion(emotionScore, label),
    confidence:
      evidence === 0 ? 0.5 : Math.round(Math.min(0.95, 0.55 + Math.abs(polarity) * 0.4) * 100) / 100,
    flags: flags ?? [],
  };
}

function emojiEmotion(category: EmojiMatch['category']): Emotion | undefined {
  switch (category) {
    case 'angry':
      return 'anger';
    case 'sad':
      return 'sadness';
    case 'surprise':
      return 'surprise';
    case 'laugh':
    case 'smile':
    case 'love':
      return 'joy';
    default:
      return undefined;
  }
}

const NEGATIVE_EMOTIONS: readonly Emotion[] = ['anger', 'disgust', 'fear', 'sadness'];
const NEUTRAL_EMOTION_MIN = 2;

function pickEmotion(scores: Partial<Record<Emotion, number>>, label: SentimentLabel): Emotion {
  let best: Emotion = 'neutral';
  let bestScore = 0.9;
  for (const em of EMOTIONS) {
    const s = scores[em] ?? 0;
    // An emotion must agree with the polarity: "thanks" in an angry message is not joy.
    if (label === 'negative' && em === 'joy') continue;
    if (label === 'positive' && NEGATIVE_EMOTIONS.includes(em)) continue;
    // A neutral message names an emotion only on strong cues; surprise is often neutral in tone.
    if (label === 'neutral' && em !== 'surprise' && s < NEUTRAL_EMOTION_MIN) continue;
    if (s > bestScore) {
      best = em;
      bestScore = s;
    }
  }
  if (best === 'neutral' && label === 'negative' && (scores.anger ?? 0) > 0) return 'anger';
  return best;
}
