import type { Evidence, RuleHit, Severity } from '../analysis/analysis-result.ts';
import type { ConversationMetrics } from '../metrics/index.ts';
import type { Message } from '../model/conversation.ts';
import type { MessageSentiment } from '../sentiment/baseline-sentiment.ts';
import { KeywordMatcher } from '../text/keyword-matcher.ts';
import type { TextFeatures } from '../text/text-features.ts';

export type ScoredMessage = { message: Message; features: TextFeatures; sentiment?: MessageSentiment };

export type ScoringInput = { messages: readonly ScoredMessage[]; metrics: ConversationMetrics };

type RuleOutcome = { evidence: Evidence[]; messages: number[] } | 'not-applicable' | undefined;

type BuiltinRule = {
  id: string;
  name: string;
  category: string;
  severity: Severity;
  points: number;
  isFatal?: true;
  evaluate: (input: ScoringInput) => RuleOutcome;
};

export type Scorecard = { id: string; version: string; passScore: number; rules: readonly BuiltinRule[] };

export type ScoreResult = {
  score: number;
  maxScore: number;
  passed: boolean;
  fatal: boolean;
  hits: RuleHit[];
  notApplicable: string[];
};

const GREETINGS = [
  '您好',
  '你好',
  '亲',
  '欢迎',
  '在的',
  '很高兴为您服务',
  'hello',
  'hi',
  'hey',
  'good morning',
  'good afternoon',
  'good evening',
  'welcome',
  'thanks for contacting',
  'thank you for contacting',
];
const FORBIDDEN = [
  '不归我管',
  '不关我的事',
  '不是我负责',
  '你懂不懂',
  '听不懂吗',
  '爱买不买',
  '你自己看',
  '自己看吧',
  '你烦不烦',
  '我也没办法',
  '这不是我们的问题',
  '找别人去',
  '说了多少遍',
  '你到底想怎样',
  '随便你',
  '有本事你去投诉',
  '你去投诉吧',
  "that's not my problem",
  'not my problem',
  'not my job',
  'shut up',
  'deal with it',
  'i already told you',
  'calm down',
  "it's your fault",
  'your fault',
  'go complain',
];

const greetingAc = new KeywordMatcher(GREETINGS, { isLatinWholeWord: true });
const forbiddenAc = new KeywordMatcher(FORBIDDEN, { isLatinWholeWord: true });

function evidenceOf(index: number, text: string, start: number, end: number): Evidence {
  return { message: index, start, end, text: text.slice(start, end) };
}

const GREETING_WINDOW = 30;

const greeting: BuiltinRule = {
  id: 'greeting',
  name: '首句问候',
  category: '服务规范',
  severity: 'minor',
  points: -5,
  evaluate({ messages }) {
    const i = messages.findIndex((m) => m.message.role === 'agent');
    const first = messages[i];
    if (!first) return 'not-applicable';
    const head = first.features.normalized.slice(0, GREETING_WINDOW);
    if (greetingAc.match(head).length > 0) return undefined;
    const text = first.message.text;
    return { messages: [i], evidence: [evidenceOf(i, text, 0, Math.min(text.length, GREETING_WINDOW))] };
  },
};

const forbiddenWords: BuiltinRule = {
  id: 'forbidden-words',
  name: '服务禁语',
  category: '服务规范',
  severity: 'critical',
  points: 0,
  isFatal: true,
  evaluate({ messages }) {
    const evidence: Evidence[] = [];
    const indexes: number[] = [];
    messages.forEach((m, i) => {
      if (m.message.role !== 'agent') return;
      const spans = forbiddenAc.match(m.features.normalized);
      if (spans.length === 0) return;
      indexes.push(i);
      for (const s of spans) evidence.push(evidenceOf(i, m.message.text, s.begin, s.end));
    });
    return evidence.length > 0 ? { messages: indexes, evidence } : undefined;
  },
};

const slowFirstResponse: BuiltinRule = {
  id: 'slow-first-response',
  name: '首次响应超时',
  category: '响应时效',
  severity: 'major',
  points: -10,
  evaluate({ messages, metrics }) {
    if (metrics.slaMet === null) return 'not-applicable';
    if (metrics.slaMet) return undefined;
    const firstCustomer = messages.findIndex((m) => m.message.role === 'customer');
    const reply = messages.findIndex((m, i) => i > firstCustomer && m.message.role === 'agent');
    const indexes = reply >= 0 ? [firstCustomer, reply] : [firstCustomer];
    const evidence = indexes.map((i) => {
      const text = messages[i]?.message.text ?? '';
      return evidenceOf(i, text, 0, Math.min(text.length, GREETING_WINDOW));
    });
    return { messages: indexes, evidence };
  },
};

const laughWhileCustomerNegative: BuiltinRule = {
  id: 'laugh-emoji-while-customer-negative',
  name: '客户负面时使用嬉笑表情',
  category: '表情规范',
  severity: 'major',
  points: -5,
  evaluate({ messages }) {
    let hasNegativeCustomer = false;
    let isCustomerNegativeNow = false;
    const evidence: Evidence[] = [];
    const indexes: number[] = [];
    messages.forEach((m, i) => {
      if (m.message.role === 'customer') {
        isCustomerNegativeNow = m.sentiment?.label === 'negative';
        hasNegativeCustomer ||= isCustomerNegativeNow;
      } else if (m.message.role === 'agent' && isCustomerNegativeNow) {
        const laughs = m.features.emoji.filter((e) => e.category === 'laugh');
        if (laughs.length === 0) return;
        indexes.push(i);
        for (const e of laughs) evidence.push(evidenceOf(i, m.message.text, e.start, e.end));
      }
    });
    if (!hasNegativeCustomer) return 'not-applicable';
    return evidence.length > 0 ? { messages: indexes, evidence } : undefined;
  },
};

/** The small fixed scorecard used until rule files land (DESIGN §6 replaces it). */
export const BUILTIN_SCORECARD: Scorecard = {
  id: 'builtin-basic',
  version: '1',
  passScore: 80,
  rules: [greeting, forbiddenWords, slowFirstResponse, laughWhileCustomerNegative],
};

export function scoreConversation(
  input: ScoringInput,
  scorecard: Scorecard = BUILTIN_SCORECARD,
): ScoreResult {
  const hits: RuleHit[] = [];
  const notApplicable: string[] = [];
  let score = 100;
  let fatal = false;
  for (const rule of scorecard.rules) {
    const outcome = rule.evaluate(input);
    if (outcome === 'not-applicable') {
      notApplicable.push(rule.id);
      continue;
    }
    if (!outcome) continue;
    const hit: RuleHit = {
      rule: rule.id,
      name: rule.name,
      category: rule.category,
      severity: rule.severity,
      points: rule.points,
      messages: outcome.messages,
      evidence: outcome.evidence,
    };
    if (rule.isFatal) {
      hit.isFatal = true;
      fatal = true;
    }
    hits.push(hit);
    score += rule.points;
  }
  score = fatal ? 0 : Math.max(0, Math.min(100, score));
  return { score, maxScore: 100, passed: !fatal && score >= scorecard.passScore, fatal, hits, notApplicable };
}
