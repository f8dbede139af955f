import { z } from 'zod';
import { CHANNELS } from '../../model/conversation.ts';
import { matchesValues } from '../applies-to.ts';
import { ComparisonSchema, compare, warnIfConstant } from '../comparison.ts';
import type { CompiledPart, ConditionKind, Outcome } from '../condition-types.ts';
import type { RuleEvaluation } from '../rule-evaluation.ts';
import { choice, oneOrMany } from './one-or-many.ts';
import { EmotionSchema, SentimentLabelSchema } from './sentiment.ts';

const HOLDS: Outcome = { holds: true, evidence: [], occurrences: 1 };
const FAILS: Outcome = { holds: false, evidence: [], occurrences: 0 };

function fact(
  key: string,
  evaluate: (ev: RuleEvaluation, window: readonly number[]) => Outcome,
): CompiledPart[] {
  return [{ fact: { key, evaluate } }];
}

/** A list fact of the conversation: any listed value matches; `null` in the list matches an absent field. */
function listFact(
  key: string,
  item: z.ZodType<string>,
  read: (ev: RuleEvaluation) => readonly string[] | string | undefined,
): ConditionKind {
  return {
    key,
    compile(value, scope) {
      const list = scope.parse(oneOrMany(item.nullable()), value);
      if (!list) return undefined;
      return fact(key, (ev) => (matchesValues(list, read(ev)) ? HOLDS : FAILS));
    },
  };
}

export const channelKind = listFact('channel', choice(CHANNELS), (ev) => ev.conversation.channel);
export const queueKind = listFact('queue', z.string(), (ev) => ev.conversation.queue);
export const tagsKind = listFact('tags', z.string(), (ev) => ev.conversation.tags);
export const industryKind = listFact('industry', z.string(), (ev) => ev.conversation.industry);
export const languageKind = listFact('language', z.string(), (ev) => ev.language);

export const csatKind: ConditionKind = {
  key: 'csat',
  compile(value, scope) {
    const c = scope.parse(ComparisonSchema, value);
    if (!c) return undefined;
    return fact('csat', (ev) => {
      const csat = ev.conversation.rating?.csat;
      if (csat === undefined)
        return { ...FAILS, unknown: 'csat is unavailable: the conversation has no rating' };
      return compare(csat, c) ? HOLDS : FAILS;
    });
  },
};

export const resolvedKind: ConditionKind = {
  key: 'resolved',
  compile(value, scope) {
    const wanted = scope.parse(z.boolean(), value);
    if (wanted === undefined) return undefined;
    return fact('resolved', (ev) => {
      const resolved = ev.conversation.resolved;
      if (resolved === undefined)
        return { ...FAILS, unknown: 'resolved is unavailable: the conversation does not say' };
      return resolved === wanted ? HOLDS : FAILS;
    });
  },
};

/** Some customer message has one of these (a conversation fact, for `when`); its messages are the evidence. */
function customerFact(key: string, test: (ev: RuleEvaluation, m: number) => boolean): CompiledPart[] {
  return fact(key, (ev) => {
    const found = ev.byRole.customer.filter((m) => test(ev, m));
    if (found.length === 0) return FAILS;
    return {
      holds: true,
      evidence: found.slice(0, 10).map((m) => ev.wholeMessage(m)),
      occurrences: found.length,
    };
  });
}

export const customerEmotionKind: ConditionKind = {
  key: 'customerEmotion',
  compile(value, scope) {
    const emotions = scope.parse(oneOrMany(EmotionSchema), value);
    if (!emotions) return undefined;
    return customerFact('customerEmotion', (ev, m) => emotions.includes(ev.sentimentOf(m).emotion));
  },
};

export const customerSentimentKind: ConditionKind = {
  key: 'customerSentiment',
  compile(value, scope) {
    const labels = scope.parse(oneOrMany(SentimentLabelSchema), value);
    if (!labels) return undefined;
    return customerFact('customerSentiment', (ev, m) => labels.includes(ev.sentimentOf(m).label));
  },
};

/** `messages: { gte: 3 }`: how many messages the map selects. */
export const messagesKind: ConditionKind = {
  key: 'messages',
  compile(value, scope) {
    const comparison = scope.parse(ComparisonSchema, value);
    if (!comparison) return undefined;
    warnIfConstant(scope, 'messages', comparison);
    return [{ aggregate: { key: 'messages', comparison, measure: (_ev, selected) => selected.length } }];
  },
};
