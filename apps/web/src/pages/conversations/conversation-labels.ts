import type { Emotion } from '@serviq/core';
import type { Messages } from '../../i18n/locale.tsx';

// Names of the values the conversation pages show (channels are named in lib/report-metrics.ts).

export const EMOTION_NAMES: Messages<Emotion> = {
  'zh-CN': {
    anger: '愤怒',
    disgust: '厌恶',
    fear: '担忧',
    joy: '高兴',
    sadness: '难过',
    surprise: '惊讶',
    neutral: '平静',
  },
  en: {
    anger: 'Anger',
    disgust: 'Disgust',
    fear: 'Fear',
    joy: 'Joy',
    sadness: 'Sadness',
    surprise: 'Surprise',
    neutral: 'Neutral',
  },
};

/** antd Tag colours: the negative emotions warm, joy green, neutral plain. */
export const EMOTION_COLORS: Record<string, string> = {
  anger: 'red',
  disgust: 'magenta',
  fear: 'orange',
  sadness: 'blue',
  surprise: 'gold',
  joy: 'green',
  neutral: 'default',
};

export const ROLE_NAMES: Messages<'customer' | 'agent' | 'bot' | 'system'> = {
  'zh-CN': { customer: '客户', agent: '客服', bot: '机器人', system: '系统' },
  en: { customer: 'Customer', agent: 'Agent', bot: 'Bot', system: 'System' },
};

export const EMOJI_USE_NAMES: Messages<'none' | 'any' | 'negative'> = {
  'zh-CN': { none: '客服未用表情', any: '客服用了表情', negative: '客户负面时用表情' },
  en: { none: 'Agents used none', any: 'Agents used emoji', negative: 'Emoji while customer negative' },
};

export const STATUS_NAMES: Messages<'open' | 'closed'> = {
  'zh-CN': { open: '进行中', closed: '已结束' },
  en: { open: 'Open', closed: 'Closed' },
};

export const TREND_NAMES: Messages<'improved' | 'worsened' | 'flat'> = {
  'zh-CN': { improved: '好转', worsened: '恶化', flat: '持平' },
  en: { improved: 'Improved', worsened: 'Worsened', flat: 'Flat' },
};

/** A value's name from one of the tables above; an unknown value as it came. */
export const nameOf = (names: Record<string, string>, key: string | null | undefined): string =>
  key === null || key === undefined ? '—' : (names[key] ?? key);

const HAN = /\p{Script=Han}/u;

/**
 * A rule's name in the interface language, from the names its scorecards give it (a Chinese and an
 * English scorecard name the same rule twice; shipped packs write "中文 / English").
 */
export function ruleNameIn(names: readonly string[], locale: 'zh-CN' | 'en'): string {
  const isZh = locale === 'zh-CN';
  for (const name of names) {
    const [zh, en, ...more] = name.split(' / ');
    if (zh && en && more.length === 0 && HAN.test(zh) && !HAN.test(en)) return isZh ? zh : en;
  }
  return names.find((name) => HAN.test(name) === isZh) ?? names[0] ?? '';
}
