import type { z } from 'zod';
import type { Evidence } from '../analysis/analysis-result.ts';
import type { EmojiTable } from '../emoji/index.ts';
import type { Role } from '../model/conversation.ts';
import type { Comparison } from './comparison.ts';
import type { KeywordRegistry } from './keyword-registry.ts';
import type { RuleEvaluation } from './rule-evaluation.ts';
import type { SimilarRegistry } from './similar-registry.ts';

/** Where in a rule document something is: keys and list indexes from the document's root. */
export type RulePath = readonly (string | number)[];

/**
 * The result of a condition over a window of messages. `unknown` (with the reason) when a fact it
 * needs cannot be measured, e.g. firstResponseSec without an agent reply.
 */
export type Outcome = { holds: boolean; unknown?: string; evidence: Evidence[]; occurrences: number };

/** A test of one message. It adds its evidence spans to `spans` only when it passes. */
export type MessageFilter = {
  key: string;
  /** role and position only say which messages are in scope; they find nothing by themselves. */
  isScope: boolean;
  test(ev: RuleEvaluation, message: number, spans: Evidence[]): boolean;
  /**
   * A cheap necessary condition over the whole conversation (some message has one of the
   * keywords): when false, no message can pass and the rule is not evaluated at all.
   */
  mayPass?: (ev: RuleEvaluation) => boolean;
};

/**
 * A number measured over the messages a map selects (keywords.count, emoji.rate, …) and compared.
 * `spans` is given only once the comparison held, to collect the evidence.
 */
export type Aggregate = {
  key: string;
  comparison: Comparison;
  measure(ev: RuleEvaluation, selected: readonly number[], spans: Evidence[] | undefined): number;
  /** As for filters; only for measures whose comparison cannot hold at 0. */
  mayPass?: (ev: RuleEvaluation) => boolean;
};

/** A fact of the conversation (a metric, a tag, a sequence) judged over a window. */
export type Fact = {
  key: string;
  evaluate(ev: RuleEvaluation, window: readonly number[]): Outcome;
  mayPass?: (ev: RuleEvaluation) => boolean;
};

export type CompiledPart = { filter: MessageFilter } | { aggregate: Aggregate } | { fact: Fact };

export type CompiledCondition = {
  /** The condition as written, compact, for explanations and N/A reasons. */
  describe: string;
  /** Top-level role/position filters: what a `require` rule is about. */
  scope: readonly MessageFilter[];
  /** Only role/position (and nothing that finds something): worth a warning in detect/require. */
  isScopeOnly: boolean;
  /** A map whose only key is `not`: in a sequence, its window must be closed before it can hold. */
  isNegation: boolean;
  evaluate(ev: RuleEvaluation, window: readonly number[]): Outcome;
  /**
   * A cheap test that is false only when the condition cannot hold anywhere in the conversation
   * (none of the keywords it needs occurs); undefined when no such test exists.
   */
  mayHold?: (ev: RuleEvaluation) => boolean;
};

/** What a building block's compiler can use: its place, the roles in scope, issues, shared tables. */
export type CompileScope = {
  path: RulePath;
  /** The roles messages are restricted to by this map's `role` or an enclosing one; undefined: any. */
  roles: readonly Role[] | undefined;
  /** The whole map the key sits in, for companions such as the comparison beside `metric`. */
  map: Readonly<Record<string, unknown>>;
  parse<T>(schema: z.ZodType<T>, value: unknown, path?: RulePath): T | undefined;
  error(message: string, path?: RulePath): void;
  warn(message: string, path?: RulePath): void;
  keywords: KeywordRegistry;
  similar: SimilarRegistry;
  emojiTable: EmojiTable;
  compileNested(
    value: unknown,
    path: RulePath,
    roles: readonly Role[] | undefined,
  ): CompiledCondition | undefined;
};

/**
 * A building block of the language. New kinds (an `llm` criterion, a deployment's own test)
 * register here; the evaluator only knows filters, aggregates and facts.
 */
export type ConditionKind = {
  key: string;
  /** Keys read beside this one in the same map (metric's gt, lte, …). */
  companions?: readonly string[];
  compile(value: unknown, scope: CompileScope): CompiledPart[] | undefined;
};
