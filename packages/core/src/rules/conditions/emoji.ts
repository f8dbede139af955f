import { z } from 'zod';
import type { Evidence } from '../../analysis/analysis-result.ts';
import { EMOJI_CATEGORIES, EMOJI_KINDS, type EmojiMatch, extractEmoji } from '../../emoji/index.ts';
import { ComparisonSchema, compare, warnIfConstant } from '../comparison.ts';
import type { CompiledPart, ConditionKind } from '../condition-types.ts';
import type { RuleEvaluation } from '../rule-evaluation.ts';

const EmojiSchema = z.strictObject({
  categories: z
    .array(z.enum(EMOJI_CATEGORIES as [string, ...string[]]))
    .min(1)
    .optional(),
  items: z.array(z.string().min(1)).min(1).optional(),
  kinds: z
    .array(z.enum(EMOJI_KINDS as [string, ...string[]]))
    .min(1)
    .optional(),
  count: ComparisonSchema.optional(),
  rate: ComparisonSchema.optional(),
});

/** Without any emoji in the conversation no emoji test can pass. */
function hasAnyEmoji(ev: RuleEvaluation): boolean {
  return ev.all.some((m) => (ev.features[m]?.emoji.length ?? 0) > 0);
}

/** Emoji and emoticons: as a filter (a message has a matching one), a count, or a rate per message. */
export const emojiKind: ConditionKind = {
  key: 'emoji',
  compile(value, scope) {
    const e = scope.parse(EmojiSchema, value);
    if (!e) return undefined;
    let items: Set<string> | undefined;
    if (e.items) {
      items = new Set();
      let isValid = true;
      e.items.forEach((item, i) => {
        const found = extractEmoji(item, scope.emojiTable);
        const only = found[0];
        if (found.length !== 1 || !only || only.text !== item.trim()) {
          scope.error(`"${item}" is not one emoji the emoji table knows`, [...scope.path, 'items', i]);
          isValid = false;
        } else items?.add(only.key);
      });
      if (!isValid) return undefined;
    }
    const categories = e.categories ? new Set<string>(e.categories) : undefined;
    const kinds = e.kinds ? new Set<string>(e.kinds) : undefined;
    const isMatch = (x: EmojiMatch) =>
      (!categories || categories.has(x.category)) &&
      (!items || items.has(x.key)) &&
      (!kinds || kinds.has(x.kind));
    const matching = (ev: RuleEvaluation, m: number, spans: Evidence[] | undefined): number => {
      let n = 0;
      for (const x of ev.features[m]?.emoji ?? []) {
        if (!isMatch(x)) continue;
        n++;
        spans?.push(ev.span(m, x.start, x.end));
      }
      return n;
    };
    const parts: CompiledPart[] = [];
    for (const [key, comparison] of [
      ['count', e.count],
      ['rate', e.rate],
    ] as const) {
      if (!comparison) continue;
      warnIfConstant(scope, `emoji.${key}`, comparison, [...scope.path, key]);
      parts.push({
        aggregate: {
          key: `emoji.${key}`,
          comparison,
          ...(compare(0, comparison) ? {} : { mayPass: hasAnyEmoji }),
          measure(ev, selected, spans) {
            let n = 0;
            for (const m of selected) n += matching(ev, m, spans);
            return key === 'count' ? n : selected.length === 0 ? 0 : n / selected.length;
          },
        },
      });
    }
    if (parts.length > 0) return parts;
    return [
      {
        filter: {
          key: 'emoji',
          isScope: false,
          mayPass: hasAnyEmoji,
          test(ev, m, spans) {
            const mark = spans.length;
            if (matching(ev, m, spans) > 0) return true;
            spans.length = mark;
            return false;
          },
        },
      },
    ];
  },
};
