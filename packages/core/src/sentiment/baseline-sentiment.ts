import lexicon from '../../data/sentiment/baseline-lexicon.json' with { type: 'json' };
import type { EmojiMatch } from '../emoji/index.ts';
import { isLatinKeyword, KeywordMatcher } from '../text/keyword-matcher.ts';

export const EMOTIONS = ['anger', 'disgust', 'fear', 'joy', 'sadness', 'surprise', 'neutral'] as const;
export type Emotion = (typeof EMOTIONS)[number];
export type SentimentLabel = 'negative' | 'neutral' | 'positive';
/**
 * Lexicon flags, all raised the same way whoever wrote the message; the caller decides which count
 * where. `abuse` (insults), `urgency` and `complaint-threat` are meant for customer messages;
 * `impatient` and `rude` describe agent conduct and are meant for agent messages.
 */
export const MESSAGE_FLAGS = ['urgency', 'complaint-threat', 'abuse', 'impatient', 'rude'] as const;
export type MessageFlag = (typeof MESSAGE_FLAGS)[number];

export type MessageSentiment = {
  polarity: number;
  label: SentimentLabel;
  emotion: Emotion;
  confidence: number;
  flags: MessageFlag[];
};

/** How a modifier changed a term, for explanations. */
export type SentimentModifier =
  | 'negated'
  | 'double-negation'
  | 'softened'
  | 'prohibitive'
  | 'degree'
  | 'after-contrast'
  | 'before-contrast'
  | 'concessive'
  | 'sarcasm';

/** One piece of evidence behind a score: a term, an emoji, or punctuation (which spans the whole message). */
export type SentimentEvidence = {
  kind: 'term' | 'emoji' | 'punctuation';
  text: string;
  begin: number;
  end: number;
  /** The entry's own weight (emoji: its polarity). */
  weight: number;
  /** What it added to the raw score after every modifier, a later contrast and sarcasm included. */
  contribution: number;
  modifiers: SentimentModifier[];
  flags: MessageFlag[];
};

export type SentimentExplanation = MessageSentiment & {
  /** The raw score before squashing: polarity = tanh(score / 3). */
  score: number;
  evidence: SentimentEvidence[];
};

type Negation = 'flip' | 'soft' | 'prohibit';

type Entry = {
  /** The term as matched (lower case). */
  term: string;
  /** Units it spans: CJK characters, or one for a Latin phrase. */
  units: number;
  weight?: number;
  negation?: Negation;
  degree?: number;
  /** Multiplies the term right before it (难吃死了, 好吃极了). */
  postDegree?: number;
  isContrast?: boolean;
  isConcessive?: boolean;
  /** A positive-looking cue that reads as a sneer where the message is otherwise negative. */
  isSarcasm?: boolean;
  emotions?: Emotion[];
  flags?: MessageFlag[];
  /** Carries sentiment (a weight or an emotion), so that it takes up a pending negator or degree. */
  isContent: boolean;
};

/** A compiled lexicon: one automaton over every term, entries carrying all their roles. */
export type SentimentLexicon = {
  automaton: KeywordMatcher;
  entries: Map<string, Entry>;
  /** The entries in the automaton's keyword order, for its occurrence indexes. */
  byIndex: readonly Entry[];
  /** The terms that raise each flag: a flag is only ever set where one of them occurs. */
  flagTerms: Partial<Record<MessageFlag, string[]>>;
};

export type SentimentLexiconData = {
  polarity: Record<string, number>;
  /** Compounds that contain a cue but are not one (工商银行, 不急): matched, and then ignored. */
  neutral?: string[];
  /** Full negators: 不好 is bad, "not good" is bad, 不差 is mildly good. */
  negators: string[];
  /** Softening negators: 不太好 and "not very good" are milder than 不好. */
  softeners?: string[];
  /** Prohibitives (别, 不要): 别骗人 is still about cheating, so they keep a bad term bad, only milder. */
  prohibitives?: string[];
  degree: Record<string, number>;
  /** Degree words that follow the term they scale: 难吃死了, 好吃极了. */
  postDegree?: Record<string, number>;
  contrast: string[];
  /** 虽然 / although: the rest of their clause counts for less. */
  concessive?: string[];
  /** Terms listed in `polarity` with a positive weight that flip where the message is otherwise negative. */
  sarcasm?: string[];
  emotions: Partial<Record<Emotion, string[]>>;
  flags: Partial<Record<MessageFlag, string[]>>;
};

