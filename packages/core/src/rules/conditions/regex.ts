import { z } from 'zod';
import type { Evidence } from '../../analysis/analysis-result.ts';
import { ComparisonSchema, warnIfConstant } from '../comparison.ts';
import type { ConditionKind } from '../condition-types.ts';
import { hasKeywordId, type KeywordIdSet, keywordIdSet } from '../keyword-registry.ts';
import { requiredLiterals } from '../regex-literals.ts';
import type { RuleEvaluation } from '../rule-evaluation.ts';

const RegexSchema = z.union([
  z.string().min(1, 'an empty pattern matches everything'),
  z.strictObject({ pattern: z.string().min(1), count: ComparisonSchema.optional() }),
]);

/** Matches of a global regex in a message's normalised text, as evidence; empty matches are skipped. */
function matchesOf(
  ev: RuleEvaluation,
  m: number,
  re: RegExp,
  triggers: KeywordIdSet | undefined,
  spans: Evidence[] | undefined,
): number {
  if (triggers && !ev.keywordHits(m).some((h) => hasKeywordId(triggers, h.id))) return 0;
  const text = ev.features[m]?.normalized ?? '';
  re.lastIndex = 0;
  let n = 0;
  for (let match = re.exec(text); match !== null; match = re.exec(text)) {
    if (match[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    n++;
    spans?.push(ev.span(m, match.index, match.index + match[0].length));
  }
  return n;
}

export const regexKind: ConditionKind = {
  key: 'regex',
  compile(value, scope) {
    const r = scope.parse(RegexSchema, value);
    if (r === undefined) return undefined;
    const pattern = typeof r === 'string' ? r : r.pattern;
    let re: RegExp;
    try {
      re = new RegExp(pattern, 'gu');
    } catch (error) {
      scope.error(`bad regex: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}`);
      return undefined;
    }
    if (re.test(''))
      scope.warn(`regex /${pattern}/ also matches empty text, so it finds something in every message`);
    const letters = pattern
      .replace(/\\[pPu]\{[^}]*\}/g, '')
      .replace(/\\[A-Za-z]/g, '')
      .replace(/\(\?<[^>]*>/g, '');
    if (/[A-Z]/.test(letters)) {
      scope.warn('regex reads lower-cased text: upper-case letters in the pattern never match');
    }
    const literals = requiredLiterals(pattern);
    const triggers = literals
      ? keywordIdSet(literals.map((l) => scope.keywords.register(l, scope.roles)))
      : undefined;
    if (typeof r !== 'string' && r.count) {
      const comparison = r.count;
      warnIfConstant(scope, 'regex.count', comparison, [...scope.path, 'count']);
      return [
        {
          aggregate: {
            key: 'regex',
            comparison,
            measure(ev, selected, spans) {
              let n = 0;
              for (const m of selected) n += matchesOf(ev, m, re, triggers, spans);
              return n;
            },
          },
        },
      ];
    }
    return [
      {
        filter: {
          key: 'regex',
          isScope: false,
          ...(triggers ? { mayPass: (ev: RuleEvaluation) => ev.hasAnyKeyword(triggers) } : {}),
          test(ev, m, spans) {
            const mark = spans.length;
            if (matchesOf(ev, m, re, triggers, spans) > 0) return true;
            spans.length = mark;
            return false;
          },
        },
      },
    ];
  },
};
