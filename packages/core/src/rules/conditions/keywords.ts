import { z } from 'zod';
import type { Evidence } from '../../analysis/analysis-result.ts';
import { ComparisonSchema, compare, warnIfConstant } from '../comparison.ts';
import type { CompiledPart, ConditionKind } from '../condition-types.ts';
import { hasKeywordId, type KeywordHit, type KeywordIdSet, keywordIdSet } from '../keyword-registry.ts';
import type { RuleEvaluation } from '../rule-evaluation.ts';
import { oneOrMany } from './one-or-many.ts';

const Word = z
  .string({
    error: (issue) =>
      `a keyword is text, got ${JSON.stringify(issue.input)}; in YAML quote keywords that look like numbers or lists: '12315', '[微笑]'`,
  })
  .trim()
  .min(1, 'an empty keyword matches nothing');
const Words = z.array(Word).min(1, 'list at least one keyword');

const KeywordsSchema = z
  .strictObject({
    any: Words.optional(),
    all: Words.optional(),
    none: Words.optional(),
    near: z
      .strictObject({
        words: z.tuple(
          [oneOrMany(Word), oneOrMany(Word)],
          'near.words is a list of two words (each may be a list)',
        ),
        within: z.number().int().min(0),
        ordered: z.boolean().default(false),
      })
      .optional(),
    count: ComparisonSchema.optional(),
  })
  .refine((k) => k.any || k.all || k.none || k.near, 'keywords needs any, all, none or near');

/** Leftmost-longest, non-overlapping occurrences among `hits` of the keywords in `ids`. */
const NO_OCCURRENCES: KeywordHit[] = [];

/** Leftmost-longest, non-overlapping occurrences of the keywords in `ids`; hits come sorted by start. */
function selectOccurrences(hits: readonly KeywordHit[], ids: KeywordIdSet): KeywordHit[] {
  let out: KeywordHit[] | undefined;
  let end = -1;
  for (const h of hits) {
    if (h.begin < end || !h.isWord || !hasKeywordId(ids, h.id)) continue;
    out ??= [];
    out.push(h);
    end = h.end;
  }
  return out ?? NO_OCCURRENCES;
}

function gap(a: KeywordHit, b: KeywordHit): number {
  return Math.max(a.begin, b.begin) - Math.min(a.end, b.end);
}

function spansOf(ev: RuleEvaluation, m: number, hits: readonly KeywordHit[], spans: Evidence[]): void {
  for (const h of hits) spans.push(ev.span(m, h.begin, h.end));
}

/**
 * Keyword tests on one message through the rule set's shared automata: one pass per message finds
 * the keywords of every rule, and each test picks out its own.
 */
export const keywordsKind: ConditionKind = {
  key: 'keywords',
  compile(value, scope) {
    if (Array.isArray(value)) {
      scope.error('keywords is a map: write keywords: { any: [...] } (or all, none, near, count)');
      return undefined;
    }
    const k = scope.parse(KeywordsSchema, value);
    if (!k) return undefined;
    const register = (words: readonly string[]) =>
      keywordIdSet(words.map((w) => scope.keywords.register(w, scope.roles)));
    if (k.count) {
      if (!k.any || k.all || k.none || k.near) {
        scope.error('count counts the `any` keywords: give any, and put all/none/near in a map of their own');
        return undefined;
      }
      warnIfConstant(scope, 'keywords.count', k.count, [...scope.path, 'count']);
      const ids = register(k.any);
      const part: CompiledPart = {
        aggregate: {
          key: 'keywords',
          comparison: k.count,
          ...(compare(0, k.count) ? {} : { mayPass: (ev: RuleEvaluation) => ev.hasAnyKeyword(ids) }),
          measure(ev, selected, spans) {
            let n = 0;
            for (const m of selected) {
              const found = selectOccurrences(ev.keywordHits(m), ids);
              n += found.length;
              if (spans) spansOf(ev, m, found, spans);
            }
            return n;
          },
        },
      };
      return [part];
    }
    const any = k.any ? register(k.any) : undefined;
    const all = k.all ? k.all.map((w) => scope.keywords.register(w, scope.roles)) : undefined;
    const none = k.none ? register(k.none) : undefined;
    const allSet = all ? keywordIdSet(all) : undefined;
    const near = k.near
      ? {
          a: register(k.near.words[0]),
          b: register(k.near.words[1]),
          within: k.near.within,
          ordered: k.near.ordered,
        }
      : undefined;
    const part: CompiledPart = {
      filter: {
        key: 'keywords',
        isScope: false,
        ...(any || all || near
          ? {
              mayPass: (ev: RuleEvaluation) =>
                (!any || ev.hasAnyKeyword(any)) &&
                (!allSet || ev.hasAnyKeyword(allSet)) &&
                (!near || (ev.hasAnyKeyword(near.a) && ev.hasAnyKeyword(near.b))),
            }
          : {}),
        test(ev, m, spans) {
          const hits = ev.keywordHits(m);
          if (hits.length === 0 && !none) return false;
          if (none && hits.some((h) => h.isWord && hasKeywordId(none, h.id))) return false;
          let found: KeywordHit[] = [];
          if (any) {
            found = selectOccurrences(hits, any);
            if (found.length === 0) return false;
          }
          if (all) {
            for (const id of all) {
              const h = hits.find((x) => x.isWord && x.id === id);
              if (!h) return false;
              if (!found.includes(h)) found.push(h);
            }
          }
          if (near) {
            let pair: [KeywordHit, KeywordHit] | undefined;
            for (const a of hits) {
              if (!a.isWord || !hasKeywordId(near.a, a.id)) continue;
              for (const b of hits) {
                if (b === a || !b.isWord || !hasKeywordId(near.b, b.id)) continue;
                if (near.ordered && b.begin < a.end) continue;
                if (gap(a, b) <= near.within) {
                  pair = [a, b];
                  break;
                }
              }
              if (pair) break;
            }
            if (!pair) return false;
            found.push(...pair);
          }
          spansOf(ev, m, found, spans);
          return true;
        },
      },
    };
    return [part];
  },
};