// Negators and degree words reach the next sentiment term across this many CJK characters or Latin words.
const MODIFIER_REACH = 2;

export function compileSentimentLexicon(data: SentimentLexiconData): SentimentLexicon {
  const entries = new Map<string, Entry>();
  const entry = (term: string): Entry => {
    const key = term.toLowerCase();
    let e = entries.get(key);
    if (!e) {
      e = { term: key, units: isLatinKeyword(key) ? 1 : key.length, isContent: false };
      entries.set(key, e);
    }
    return e;
  };
  for (const [t, w] of Object.entries(data.polarity)) entry(t).weight = w;
  for (const t of data.neutral ?? []) entry(t);
  for (const t of data.negators) entry(t).negation = 'flip';
  for (const t of data.softeners ?? []) entry(t).negation = 'soft';
  for (const t of data.prohibitives ?? []) entry(t).negation = 'prohibit';
  for (const [t, d] of Object.entries(data.degree)) entry(t).degree = d;
  for (const [t, d] of Object.entries(data.postDegree ?? {})) entry(t).postDegree = d;
  for (const t of data.contrast) entry(t).isContrast = true;
  for (const t of data.concessive ?? []) entry(t).isConcessive = true;
  for (const t of data.sarcasm ?? []) entry(t).isSarcasm = true;
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
  for (const e of entries.values()) e.isContent = e.weight !== undefined || e.emotions !== undefined;
  return {
    automaton: new KeywordMatcher(entries.keys(), { isLatinWholeWord: true }),
    entries,
    byIndex: [...entries.values()],
    flagTerms: data.flags,
  };
}

let defaultLexicon: SentimentLexicon | undefined;
export function getDefaultSentimentLexicon(): SentimentLexicon {
  defaultLexicon ??= compileSentimentLexicon(lexicon as SentimentLexiconData);
  return defaultLexicon;
}

const EMOJI_WEIGHT = 1.2;
// Negated positives turn nearly fully negative; negated negatives only mildly positive (不差 ≠ 好).
const NEGATED_POSITIVE = -0.9;
const NEGATED_NEGATIVE = -0.4;
const SOFTENED_POSITIVE = -0.5;
const SOFTENED_NEGATIVE = -0.3;
const DOUBLE_NEGATION = 0.6;
const PROHIBITED_NEGATIVE = 0.5;
const MAX_DEGREE = 2.5;
// Before 但是 / but a message counts half; after it, a little more.
const BEFORE_CONTRAST = 0.5;
const AFTER_CONTRAST = 1.2;
const CONCESSIVE = 0.5;
const QUESTION_RUN = -0.7;
const EMOTION_TERM_MIN = 1.2;
const ZH_ELLIPSIS = -0.4;

const EMOTION_INDEX: Record<Emotion, number> = {
  anger: 0,
  disgust: 1,
  fear: 2,
  joy: 3,
  sadness: 4,
  surprise: 5,
  neutral: 6,
};
const ANGER = 0;
const JOY = 3;
const SADNESS = 4;
const SURPRISE = 5;

// Per-call state, reused: the scorer is synchronous and runs once per message.
const emotionScores = new Float64Array(EMOTIONS.length);
/** Per text position: 1 + the automaton index of the longest term starting there, or 0. */
let longestAt = new Int32Array(1024);
const NO_BOUNDARY = 0;
const CLAUSE_END = 1;
const SENTENCE_END = 2;
let bangs = 0;
let questionRuns = 0;
let interrobangs = 0;
let zhEllipses = 0;
let lastScore = 0;

