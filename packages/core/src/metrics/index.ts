export {
  type BusinessClock,
  type BusinessHours,
  businessSeconds,
  createBusinessClock,
  type TimeRange,
  type Weekday,
} from './business-hours.ts';
export {
  type ConversationMetrics,
  computeMetrics,
  DEFAULT_SLA,
  type MetricsOptions,
  resolveSlaPolicy,
  type SlaOptions,
  type SlaPolicy,
} from './compute-metrics.ts';
export { percentile } from './percentile.ts';
export {
  computeVoiceMetrics,
  DEFAULT_VOICE_OPTIONS,
  spokenChars,
  type VoiceMetrics,
  type VoiceOptions,
} from './voice-metrics.ts';
