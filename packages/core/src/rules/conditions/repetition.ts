import { z } from 'zod';
import { RoleSchema } from '../../model/conversation.ts';
import { ComparisonSchema, compare } from '../comparison.ts';
import type { ConditionKind } from '../condition-types.ts';
import { bigramSet, cosine } from '../text-similarity.ts';

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
    return [
      {
        fact: {
          key: 'repetition',
          evaluate(ev, window) {
            const groups: { set: Set<number>; members: number[] }[] = [];
            for (const m of window) {
              if (ev.messages[m]?.role !== r.role) continue;
              const text = ev.features[m]?.normalized ?? '';
              const set = bigramSet(text);
              if (set.size + 1 < r.minChars) continue;
              const group = groups.find((g) => cosine(g.set, set) >= r.similarity);
              if (group) group.members.push(m);
              else groups.push({ set, members: [m] });
            }
            const repeated = groups.filter((g) => g.members.length > 1 && compare(g.members.length, r.count));
            if (repeated.length === 0) return { holds: false, evidence: [], occurrences: 0 };
            const evidence = repeated.flatMap((g) => g.members.map((m) => ev.wholeMessage(m))).slice(0, 50);
            return { holds: true, evidence, occurrences: repeated.reduce((n, g) => n + g.members.length, 0) };
          },
        },
      },
    ];
  },
};