function isCjk(c: number): boolean {
  return c >= 0x3400 && c <= 0x9fff;
}

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 39 || c === 0x2019;
}

/** The boundary a character ends, counting the punctuation runs that set the message's intensity. */
function boundaryAt(text: string, i: number, c: number): number {
  const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
  const prev = i > 0 ? text.charCodeAt(i - 1) : 0;
  switch (c) {
    case 33: // ! (！ is folded to it)
      bangs++;
      if (next === 63) interrobangs++;
      return SENTENCE_END;
    case 63: // ?
      if (next === 63 && prev !== 63) questionRuns++;
      if (next === 33) interrobangs++;
      return SENTENCE_END;
    case 0x3002: // 。。。 is a sigh; one 。 ends a sentence
    case 0x2026: // …… likewise (a single … in English is only a pause)
      if (next === c && prev !== c) zhEllipses++;
      return SENTENCE_END;
    case 46: // .
    case 10:
    case 13:
      return SENTENCE_END;
    case 44: // , (，)
    case 59: // ;
    case 0x3001: // 、
      return CLAUSE_END;
    default:
      return NO_BOUNDARY;
  }
}

/** Fills longestAt with the leftmost-longest term at each start, from every (overlapping) occurrence. */
function markLongest(text: string, lex: SentimentLexicon): void {
  if (longestAt.length < text.length) longestAt = new Int32Array(Math.max(text.length, longestAt.length * 2));
  for (const o of lex.automaton.matchAll(text)) {
    const cur = longestAt[o.begin] as number;
    if (cur === 0 || (lex.byIndex[cur - 1] as Entry).term.length < o.end - o.begin)
      longestAt[o.begin] = o.index + 1;
  }
}

/** The content entry that starts right after `end` (one space apart for Latin words), if any. */
function contentAfter(text: string, end: number, lex: SentimentLexicon): boolean {
  let at = end;
  if (text.charCodeAt(at) === 32 && isWordChar(text.charCodeAt(at - 1))) at++;
  const k = at < text.length ? (longestAt[at] as number) : 0;
  return k !== 0 && (lex.byIndex[k - 1] as Entry).isContent;
}

/**
 * Explainable lexicon scorer. One automaton pass finds every term; one walk over the text takes the
 * leftmost-longest terms in order and reads the text between them for boundaries and punctuation.
 * Negators (flip, soften, prohibit; double negation) and degree words reach the next term within a
 * few characters but not across ，。！？ or a line break; contrast (但是 / but) shifts weight to what
 * follows; sarcastic cues flip in a negative message; !!!, ??? and 。。。 set intensity; emoji add
 * their polarity. `normalized` is normalizeText's output.
 */
export function scoreSentiment(
  normalized: string,
  emoji: readonly EmojiMatch[],
  lex: SentimentLexicon = getDefaultSentimentLexicon(),
): MessageSentiment {
  return run(normalized, emoji, lex, undefined);
}

/** scoreSentiment with the evidence behind it: every term, emoji and punctuation run that counted. */
export function explainSentiment(
  normalized: string,
  emoji: readonly EmojiMatch[],
  lex: SentimentLexicon = getDefaultSentimentLexicon(),
): SentimentExplanation {
  const evidence: SentimentEvidence[] = [];
  const result = run(normalized, emoji, lex, evidence);
  return { ...result, score: lastScore, evidence };
}

