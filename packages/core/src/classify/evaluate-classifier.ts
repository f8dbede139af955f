/** Per-class figures of an evaluation. */
export type ClassReport = { label: string; precision: number; recall: number; f1: number; support: number };

export type EvaluationReport = {
  examples: number;
  accuracy: number;
  macroF1: number;
  /** The mean of per-class recall (the TweetEval sentiment measure). */
  macroRecall: number;
  classes: ClassReport[];
  /** confusion[actual][predicted], in the order of `labels`. */
  confusion: number[][];
  labels: string[];
};

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** Accuracy, macro-F1, macro-recall, per-class precision/recall and the confusion matrix. */
export function evaluateClassifier(
  actual: readonly string[],
  predicted: readonly string[],
  labels: readonly string[],
): EvaluationReport {
  if (actual.length !== predicted.length) throw new Error('actual and predicted differ in length');
  const index = new Map(labels.map((l, i) => [l, i]));
  const confusion = labels.map(() => labels.map(() => 0));
  let correct = 0;
  actual.forEach((a, i) => {
    const p = predicted[i] as string;
    const ai = index.get(a);
    const pi = index.get(p);
    if (ai === undefined || pi === undefined) throw new Error(`unknown label ${ai === undefined ? a : p}`);
    (confusion[ai] as number[])[pi] = ((confusion[ai] as number[])[pi] as number) + 1;
    if (a === p) correct++;
  });
  const classes = labels.map((label, k) => {
    const tp = (confusion[k] as number[])[k] as number;
    const support = (confusion[k] as number[]).reduce((a, b) => a + b, 0);
    const predictedK = confusion.reduce((n, row) => n + (row[k] as number), 0);
    const precision = predictedK === 0 ? 0 : tp / predictedK;
    const recall = support === 0 ? 0 : tp / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { label, precision: round4(precision), recall: round4(recall), f1: round4(f1), support };
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
