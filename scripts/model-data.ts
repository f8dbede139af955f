import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractEmoji, normalizeText, Prng, scoreSentiment } from '@serviq/core';
import { type LabelledText, readLabelledFile } from '@serviq/services';

/** The public data the default models are trained from (see ../shared/data/README.md). */
export const SHARED_DATA = join(import.meta.dirname, '..', '..', 'shared', 'data');

const at = (...parts: string[]) => join(SHARED_DATA, ...parts);

function csv(path: string, textCol: string, labelCol: string, map: Record<string, string>): LabelledText[] {
  const { rows } = readLabelledFile(path, { textCol, labelCol });
  return rows.flatMap((r) => (map[r.label] ? [{ text: r.text, label: map[r.label] as string }] : []));
}

function jsonArray(path: string, map: Record<string, string>): LabelledText[] {
  const rows = JSON.parse(readFileSync(path, 'utf8')) as { content: string; label: string }[];
  return rows.flatMap((r) => (map[r.label] ? [{ text: r.content, label: map[r.label] as string }] : []));
}

function lines(path: string): string[] {
  return readFileSync(path, 'utf8').replace(/\n$/, '').split('\n');
}

const BINARY = { '0': 'negative', '1': 'positive' };

/** Chinese polarity: delivery, hotel and shopping reviews and short chat utterances. */
export const zhPolarity = {
  waimai: () => csv(at('waimai_10k', 'waimai_10k.csv'), 'review', 'label', BINARY),
  hotel: () => csv(at('chnsenticorp_htl', 'ChnSentiCorp_htl_all.csv'), 'review', 'label', BINARY),
  shopping: () =>
    csv(at('online_shopping_10_cats', 'online_shopping_10_cats.csv'), 'review', 'label', BINARY),
  // Pre-segmented by jieba: the spaces are not part of the text a customer types.
  chat: () =>
    csv(at('cn_conversation_sentiment', 'sentiment_XS_30k.csv'), 'text', 'labels', {
      positive: 'positive',
      negative: 'negative',
    }).map((r) => ({ ...r, text: r.text.replace(/(?<=[^ -~]) | (?=[^ -~])/g, '') })),
};

/**
 * Neutral customer-service utterances: segments of real JD.com chats (JDDC) of 4–30 characters
 * in which the lexicon finds no sentiment, no flag and no emoji — order numbers, questions about
 * delivery, "好的". Review corpora hold no neutral text, and without these a model trained on
 * them calls every question negative or positive.
 */
export function zhNeutralChat(count: number, seed: number): LabelledText[] {
  const seen = new Set<string>();
  for (const line of lines(at('jddc_baseline', 'train.enc'))) {
    for (const segment of line.split(',')) {
      const text = segment.trim();
      if (text.length < 4 || text.length > 30 || seen.has(text)) continue;
      const normalized = normalizeText(text);
      const emoji = extractEmoji(normalized);
      if (emoji.length > 0) continue;
      const s = scoreSentiment(normalized, emoji);
      if (s.polarity === 0 && s.flags.length === 0) seen.add(text);
    }
  }
  const rows = [...seen];
  new Prng(seed).shuffle(rows);
  return rows.slice(0, count).map((text) => ({ text, label: 'neutral' }));
}

const SMP = {
  happy: 'joy',
  angry: 'anger',
  sad: 'sadness',
  fear: 'fear',
  surprise: 'surprise',
  neutral: 'neutral',
};

/** Chinese Weibo emotion (SMP2020-EWECT labels, Ekman names). */
export const zhEmotion = {
  usualEval: () => jsonArray(at('smp2020_ewect', 'usual_eval_labeled.txt'), SMP),
  virusTrain: () => jsonArray(at('smp2020_ewect', 'virus_train.txt'), SMP),
  virusEval: () => jsonArray(at('smp2020_ewect', 'virus_eval_labeled.txt'), SMP),
  clue: () =>
    lines(at('clue_emotion2020', 'valid.jsonl')).flatMap((l) => {
      const r = JSON.parse(l) as { content: string; label: string };
      const label = (
        {
          happiness: 'joy',
          like: 'joy',
          sadness: 'sadness',
          anger: 'anger',
          disgust: 'anger',
          fear: 'fear',
          surprise: 'surprise',
        } as Record<string, string>
      )[r.label];
      return label ? [{ text: r.content, label }] : [];
    }),
};