function run(
  text: string,
  emoji: readonly EmojiMatch[],
  lex: SentimentLexicon,
  trace: SentimentEvidence[] | undefined,
): MessageSentiment {
  markLongest(text, lex);
  emotionScores.fill(0);
  bangs = 0;
  questionRuns = 0;
  interrobangs = 0;
  zhEllipses = 0;
  let score = 0;
  let evidence = 0;
  let flags: MessageFlag[] | undefined;
  let hasNegative = false;
  let sarcasm = 0;
  // Pending modifiers: units passed since each, -1 when none is pending.
  let negation: Negation = 'flip';
  let negations = 0;
  let negUnits = -1;
  let degree = 1;
  let degreeUnits = -1;
  let clauseFactor = 1;
  let contrastFactor = 1;
  let lastContribution = 0;
  let lastTermEnd = -1;
  let emojiAt = 0;
  // What lies between the previous term and this one.
  let gapUnits = 0;
  let gapBoundary = NO_BOUNDARY;
  let isInWord = false;
  const n = text.length;
  for (let i = 0; i < n; ) {
    const k = longestAt[i] as number;
    if (k === 0) {
      const c = text.charCodeAt(i);
      if (isCjk(c)) {
        gapUnits++;
        isInWord = false;
      } else if (isWordChar(c)) {
        if (!isInWord) gapUnits++;
        isInWord = true;
      } else {
        isInWord = false;
        const b = boundaryAt(text, i, c);
        if (b > gapBoundary) gapBoundary = b;
      }
      i++;
      continue;
    }
    const e = lex.byIndex[k - 1] as Entry;
    const begin = i;
    const end = i + e.term.length;
    i = end;
    isInWord = false;
    // A term inside an emoji code ([难过], [委屈]) is the emoji's, counted once below.
    while (emojiAt < emoji.length && (emoji[emojiAt] as EmojiMatch).end <= begin) emojiAt++;
    const em = emoji[emojiAt];
    if (em && em.start <= begin && end <= em.end) continue;
    const isAdjacent = gapBoundary === NO_BOUNDARY && begin - lastTermEnd <= 1;
    if (gapBoundary !== NO_BOUNDARY) {
      negUnits = -1;
      degreeUnits = -1;
      clauseFactor = 1;
      if (gapBoundary === SENTENCE_END) contrastFactor = 1;
    } else {
      if (negUnits >= 0) negUnits += gapUnits;
      if (degreeUnits >= 0) degreeUnits += gapUnits;
    }
    gapUnits = 0;
    gapBoundary = NO_BOUNDARY;
    if (negUnits > MODIFIER_REACH) negUnits = -1;
    if (degreeUnits > MODIFIER_REACH) degreeUnits = -1;

    if (e.isContrast) {
      score *= BEFORE_CONTRAST;
      sarcasm *= BEFORE_CONTRAST;
      for (let j = 0; j < emotionScores.length; j++)
        emotionScores[j] = (emotionScores[j] as number) * BEFORE_CONTRAST;
      if (trace) for (const t of trace) if (t.kind === 'term') markContrast(t);
      contrastFactor = AFTER_CONTRAST;
      clauseFactor = 1;
    }
    if (e.isConcessive) clauseFactor = CONCESSIVE;
    if (e.postDegree !== undefined && lastTermEnd >= 0 && isAdjacent) {
      const extra = lastContribution * (e.postDegree - 1);
      score += extra;
      lastContribution += extra;
      if (trace) extendLast(trace, text, end, extra);
      continue;
    }
    if (e.negation !== undefined) {
      negations = negUnits >= 0 ? negations + 1 : 1;
      negation = e.negation;
      negUnits = 0;
    }
    // 好 and "pretty" are degrees right before a term (好慢, pretty good) and terms elsewhere (味道好).
    if (e.degree !== undefined && (!e.isContent || contentAfter(text, end, lex))) {
      degree = degreeUnits >= 0 ? Math.min(MAX_DEGREE, degree * e.degree) : e.degree;
      degreeUnits = 0;
      continue;
    }
    if (e.negation !== undefined) continue;
    const isNegated = negUnits >= 0;
    // "不算投诉", "won't complain": a negated cue withdraws the flag rather than raising it.
    if (e.flags && !isNegated) {
      flags ??= [];
      for (const f of e.flags) if (!flags.includes(f)) flags.push(f);
    }
    if (!e.isContent) {
      // Neutral compounds and flag-only cues are words the modifiers reach across.
      if (negUnits >= 0) negUnits += e.units;
      if (degreeUnits >= 0) degreeUnits += e.units;
      continue;
    }
    const amp = degreeUnits >= 0 ? degree : 1;
    const factor = amp * clauseFactor * contrastFactor;
    if (e.weight !== undefined) {
      const w = e.weight;
      let c = w * factor;
      let modifier: SentimentModifier | undefined;
      if (isNegated) {
        if (negations % 2 === 0) {
          c *= DOUBLE_NEGATION;
          modifier = 'double-negation';
        } else if (negation === 'soft') {
          c *= w > 0 ? SOFTENED_POSITIVE : SOFTENED_NEGATIVE;
          modifier = 'softened';
        } else if (negation === 'prohibit') {
          c *= w > 0 ? NEGATED_POSITIVE : PROHIBITED_NEGATIVE;
          modifier = 'prohibitive';
        } else {
          c *= w > 0 ? NEGATED_POSITIVE : NEGATED_NEGATIVE;
          modifier = 'negated';
        }
      }
      if (e.isSarcasm && c > 0) sarcasm += c;
      else if (c < 0) hasNegative = true;
      score += c;
      evidence++;
      lastContribution = c;
      lastTermEnd = end;
      if (trace) {
        const modifiers: SentimentModifier[] = [];
        if (modifier) modifiers.push(modifier);
        if (amp !== 1) modifiers.push('degree');
        if (clauseFactor !== 1) modifiers.push('concessive');
        if (contrastFactor !== 1) modifiers.push('after-contrast');
        if (e.isSarcasm && c > 0) modifiers.push('sarcasm');
        const fl = isNegated ? [] : (e.flags ?? []);
        trace.push({
          kind: 'term',
          text: text.slice(begin, end),
          begin,
          end,
          weight: w,
          contribution: c,
          modifiers,
          flags: fl,
        });
      }
    }
    if (e.emotions && !isNegated) {
      // An emotion word counts at least moderately even where its polarity is mild (居然, 担心).
      const strength = Math.max(Math.abs(e.weight ?? 0), EMOTION_TERM_MIN) * factor;
      for (const name of e.emotions) {
        const j = EMOTION_INDEX[name];
        emotionScores[j] = (emotionScores[j] as number) + strength;
      }
    }
    negUnits = -1;
    degreeUnits = -1;
  }
  longestAt.fill(0, 0, n);

  for (const em of emoji) {
    const c = em.polarity * EMOJI_WEIGHT;
    score += c;
    if (c < 0) hasNegative = true;
    if (em.polarity !== 0) evidence++;
    const emotion = emojiEmotion(em.category);
    if (emotion !== undefined)
      emotionScores[emotion] = (emotionScores[emotion] as number) + Math.abs(em.polarity) + 0.5;
    if (trace && c !== 0) trace.push(punctuationOrEmoji('emoji', em.text, em.start, em.end, em.polarity, c));
  }
  // "谢谢你们啊，等了三天还没到", "谢谢你们啊。。。": thanks in a complaint is a sneer; its weight turns negative.
  if (sarcasm > 0 && (hasNegative || questionRuns > 0 || zhEllipses > 0)) {
    score -= 2 * sarcasm;
    emotionScores[ANGER] = (emotionScores[ANGER] as number) + sarcasm;
    if (trace) for (const t of trace) if (t.modifiers.includes('sarcasm')) t.contribution = -t.contribution;
  } else if (trace) {
    for (const t of trace)
      if (t.modifiers.includes('sarcasm')) t.modifiers.splice(t.modifiers.indexOf('sarcasm'), 1);
  }
  score = punctuate(score, text, trace);

  lastScore = score;
  const polarity = Math.round(Math.tanh(score / 3) * 1000) / 1000;
  const label: SentimentLabel = polarity <= -0.2 ? 'negative' : polarity >= 0.2 ? 'positive' : 'neutral';
  return {
    polarity,
    label,
    emotion: pickEmotion(label),
    confidence:
      evidence === 0 ? 0.5 : Math.round(Math.min(0.95, 0.55 + Math.abs(polarity) * 0.4) * 100) / 100,
    flags: flags ?? [],
  };
}

