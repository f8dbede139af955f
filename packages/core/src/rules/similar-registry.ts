import { normalizeText } from '../text/normalize.ts';
import { bigrams } from './text-similarity.ts';

/** A stretch of a message with its best score per `similar` condition. */
export type SimilarScores = { spans: readonly [number, number][]; best: Float64Array; at: Int32Array };

/**
 * Example phrases of every `similar` condition of a rule set in one inverted index (bigram →
 * condition examples), so each clause of a message is scored against all of them in one pass.
 */
export class SimilarRegistry {
  readonly #examples: { condition: number; size: number }[] = [];
  readonly #index = new Map<number, number[]>();
  #conditions = 0;

  /** Registers a condition's examples; returns the condition's slot in the scores. */
  register(examples: readonly string[]): number {
    const condition = this.#conditions++;
    for (const example of examples) {
      const e = this.#examples.length;
      const grams = bigrams(normalizeText(example));
      this.#examples.push({ condition, size: grams.length });
      for (const g of grams) {
        const list = this.#index.get(g);
        if (list) list.push(e);
        else this.#index.set(g, [e]);
      }
    }
    return condition;
  }

  get isEmpty(): boolean {
    return this.#conditions === 0;
  }

  /**
   * Best cosine per condition over the stretches of a normalised text (its clauses, and the whole
   * text when it has two to four), with the stretch that reached it.
   */
  score(text: string, clauses: readonly [number, number][]): SimilarScores {
    const spans =
      clauses.length > 1 && clauses.length <= 4
        ? [...clauses, [0, text.length] as [number, number]]
        : clauses;
    const best = new Float64Array(this.#conditions);
    const at = new Int32Array(this.#conditions).fill(-1);
    const shared = new Int32Array(this.#examples.length);
    const touched: number[] = [];
    spans.forEach(([from, to], s) => {
      const grams = bigrams(text, from, to);
      if (grams.length === 0) return;
      for (const g of grams) {
        const list = this.#index.get(g);
        if (!list) continue;
        for (const e of list) {
          if (shared[e] === 0) touched.push(e);
          shared[e] = (shared[e] as number) + 1;
        }
      }
      for (const e of touched) {
        const ex = this.#examples[e] as { condition: number; size: number };
        const score = (shared[e] as number) / Math.sqrt(grams.length * ex.size);
        if (score > (best[ex.condition] as number)) {
          best[ex.condition] = score;
          at[ex.condition] = s;
        }
        shared[e] = 0;
      }
      touched.length = 0;
    });
    return { spans, best, at };
  }
}
