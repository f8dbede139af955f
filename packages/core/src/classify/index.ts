export {
  type BinnedSimilarities,
  CentroidClassifier,
  type CentroidParts,
  type CentroidTrainOptions,
  type CentroidTrainReport,
  trainCentroidClassifier,
} from './centroid-classifier.ts';
export {
  type ClassReport,
  CONFUSION_MAX_LABELS,
  type EvaluationReport,
  evaluateClassifier,
} from './evaluate-classifier.ts';
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
export {
  type CentroidModelFile,
  type Classifier,
  type ClassifierModelFile,
  type LinearModelFile,
  parseCentroidClassifier,
  parseClassifierModel,
  parseLinearClassifier,
  serializeCentroidClassifier,
  serializeLinearClassifier,
} from './model-file.ts';