/** A post-degree word (死了, 极了) joins the term it scales. */
function extendLast(trace: SentimentEvidence[], text: string, end: number, extra: number): void {
  const t = trace[trace.length - 1];
  if (!t) return;
  t.contribution += extra;
  t.end = end;
  t.text = text.slice(t.begin, end);
  if (!t.modifiers.includes('degree')) t.modifiers.push('degree');
}

/** !!! intensifies whatever the message says; ??? and 。。。 read as exasperation; ?! as surprise. */
function punctuate(score: number, text: string, trace: SentimentEvidence[] | undefined): number {
  let s = score;
  if (bangs >= 2 && s !== 0) {
    const before = s;
    s *= 1 + Math.min(bangs, 5) * 0.1;
    const i = s < 0 ? ANGER : JOY;
    emotionScores[i] = (emotionScores[i] as number) + bangs * 0.3;
    if (trace)
      trace.push(punctuationOrEmoji('punctuation', '!'.repeat(bangs), 0, text.length, 0, s - before));
  }
  if (questionRuns > 0) {
    s += QUESTION_RUN;
    emotionScores[ANGER] = (emotionScores[ANGER] as number) + 1;
    if (trace)
      trace.push(punctuationOrEmoji('punctuation', '??', 0, text.length, QUESTION_RUN, QUESTION_RUN));
  }
  if (zhEllipses > 0) {
    s += ZH_ELLIPSIS;
    emotionScores[SADNESS] = (emotionScores[SADNESS] as number) + 0.5;
    if (trace)
      trace.push(punctuationOrEmoji('punctuation', '。。。', 0, text.length, ZH_ELLIPSIS, ZH_ELLIPSIS));
  }
  if (interrobangs > 0) emotionScores[SURPRISE] = (emotionScores[SURPRISE] as number) + 1.5;
  return s;
}

