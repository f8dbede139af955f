import type { Evidence } from '../../analysis/analysis-result.ts';
import type { ConversationMetrics } from '../../metrics/index.ts';
import type { Message } from '../../model/conversation.ts';
import { COMPARISON_KEYS, type Comparison, ComparisonSchema, compare } from '../comparison.ts';
import type { ConditionKind, Outcome } from '../condition-types.ts';
import type { RuleEvaluation } from '../rule-evaluation.ts';
import { closestKey } from '../suggest.ts';

type MessageMetric = (ev: RuleEvaluation, m: number) => number | null;

const MESSAGE_METRICS: Record<string, MessageMetric> = {
  responseSec: (ev, m) => ev.responseSec(m),
  gapSec: (ev, m) =>
    m === 0 ? null : ((ev.messages[m] as Message).at - (ev.messages[m - 1] as Message).at) / 1000,
  messageChars: (ev, m) => (ev.messages[m] as Message).text.length,
  durationSec: (ev, m) => {
    const d = (ev.messages[m] as Message).durationMs;
    return d === undefined ? null : d / 1000;
  },
};

type ConversationMetric = (metrics: ConversationMetrics) => number | null | undefined;

const v = (metrics: ConversationMetrics) => metrics.voice;
const CONVERSATION_METRICS: Record<string, ConversationMetric> = {
  firstResponseSec: (x) => x.firstResponseSec,
  avgResponseSec: (x) => x.avgResponseSec,
  medianResponseSec: (x) => x.medianResponseSec,
  p90ResponseSec: (x) => x.p90ResponseSec,
  maxResponseSec: (x) => x.maxResponseSec,
  maxCustomerWaitSec: (x) => x.maxCustomerWaitSec,
  unansweredWaitSec: (x) => x.unansweredWaitSec,
  handleSec: (x) => x.handleSec,
  slaElapsedSec: (x) => x.slaElapsedSec,
  firstResponseBusinessSec: (x) => x.firstResponseBusinessSec,
  agentMessageChars: (x) => x.agentMessageChars,
  customerMessageChars: (x) => x.customerMessageChars,
  agentMessages: (x) => x.messages.agent,
  customerMessages: (x) => x.messages.customer,
  botMessages: (x) => x.messages.bot,
  messages: (x) => x.messages.agent + x.messages.customer + x.messages.bot + x.messages.system,
  transfers: (x) => x.transfers,
  agentsInvolved: (x) => x.agentsInvolved,
  botHandoffSec: (x) => x.botHandoffSec,
  silenceSec: (x) => v(x)?.silenceSec,
  longestSilenceSec: (x) => v(x)?.longestSilenceSec,
  silences: (x) => v(x)?.silences,
  overlaps: (x) => v(x)?.overlaps,
  overlapSec: (x) => v(x)?.overlapSec,
  interruptionsByAgent: (x) => v(x)?.interruptionsByAgent,
  interruptionsByCustomer: (x) => v(x)?.interruptionsByCustomer,
  speechRateAgentCpm: (x) => v(x)?.speechRateAgentCpm,
  speechRateCustomerCpm: (x) => v(x)?.speechRateCustomerCpm,
  talkRatioAgent: (x) => v(x)?.talkRatioAgent,
  agentTalkSec: (x) => v(x)?.talkSec.agent,
  customerTalkSec: (x) => v(x)?.talkSec.customer,
};

export const METRIC_NAMES = [...Object.keys(MESSAGE_METRICS), ...Object.keys(CONVERSATION_METRICS)];

/** The agent message with the longest response and the customer message it answered. */
function slowestResponse(ev: RuleEvaluation): number[] {
  let best = -1;
  let bestSec = -1;
  for (const m of ev.byRole.agent) {
    const sec = ev.responseSec(m);
    if (sec !== null && sec > bestSec) {
      best = m;
      bestSec = sec;
    }
  }
  return best < 0 ? [] : [ev.answers[best] as number, best];
}

/** Messages that show where a conversation metric comes from. */
function metricEvidence(name: string, ev: RuleEvaluation): Evidence[] {
  let messages: number[] = [];
  if (name === 'firstResponseSec' || name === 'firstResponseBusinessSec' || name === 'slaElapsedSec') {
    const first = ev.byRole.agent.find((m) => (ev.answers[m] as number) >= 0);
    if (first !== undefined) messages = [ev.answers[first] as number, first];
  } else if (name === 'maxResponseSec' || name === 'maxCustomerWaitSec') {
    messages = slowestResponse(ev);
  } else if (name === 'unansweredWaitSec') {
    const last = ev.byRole.customer.at(-1);
    if (last !== undefined) messages = [last];
  }
  return messages.map((m) => ev.wholeMessage(m));
}

function unavailable(name: string): string {
  if (name.includes('Response') || name === 'slaElapsedSec')
    return `${name} is unavailable: no agent answered the customer`;
  if (name === 'unansweredWaitSec') return `${name} is unavailable: the customer's last message was answered`;
  if (name === 'botHandoffSec') return `${name} is unavailable: no bot hand-off`;
  return `${name} is unavailable for this conversation (not voice, or nothing to measure)`;
}

/** `{ metric: firstResponseSec, gt: 60 }`: the comparison sits beside the metric's name. */
export const metricKind: ConditionKind = {
  key: 'metric',
  companions: COMPARISON_KEYS,
  compile(value, scope) {
    if (typeof value !== 'string') {
      scope.error('metric names one metric: { metric: firstResponseSec, gt: 60 }');
      return undefined;
    }
    const given: Record<string, unknown> = {};
    for (const k of COMPARISON_KEYS) if (k in scope.map) given[k] = scope.map[k];
    if (Object.keys(given).length === 0) {
      scope.error(`metric ${value} needs a comparison beside it (gt, gte, lt, lte, eq, ne, between)`);
      return undefined;
    }
    const comparison = scope.parse(ComparisonSchema, given, scope.path.slice(0, -1)) as
      | Comparison
      | undefined;
    if (!comparison) return undefined;
    const perMessage = MESSAGE_METRICS[value];
    if (perMessage) {
      return [
        {
          filter: {
            key: 'metric',
            isScope: false,
            test(ev, m, spans) {
              const x = perMessage(ev, m);
              if (x === null || !compare(x, comparison)) return false;
              if (value === 'responseSec') spans.push(ev.wholeMessage(ev.answers[m] as number));
              spans.push(ev.wholeMessage(m));
              return true;
            },
          },
        },
      ];
    }
    const read = CONVERSATION_METRICS[value];
    if (!read) {
      const hint = closestKey(value, METRIC_NAMES);
      scope.error(
        `unknown metric "${value}"${hint ? ` (did you mean "${hint}"?)` : ''}; see docs/rules.md#metric`,
      );
      return undefined;
    }
    return [
      {
        fact: {
          key: 'metric',
          evaluate(ev): Outcome {
            const x = read(ev.metrics);
            if (x === null || x === undefined)
              return { holds: false, unknown: unavailable(value), evidence: [], occurrences: 0 };
            if (!compare(x, comparison)) return { holds: false, evidence: [], occurrences: 0 };
            const evidence = metricEvidence(value, ev);
            return { holds: true, evidence, occurrences: 1 };
          },
        },
      },
    ];
  },
};
