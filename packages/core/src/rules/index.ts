export { matchesAppliesTo, matchesValues } from './applies-to.ts';
export { type Comparison, ComparisonSchema, compare } from './comparison.ts';
export {
  type CompiledRule,
  type CompiledRuleSet,
  type CompiledScorecard,
  type CompileOptions,
  compileRuleSet,
  type RuleSource,
} from './compile-rule-set.ts';
export type {
  Aggregate,
  CompiledCondition,
  CompiledPart,
  CompileScope,
  ConditionKind,
  Fact,
  MessageFilter,
  Outcome,
  RulePath,
} from './condition-types.ts';
export { BUILTIN_CONDITION_KINDS, METRIC_NAMES } from './conditions/index.ts';
export { contentHash } from './content-hash.ts';
export { parseRuleText } from './parse-rule-text.ts';
export { parseRuleCases, type RuleCase, type RuleCaseResult, runRuleCase } from './rule-cases.ts';
export { type AppliesTo, AppliesToSchema, RuleDocumentSchema, RuleSchema } from './rule-document.ts';
export { RuleEvaluation, type RuleEvaluationInput, type TraceEntry } from './rule-evaluation.ts';
export { formatRuleIssue, type RuleIssue } from './rule-issue.ts';
export {
  type CategoryScore,
  judgeRule,
  type RuleVerdict,
  type ScorecardOutcome,
  scoreWithScorecard,
  selectScorecard,
} from './score-conversation.ts';
