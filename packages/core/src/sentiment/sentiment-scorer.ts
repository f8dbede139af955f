import { featureScratch, featuresInto } from '../classify/hashed-features.ts';
import type { LinearClassifier } from '../classify/linear-classifier.ts';
import type { EmojiMatch } from '../emoji/index.ts';
import type { Role } from '../model/conversation.ts';
import type { Language } from '../text/detect-language.ts';
import {
  EMOTIONS,
  type Emotion,
  getDefaultSentimentLexicon,
  type MessageFlag,
  type MessageSentiment,
  type SentimentLabel,
  type SentimentLexicon,
  scoreSentiment,
} from './baseline-sentiment.ts';
import type { EmotionWords } from './emotion-words.ts';
import { sentimentCues } from './sentiment-features.ts';

/** Trained models of one language; either may be absent, and the lexicon answers for it. */
export type LanguageModels = { sentiment?: LinearClassifier; emotion?: LinearClassifier };

export type SentimentModels = {
  zh?: LanguageModels;
  en?: LanguageModels;
  /** The Chinese emotion words the zh models were trained with as cues. */
  emotionWords?: EmotionWords;
};

// What each party's flags are about: the customer's urgency, threats and insults; the agent's conduct.
const CUSTOMER_FLAGS: readonly MessageFlag[] = ['urgency', 'complaint-threat', 'abuse'];
const AGENT_FLAGS: readonly MessageFlag[] = ['impatient', 'rude', 'abuse'];

/**
 * A two-class model cannot say "neutral": a message is neutral when the model is unsure and
 * the lexicon saw nothing either — most customer questions ("订单号是多少") carry no sentiment.
 */
const UNSURE_POLARITY = 0.6;
/** A Weibo-trained model calls "my order is five days late" surprise or anger at 0.3–0.4; a rule should not. */
const MIN_EMOTION_CONFIDENCE = 0.5;
const SURE_EMOTION = 0.8;
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** One language's models packed together, so a feature costs one memory read for all of them. */
type PackedModels = {
  bits: number;
  /** Classes of all models side by side: sentiment's first, then emotion's. */
  width: number;
  /** Per bucket, one signed byte per class of every model. */
  table: Int8Array;
  scales: Float32Array;
  bias: Float32Array;
  sentiment?: { labels: readonly string[]; offset: number; temperature: number };
  emotion?: { labels: readonly string[]; offset: number; temperature: number };
};

/**
 * Models store 8-bit weights with one scale per class (model-file.ts), so packing their decoded
 * weights back into bytes is exact. Models of different feature sizes are not packed together.
 */
function pack(models: LanguageModels): PackedModels | undefined {
  const parts = [models.sentiment, models.emotion].filter((m): m is LinearClassifier => m !== undefined);
  const first = parts[0];
  if (!first || parts.some((m) => m.bits !== first.bits)) return undefined;
  const bits = first.bits;
  const width = parts.reduce((n, m) => n + m.labels.length, 0);
  const table = new Int8Array((1 << bits) * width);
  const scales = new Float32Array(width);
  const bias = new Float32Array(width);
  const packed: PackedModels = { bits, width, table, scales, bias };
  let offset = 0;
  for (const model of parts) {
    const k = model.labels.length;
    for (let c = 0; c < k; c++) {
      const plane = model.weights.subarray(c << bits, (c + 1) << bits);
      let max = 0;
      for (let i = 0; i < plane.length; i++) max = Math.max(max, Math.abs(plane[i] as number));
      const scale = max === 0 ? 1 : max / 127;
      scales[offset + c] = scale;
      bias[offset + c] = model.bias[c] as number;
      for (let i = 0; i < plane.length; i++) {
        const w = plane[i] as number;
        if (w !== 0) table[i * width + offset + c] = Math.round(w / scale);
      }
    }
    const info = { labels: model.labels, offset, temperature: model.temperature };
    if (model === models.sentiment) packed.sentiment = info;
    else packed.emotion = info;
    offset += k;
  }
  return packed;
}

// Reused per message: the scorer runs on every customer message and allocates nothing of its own.
// Both grow to the widest model seen (a deployment's emotion model may have dozens of labels).
let logits = new Float64Array(16);
let probs = new Float64Array(16);

/** Softmax over one model's slice of the packed logits, into `probs` (valid until the next call). */
function softmaxSlice(offset: number, k: number, temperature: number): Float64Array {
  if (probs.length < k) probs = new Float64Array(k);
  let max = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < k; c++) max = Math.max(max, (logits[offset + c] as number) / temperature);
  let sum = 0;
  for (let c = 0; c < k; c++) {
    const e = Math.exp((logits[offset + c] as number) / temperature - max);
    probs[c] = e;
    sum += e;
  }
  for (let c = 0; c < k; c++) probs[c] = (probs[c] as number) / sum;
  return probs;
}

/**
 * The per-message scorer: the lexicon for flags and for languages without a model, the trained
 * models (fed the lexicon's cues) for polarity, label and emotion where the message's language
 * has them. One feature vector and one pass over packed weights serve both models of a language.
 */
export class SentimentScorer {
  readonly lexicon: SentimentLexicon;
  readonly #emotionWords: EmotionWords | undefined;
  readonly #packed: { zh?: PackedModels; en?: PackedModels } = {};
  readonly isEmotionGuarded: boolean;

