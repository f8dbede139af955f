import { z } from 'zod';
import { RoleSchema } from '../../model/conversation.ts';
import { ComparisonSchema, compare, warnIfConstant } from '../comparison.ts';
import { MAX_EVIDENCE } from '../compile-condition.ts';
import type { ConditionKind } from '../condition-types.ts';
import { cosine } from '../text-similarity.ts';

const RepetitionSchema = z.strictObject({
  role: RoleSchema.default('agent'),
  count: ComparisonSchema.default({ gte: 3 }),
  similarity: z.number().gt(0).max(1).default(0.9),
  minChars: z.number().int().min(1).default(6),
});

/**
 * The role sends near-identical text several times (copy-paste answers): messages are grouped
 * with the first message they resemble; the largest group is compared with `count`.
 */
export const repetitionKind: ConditionKind = {
  key: 'repetition',
  compile(value, scope) {
    const r = scope.parse(RepetitionSchema, value ?? {});
    if (!r) return undefined;
    warnIfConstant(scope, 'repetition.count', r.count, [...scope.path, 'count']);
    return [
      {
        fact: {
          key: 'repetition',
          evaluate(ev, window) {
            // A group has 2 to (the role's messages) members: skip when no such size passes.
            let isPossible = false;
            for (let size = 2; size <= ev.byRole[r.role].length && !isPossible; size++) {
              isPossible = compare(size, r.count);
            }
            if (!isPossible) return { holds: false, evidence: [], occurrences: 0 };
            const groups: { set: number[]; members: number[] }[] = [];
            // Sets whose sizes differ this much cannot reach the similarity: skip the comparison.
            const ratio = r.similarity * r.similarity;
            for (const m of window) {
              if (ev.messages[m]?.role !== r.role) continue;
              if ((ev.features[m]?.normalized.length ?? 0) < r.minChars) continue;
              const set = ev.grams(m);
              const group = groups.find((g) => {
                const small = Math.min(g.set.length, set.length);
                const large = Math.max(g.set.length, set.length);
                return small >= ratio * large && cosine(g.set, set) >= r.similarity;
              });
              if (group) group.members.push(m);
              else groups.push({ set, members: [m] });
            }
            const repeated = groups.filter((g) => g.members.length > 1 && compare(g.members.length, r.count));
            if (repeated.length === 0) return { holds: false, evidence: [], occurrences: 0 };
            const evidence = repeated
              .flatMap((g) => g.members.map((m) => ev.wholeMessage(m)))
              .slice(0, MAX_EVIDENCE);
            return { holds: true, evidence, occurrences: repeated.reduce((n, g) => n + g.members.length, 0) };
          },
        },
      },
    ];
  },
};
