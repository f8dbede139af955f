import { z } from 'zod';
import type { Evidence } from '../../analysis/analysis-result.ts';
import { type Message, type Role, RoleSchema } from '../../model/conversation.ts';
import { ComparisonSchema, compare, warnIfConstant } from '../comparison.ts';
import type { ConditionKind, Outcome } from '../condition-types.ts';
import type { RuleEvaluation } from '../rule-evaluation.ts';

const AT_LEAST_ONCE = { gte: 1 };

/** Speech segments: messages with a duration, not system ones, in time order. */
function segments(ev: RuleEvaluation, window: readonly number[]): number[] {
  return window.filter((m) => {
    const msg = ev.messages[m] as Message;
    return msg.durationMs !== undefined && msg.role !== 'system';
  });
}

function outcomeOf(
  found: number,
  comparison: { gte: number } | z.infer<typeof ComparisonSchema>,
  evidence: Evidence[],
): Outcome {
  return compare(found, comparison)
    ? { holds: true, evidence, occurrences: Math.max(found, 1) }
    : { holds: false, evidence: [], occurrences: 0 };
}

const SilenceSchema = z.strictObject({
  minSec: z.number().positive(),
  after: RoleSchema.optional(),
  count: ComparisonSchema.optional(),
});

/** Gaps in speech of at least minSec; `after: customer` is dead air the agent leaves after the customer spoke. */
export const silenceKind: ConditionKind = {
  key: 'silence',
  compile(value, scope) {
    const s = scope.parse(SilenceSchema, value);
    if (!s) return undefined;
    if (s.count) warnIfConstant(scope, 'silence.count', s.count, [...scope.path, 'count']);
    const minMs = s.minSec * 1000;
    return [
      {
        fact: {
          key: 'silence',
          evaluate(ev, window) {
            const speech = segments(ev, window);
            if (speech.length === 0)
              return {
                holds: false,
                unknown: 'silence needs voice segments (messages with durationMs)',
                evidence: [],
                occurrences: 0,
              };
            let end = Number.NEGATIVE_INFINITY;
            let lastSpeaker: Role | undefined;
            let lastMessage = -1;
            let found = 0;
            const evidence: Evidence[] = [];
            for (const m of speech) {
              const msg = ev.messages[m] as Message;
              // Before the first segment there is no silence, only the call's start.
              if (
                lastMessage >= 0 &&
                msg.at - end >= minMs &&
                (s.after === undefined || s.after === lastSpeaker)
              ) {
                found++;
                if (evidence.length < 20) evidence.push(ev.wholeMessage(lastMessage), ev.wholeMessage(m));
              }
              const segmentEnd = msg.at + (msg.durationMs as number);
              if (segmentEnd >= end) {
                end = segmentEnd;
                lastSpeaker = msg.role;
                lastMessage = m;
              }
            }
            return outcomeOf(found, s.count ?? AT_LEAST_ONCE, evidence);
          },
        },
      },
    ];
  },
};

const InterruptionSchema = z.strictObject({
  by: z.enum(['agent', 'customer']).default('agent'),
  minSec: z.number().min(0).default(1),
  count: ComparisonSchema.optional(),
});

/** Segments of `by` that start while the other party still speaks, overlapping it by at least minSec. */
export const interruptionKind: ConditionKind = {
  key: 'interruption',
  compile(value, scope) {
    const s = scope.parse(InterruptionSchema, value ?? {});
    if (!s) return undefined;
    if (s.count) warnIfConstant(scope, 'interruption.count', s.count, [...scope.path, 'count']);
    const minMs = s.minSec * 1000;
    const other: Role = s.by === 'agent' ? 'customer' : 'agent';
    return [
      {
        fact: {
          key: 'interruption',
          evaluate(ev, window) {
            const speech = segments(ev, window);
            if (speech.length === 0)
              return {
                holds: false,
                unknown: 'interruption needs voice segments (messages with durationMs)',
                evidence: [],
                occurrences: 0,
              };
            let otherEnd = Number.NEGATIVE_INFINITY;
            let found = 0;
            const evidence: Evidence[] = [];
            for (const m of speech) {
              const msg = ev.messages[m] as Message;
              const end = msg.at + (msg.durationMs as number);
              if (msg.role === other) otherEnd = Math.max(otherEnd, end);
              else if (msg.role === s.by && otherEnd > msg.at && Math.min(otherEnd, end) - msg.at >= minMs) {
                found++;
                if (evidence.length < 20) evidence.push(ev.wholeMessage(m));
              }
            }
            return outcomeOf(found, s.count ?? AT_LEAST_ONCE, evidence);
          },
        },
      },
    ];
  },
};