// The GoEmotions authors' Ekman grouping of their 27 emotions.
const EKMAN: Record<string, string> = {
  anger: 'anger',
  annoyance: 'anger',
  disapproval: 'anger',
  disgust: 'disgust',
  fear: 'fear',
  nervousness: 'fear',
  joy: 'joy',
  amusement: 'joy',
  approval: 'joy',
  excitement: 'joy',
  gratitude: 'joy',
  love: 'joy',
  optimism: 'joy',
  relief: 'joy',
  pride: 'joy',
  admiration: 'joy',
  desire: 'joy',
  caring: 'joy',
  sadness: 'sadness',
  disappointment: 'sadness',
  embarrassment: 'sadness',
  grief: 'sadness',
  remorse: 'sadness',
  surprise: 'surprise',
  realization: 'surprise',
  confusion: 'surprise',
  curiosity: 'surprise',
  neutral: 'neutral',
};

const POLARITY_OF_EKMAN: Record<string, string> = {
  anger: 'negative',
  disgust: 'negative',
  fear: 'negative',
  sadness: 'negative',
  joy: 'positive',
  neutral: 'neutral',
};

/** GoEmotions rows with their Ekman labels (several when the raters gave several). */
function goEmotions(split: 'train' | 'dev'): { text: string; labels: string[] }[] {
  const names = lines(at('goemotions', 'original', 'labels.txt'));
  return lines(at('goemotions', 'original', `${split}.tsv`)).map((l) => {
    const [text, ids] = l.split('\t') as [string, string];
    const labels = [...new Set(ids.split(',').map((i) => EKMAN[names[Number(i)] as string] as string))];
    return { text, labels };
  });
}

/** English Reddit emotion, Ekman-6 + neutral. Rows with several Ekman labels count once per label. */
export const enEmotion = {
  train: () => goEmotions('train').flatMap((r) => r.labels.map((label) => ({ text: r.text, label }))),
  /** Dev rows with a single Ekman label: a single-label classifier is judged where the answer is one. */
  dev: () =>
    goEmotions('dev').flatMap((r) =>
      r.labels.length === 1 ? [{ text: r.text, label: r.labels[0] as string }] : [],
    ),
};

function tweetEval(task: string, split: string, names: string[]): LabelledText[] {
  const texts = lines(at('tweeteval', task, `${split}_text.txt`));
  const labels = lines(at('tweeteval', task, `${split}_labels.txt`));
  return texts.map((text, i) => ({ text, label: names[Number(labels[i])] as string }));
}

/** English polarity: tweets, and Reddit comments whose Ekman labels agree on one polarity. */
export const enPolarity = {
  tweetsVal: () => tweetEval('sentiment', 'val', ['negative', 'neutral', 'positive']),
  tweetEmotion: () =>
    [
      ...tweetEval('emotion', 'train', ['anger', 'joy', 'optimism', 'sadness']),
      ...tweetEval('emotion', 'val', ['anger', 'joy', 'optimism', 'sadness']),
    ].map((r) => ({
      text: r.text,
      label: r.label === 'joy' || r.label === 'optimism' ? 'positive' : 'negative',
    })),
  reddit: () =>
    goEmotions('train').flatMap((r) => {
      const polarities = new Set(r.labels.map((l) => POLARITY_OF_EKMAN[l]).filter((p) => p !== undefined));
      return polarities.size === 1 ? [{ text: r.text, label: [...polarities][0] as string }] : [];
    }),
};
