/** Per-class figures of an evaluation. */
export type ClassReport = { label: string; precision: number; recall: number; f1: number; support: number };

export type EvaluationReport = {
  examples: number;
  accuracy: number;
  macroF1: number;
  /** The mean of per-class recall (the TweetEval sentiment measure). */
  macroRecall: number;
  classes: ClassReport[];
  /** confusion[actual][predicted], in the order of `labels`; empty beyond `CONFUSION_MAX_LABELS` labels. */
  confusion: number[][];
  labels: string[];
};

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * Above this many labels the confusion matrix is left empty: 10,000 categories would make 10^8
 * cells, more memory than the evaluation itself needs by far.
 */
export const CONFUSION_MAX_LABELS = 500;

/**
 * Accuracy, macro-F1, macro-recall, per-class precision/recall and the confusion matrix (empty
 * beyond `CONFUSION_MAX_LABELS` labels).
 */
export function evaluateClassifier(
  actual: readonly string[],
  predicted: readonly string[],
  labels: readonly string[],
): EvaluationReport {
  if (actual.length !== predicted.length) throw new Error('actual and predicted differ in length');
  const index = new Map(labels.map((l, i) => [l, i]));
  const hasConfusion = labels.length <= CONFUSION_MAX_LABELS;
  const confusion = hasConfusion ? labels.map(() => labels.map(() => 0)) : [];
  const truePositives = new Int32Array(labels.length);
  const support = new Int32Array(labels.length);
  const predictedCount = new Int32Array(labels.length);
  let correct = 0;
  actual.forEach((a, i) => {
    const p = predicted[i] as string;
    const ai = index.get(a);
    const pi = index.get(p);
    if (ai === undefined || pi === undefined) throw new Error(`unknown label ${ai === undefined ? a : p}`);
    if (hasConfusion) (confusion[ai] as number[])[pi] = ((confusion[ai] as number[])[pi] as number) + 1;
    support[ai] = (support[ai] as number) + 1;
    predictedCount[pi] = (predictedCount[pi] as number) + 1;
    if (a === p) {
      correct++;
      truePositives[ai] = (truePositives[ai] as number) + 1;
    }
  });
  const classes = labels.map((label, k) => {
    const tp = truePositives[k] as number;
    const n = support[k] as number;
    const predictedK = predictedCount[k] as number;
    const precision = predictedK === 0 ? 0 : tp / predictedK;
    const recall = n === 0 ? 0 : tp / n;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { label, precision: round4(precision), recall: round4(recall), f1: round4(f1), support: n };
  });
  const present = classes.filter((c) => c.support > 0);
  const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
  return {
    examples: actual.length,
    accuracy: round4(actual.length === 0 ? 0 : correct / actual.length),
    macroF1: round4(mean(present.map((c) => c.f1))),
    macroRecall: round4(mean(present.map((c) => c.recall))),
    classes,
    confusion,
    labels: [...labels],
  };
}