function punctuationOrEmoji(
  kind: 'emoji' | 'punctuation',
  text: string,
  begin: number,
  end: number,
  weight: number,
  contribution: number,
): SentimentEvidence {
  return { kind, text, begin, end, weight, contribution, modifiers: [], flags: [] };
}

function markContrast(t: SentimentEvidence): void {
  t.contribution *= BEFORE_CONTRAST;
  if (!t.modifiers.includes('before-contrast')) t.modifiers.push('before-contrast');
}

function emojiEmotion(category: EmojiMatch['category']): number | undefined {
  switch (category) {
    case 'angry':
      return ANGER;
    case 'sad':
      return SADNESS;
    case 'surprise':
      return SURPRISE;
    case 'laugh':
    case 'smile':
    case 'love':
      return JOY;
    default:
      return undefined;
  }
}

const NEUTRAL_EMOTION_MIN = 2;
const EMOTION_MIN = 0.9;

function pickEmotion(label: SentimentLabel): Emotion {
  let best: Emotion = 'neutral';
  let bestScore = EMOTION_MIN;
  for (let i = 0; i < 6; i++) {
    const em = EMOTIONS[i] as Emotion;
    const s = emotionScores[i] as number;
    // An emotion must agree with the polarity: "thanks" in an angry message is not joy.
    if (label === 'negative' && i === JOY) continue;
    if (label === 'positive' && i !== JOY && i !== SURPRISE) continue;
    // A neutral message names an emotion only on strong cues; surprise is often neutral in tone.
    if (label === 'neutral' && i !== SURPRISE && s < NEUTRAL_EMOTION_MIN) continue;
    if (s > bestScore) {
      best = em;
      bestScore = s;
    }
  }
  if (best === 'neutral' && label === 'negative' && (emotionScores[ANGER] as number) > 0) return 'anger';
  return best;
}