  /**
   * `isEmotionGuarded` (default true): the model's emotion counts only when it is sure enough and
   * agrees with the lexicon, else the lexicon's (usually neutral) — rules and alerts act on
   * emotions. false takes the model's best guess, which `serviq sentiment` prints and benchmarks score.
   */
  constructor(
    options: { lexicon?: SentimentLexicon; models?: SentimentModels; isEmotionGuarded?: boolean } = {},
  ) {
    this.lexicon = options.lexicon ?? getDefaultSentimentLexicon();
    this.isEmotionGuarded = options.isEmotionGuarded ?? true;
    const models = options.models ?? {};
    this.#emotionWords = models.emotionWords;
    for (const language of ['zh', 'en'] as const) {
      const found = models[language];
      const packed = found ? pack(found) : undefined;
      if (found && !packed)
        throw new Error(`${language} models: sentiment and emotion must use the same feature bits`);
      if (packed) this.#packed[language] = packed;
    }
  }

  /** `normalized` is normalizeText's output; `role` picks which flags apply. */
  score(
    normalized: string,
    emoji: readonly EmojiMatch[],
    language: Language,
    role: Role = 'customer',
  ): MessageSentiment {
    const lexical = scoreSentiment(normalized, emoji, this.lexicon);
    const flags = role === 'agent' ? agentFlags(lexical.flags) : keepFlags(lexical.flags, CUSTOMER_FLAGS);
    // Mixed messages are Chinese with English words in them ("这个app登录不了").
    const packed = language === 'en' ? this.#packed.en : language === 'und' ? undefined : this.#packed.zh;
    if (role !== 'customer' || !packed) return { ...lexical, flags };
    const cues = sentimentCues(lexical, normalized, language === 'en' ? undefined : this.#emotionWords);
    const n = featuresInto(normalized, packed.bits, emoji, cues);
    const { indices, values } = featureScratch();
    const { table, width } = packed;
    if (logits.length < width) logits = new Float64Array(width);
    logits.fill(0, 0, width);
    for (let i = 0; i < n; i++) {
      const base = (indices[i] as number) * width;
      const v = values[i] as number;
      for (let j = 0; j < width; j++) logits[j] = (logits[j] as number) + (table[base + j] as number) * v;
    }
    for (let j = 0; j < width; j++)
      logits[j] = (logits[j] as number) * (packed.scales[j] as number) + (packed.bias[j] as number);
    let { polarity, label, confidence } = lexical;
    if (packed.sentiment) {
      const { labels, offset, temperature } = packed.sentiment;
      ({ polarity, label, confidence } = readPolarity(
        labels,
        softmaxSlice(offset, labels.length, temperature),
        lexical,
      ));
    }
    let emotion = lexical.emotion;
    if (packed.emotion) {
      const { labels, offset, temperature } = packed.emotion;
      const p = softmaxSlice(offset, labels.length, temperature);
      let best = 0;
      for (let c = 1; c < labels.length; c++) if ((p[c] as number) > (p[best] as number)) best = c;
      const name = labels[best] as Emotion;
      const sureness = p[best] as number;
      // Guarded, an emotion below near-certainty needs the lexicon to see sentiment too and must agree
      // with the polarity: anger in "No, that's all" is the model echoing Reddit, not the customer.
      const isAccepted =
        !this.isEmotionGuarded ||
        sureness >= SURE_EMOTION ||
        (sureness >= MIN_EMOTION_CONFIDENCE &&
          (name === 'neutral' ||
            (lexical.polarity !== 0 &&
              (name === 'surprise' || (name === 'joy' ? label === 'positive' : label === 'negative')))));
      if (EMOTIONS.includes(name) && isAccepted) emotion = name;
    }
    return { polarity, label, emotion, confidence, flags };
  }
}

function keepFlags(flags: readonly MessageFlag[], allowed: readonly MessageFlag[]): MessageFlag[] {
  return flags.length === 0 ? [] : flags.filter((f) => allowed.includes(f));
}

/** An insult from the agent is also rudeness: `rude` covers every rude agent message. */
function agentFlags(flags: readonly MessageFlag[]): MessageFlag[] {
  if (flags.length === 0) return [];
  const out = keepFlags(flags, AGENT_FLAGS);
  if (flags.includes('abuse') && !out.includes('rude')) out.push('rude');
  return out;
}

/** Polarity is P(positive) − P(negative); the label the most probable class (with the neutral rule above). */
function readPolarity(
  labels: readonly string[],
  p: Float64Array,
  lexical: MessageSentiment,
): { polarity: number; label: SentimentLabel; confidence: number } {
  const negative = p[labels.indexOf('negative')] ?? 0;
  const positive = p[labels.indexOf('positive')] ?? 0;
  const neutralAt = labels.indexOf('neutral');
  const polarity = round3(positive - negative);
  if (neutralAt < 0) {
    const isUnsure = Math.abs(polarity) < UNSURE_POLARITY && lexical.polarity === 0;
    if (isUnsure)
      return { polarity: round3(polarity / 2), label: 'neutral', confidence: round3(1 - Math.abs(polarity)) };
    return {
      polarity,
      label: polarity < 0 ? 'negative' : 'positive',
      confidence: round3(Math.max(negative, positive)),
    };
  }
  const neutral = p[neutralAt] as number;
  if (neutral >= negative && neutral >= positive)
    return { polarity, label: 'neutral', confidence: round3(neutral) };
  return {
    polarity,
    label: polarity < 0 ? 'negative' : 'positive',
    confidence: round3(Math.max(negative, positive)),
  };
}

let lexiconScorer: SentimentScorer | undefined;

/** The scorer without models (the default lexicon alone), made once: what analysis uses when given none. */
export function getLexiconScorer(): SentimentScorer {
  lexiconScorer ??= new SentimentScorer();
  return lexiconScorer;
}
