import { z } from 'zod';
import { PII_KINDS } from '../../text/pii.ts';
import { ComparisonSchema, warnIfConstant } from '../comparison.ts';
import type { ConditionKind } from '../condition-types.ts';
import type { RuleEvaluation } from '../rule-evaluation.ts';

const PiiSchema = z.strictObject({
  kinds: z
    .array(z.enum(PII_KINDS as [string, ...string[]]))
    .min(1)
    .optional(),
  count: ComparisonSchema.optional(),
});

/** Personal data in a message (a phone, an ID or card number, an e-mail), from the message's PII spans. */
export const piiKind: ConditionKind = {
  key: 'pii',
  compile(value, scope) {
    // `pii: true` (or an empty map) means any kind.
    const p = scope.parse(PiiSchema, value === true || value === null ? {} : value);
    if (!p) return undefined;
    const kinds = p.kinds ? new Set<string>(p.kinds) : undefined;
    const spansOf = (ev: RuleEvaluation, m: number) =>
      (ev.features[m]?.pii ?? []).filter((s) => !kinds || kinds.has(s.kind));
    if (p.count) {
      const comparison = p.count;
      warnIfConstant(scope, 'pii.count', comparison, [...scope.path, 'count']);
      return [
        {
          aggregate: {
            key: 'pii',
            comparison,
            measure(ev, selected, spans) {
              let n = 0;
              for (const m of selected) {
                for (const s of spansOf(ev, m)) {
                  n++;
                  spans?.push(ev.span(m, s.start, s.end));
                }
              }
              return n;
            },
          },
        },
      ];
    }
    return [
      {
        filter: {
          key: 'pii',
          isScope: false,
          mayPass: (ev) => ev.all.some((m) => (ev.features[m]?.pii.length ?? 0) > 0),
          test(ev, m, spans) {
            const found = spansOf(ev, m);
            for (const s of found) spans.push(ev.span(m, s.start, s.end));
            return found.length > 0;
          },
        },
      },
    ];
  },
};
