export { type ClassReport, type EvaluationReport, evaluateClassifier } from './evaluate-classifier.ts';
export { DEFAULT_FEATURE_BITS, hashedFeatures, type SparseVector } from './hashed-features.ts';
export {
  type BiasObjective,
  type LabelledVector,
  LinearClassifier,
  type Prediction,
  softmax,
  type TrainOptions,
  type TrainReport,
  trainLinearClassifier,
  tuneClassBias,
} from './linear-classifier.ts';
export { type LinearModelFile, parseLinearClassifier, serializeLinearClassifier } from './model-file.ts';
