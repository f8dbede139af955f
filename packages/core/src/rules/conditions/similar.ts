import { z } from 'zod';
import { normalizeText } from '../../text/normalize.ts';
import type { ConditionKind } from '../condition-types.ts';
import { bigramSet, clauses } from '../text-similarity.ts';

const SimilarSchema = z.strictObject({
  examples: z.array(z.string().trim().min(1)).min(1, 'give at least one example phrase'),
  threshold: z.number().gt(0).max(1).default(0.6),
});

/**
 * Similar to example phrases: the cosine of character-bigram sets between a stretch of the
 * message (a clause, two neighbouring clauses) and an example. Examples are vectorised once, into
 * an inverted index from bigram to examples, so a clause is scored against all of them in one pass.
 */
export const similarKind: ConditionKind = {
  key: 'similar',
  compile(value, scope) {
    const s = scope.parse(SimilarSchema, value);
    if (!s) return undefined;
    if (s.threshold < 0.3)
      scope.warn(`similar.threshold ${s.threshold} matches almost any text`, [...scope.path, 'threshold']);
    const sizes: number[] = [];
    const index = new Map<number, number[]>();
    s.examples.forEach((example, e) => {
      const set = bigramSet(normalizeText(example));
      sizes.push(set.size);
      for (const g of set) {
        const list = index.get(g);
        if (list) list.push(e);
        else index.set(g, [e]);
      }
    });
    const shared = new Int32Array(s.examples.length);
    const best = (text: string, from: number, to: number): number => {
      const set = bigramSet(text, from, to);
      if (set.size === 0) return 0;
      shared.fill(0);
      for (const g of set) {
        const list = index.get(g);
        if (list) for (const e of list) shared[e] = (shared[e] as number) + 1;
      }
      let top = 0;
      for (let e = 0; e < sizes.length; e++) {
        const n = shared[e] as number;
        if (n > 0) top = Math.max(top, n / Math.sqrt(set.size * (sizes[e] as number)));
      }
      return top;
    };
    return [
      {
        filter: {
          key: 'similar',
          isScope: false,
          test(ev, m, spans) {
            const text = ev.features[m]?.normalized ?? '';
            const parts = clauses(text);
            for (let i = 0; i < parts.length; i++) {
              const [from, to] = parts[i] as [number, number];
              if (best(text, from, to) >= s.threshold) {
                spans.push(ev.span(m, from, to));
                return true;
              }
              const next = parts[i + 1];
              if (next && best(text, from, next[1]) >= s.threshold) {
                spans.push(ev.span(m, from, next[1]));
                return true;
              }
            }
            return false;
          },
        },
      },
    ];
  },
};
