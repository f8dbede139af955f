import { z } from 'zod';
import type { Evidence } from '../../analysis/analysis-result.ts';
import type { Message } from '../../model/conversation.ts';
import { MAX_EVIDENCE, STEP_KEYS } from '../compile-condition.ts';
import type { CompiledCondition, ConditionKind, Outcome } from '../condition-types.ts';
import type { RuleEvaluation } from '../rule-evaluation.ts';

const StepLimitsSchema = z.strictObject({
  withinTurns: z.number().int().min(0).optional(),
  withinSec: z.number().min(0).optional(),
});

type Step = { condition: CompiledCondition; withinTurns?: number; withinSec?: number };

/** Most anchors a sequence follows: evidence beyond this helps nobody and costs time on huge transcripts. */
const MAX_CHAINS = 50;

/** Messages of `window` after `anchor` within the step's limits, and whether more could still arrive. */
function stepWindow(
  ev: RuleEvaluation,
  window: readonly number[],
  anchor: number,
  step: Step,
): { messages: number[]; isOpen: boolean } {
  const anchorAt = (ev.messages[anchor] as Message).at;
  const lastTurn =
    step.withinTurns === undefined
      ? Number.POSITIVE_INFINITY
      : (ev.turn[anchor] as number) + step.withinTurns;
  const lastAt = step.withinSec === undefined ? Number.POSITIVE_INFINITY : anchorAt + step.withinSec * 1000;
  const messages: number[] = [];
  let isClosed = false;
  for (const m of window) {
    if (m <= anchor) continue;
    if ((ev.turn[m] as number) > lastTurn || (ev.messages[m] as Message).at > lastAt) {
      isClosed = true;
      break;
    }
    messages.push(m);
  }
  return { messages, isOpen: !isClosed && !ev.isFinal };
}

/**
 * Steps in order: the earliest message matching a step anchors the next; `withinTurns` and
 * `withinSec` bound how far after it the next step may be. A `not` step holds when nothing in its
 * window matches, and only once its window is closed while the conversation is still live.
 */
export const sequenceKind: ConditionKind = {
  key: 'sequence',
  compile(value, scope) {
    if (!Array.isArray(value) || value.length < 2) {
      scope.error('sequence takes a list of at least two steps');
      return undefined;
    }
    const steps: Step[] = [];
    let isValid = true;
    value.forEach((raw, i) => {
      const at = [...scope.path, i];
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
        scope.error('a sequence step is a condition map', at);
        isValid = false;
        return;
      }
      const body: Record<string, unknown> = {};
      const limits: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(raw)) {
        if ((STEP_KEYS as readonly string[]).includes(k)) limits[k] = v;
        else body[k] = v;
      }
      if (i === 0 && Object.keys(limits).length > 0) {
        scope.error('the first step starts the sequence; withinTurns/withinSec belong to later steps', at);
        isValid = false;
        return;
      }
      const parsed = scope.parse(StepLimitsSchema, limits, at);
      const condition = scope.compileNested(body, at, scope.roles);
      if (!parsed || !condition) {
        isValid = false;
        return;
      }
      steps.push({ condition, ...parsed });
    });
    if (!isValid) return undefined;
    const [first, ...rest] = steps as [Step, ...Step[]];
    const gates = steps.flatMap((s) =>
      !s.condition.isNegation && s.condition.mayHold ? [s.condition.mayHold] : [],
    );
    return [
      {
        fact: {
          key: 'sequence',
          // Every step that must find a message has to be able to.
          ...(gates.length > 0 ? { mayPass: (ev: RuleEvaluation) => gates.every((g) => g(ev)) } : {}),
          evaluate(ev, window): Outcome {
            const start = first.condition.evaluate(ev, window);
            if (!start.holds) return start;
            const anchors = [...new Set(start.evidence.map((e) => e.message))].sort((a, b) => a - b);
            const evidence: Evidence[] = [];
            let chains = 0;
            ev.traceMuted++;
            try {
              for (const origin of anchors.slice(0, MAX_CHAINS)) {
                const chain: Evidence[] = start.evidence.filter((e) => e.message === origin);
                let anchor = origin;
                let ok = true;
                for (const step of rest) {
                  const w = stepWindow(ev, window, anchor, step);
                  if (step.condition.isNegation && w.isOpen) {
                    ok = false;
                    break;
                  }
                  const o = step.condition.evaluate(ev, w.messages);
                  if (!o.holds) {
                    ok = false;
                    break;
                  }
                  if (step.condition.isNegation) {
                    // What the other side said instead is the evidence of what was not said.
                    const originRole = ev.messages[origin]?.role;
                    const instead = w.messages.filter((m) => ev.messages[m]?.role !== originRole).slice(0, 3);
                    for (const m of instead) chain.push(ev.wholeMessage(m));
                    continue;
                  }
                  // Evidence can point back before the window (responseSec shows the question answered).
                  const inWindow = o.evidence.map((e) => e.message).filter((m) => m > anchor);
                  const next = inWindow.length > 0 ? Math.min(...inWindow) : w.messages[0];
                  if (next === undefined) {
                    ok = false;
                    break;
                  }
                  anchor = next;
                  for (const e of o.evidence) if (e.message === next) chain.push(e);
                }
                if (!ok) continue;
                chains++;
                for (const e of chain) if (evidence.length < MAX_EVIDENCE) evidence.push(e);
              }
            } finally {
              ev.traceMuted--;
            }
            return chains > 0
              ? { holds: true, evidence, occurrences: chains }
              : { holds: false, evidence: [], occurrences: 0 };
          },
        },
      },
    ];
  },
};
