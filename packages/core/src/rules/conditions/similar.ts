import { z } from 'zod';
import type { ConditionKind } from '../condition-types.ts';

const SimilarSchema = z.strictObject({
  examples: z.array(z.string().trim().min(1)).min(1, 'give at least one example phrase'),
  threshold: z.number().gt(0).max(1).default(0.6),
});

/**
 * Similar to example phrases: the cosine of character-bigram sets between a clause of the message
 * (or the whole of a short message) and an example. The examples of all `similar` conditions
 * share one inverted index, so a message is scored against every one of them in one pass.
 */
export const similarKind: ConditionKind = {
  key: 'similar',
  compile(value, scope) {
    const s = scope.parse(SimilarSchema, value);
    if (!s) return undefined;
    if (s.threshold < 0.3) {
      scope.warn(`similar.threshold ${s.threshold} matches almost any text`, [...scope.path, 'threshold']);
    }
    const slot = scope.similar.register(s.examples);
    const roles = scope.roles;
    return [
      {
        filter: {
          key: 'similar',
          isScope: false,
          mayPass(ev) {
            const messages = roles === undefined ? ev.all : roles.flatMap((r) => ev.byRole[r]);
            return messages.some((m) => (ev.similarScores(m).best[slot] as number) >= s.threshold);
          },
          test(ev, m, spans) {
            const scores = ev.similarScores(m);
            if ((scores.best[slot] as number) < s.threshold) return false;
            const [from, to] = scores.spans[scores.at[slot] as number] as [number, number];
            spans.push(ev.span(m, from, to));
            return true;
          },
        },
      },
    ];
  },
};
