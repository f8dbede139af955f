import type { Evidence } from '../analysis/analysis-result.ts';
import type { ConversationMetrics } from '../metrics/index.ts';
import type { Conversation, Message, Role } from '../model/conversation.ts';
import { getDefaultSentimentLexicon, type MessageSentiment } from '../sentiment/baseline-sentiment.ts';
import { getLexiconScorer, type SentimentScorer } from '../sentiment/sentiment-scorer.ts';
import type { Language } from '../text/detect-language.ts';
import type { TextFeatures } from '../text/text-features.ts';
import type { CompiledRuleSet } from './compile-rule-set.ts';
import {
  hasKeywordId,
  type KeywordAutomata,
  type KeywordHit,
  type KeywordIdSet,
} from './keyword-registry.ts';
import type { SimilarRegistry, SimilarScores } from './similar-registry.ts';
import { bigrams, clauses } from './text-similarity.ts';

/** Whole-message evidence is cut here: a 10 MB message must not be copied into every hit. */
export const MAX_EVIDENCE_CHARS = 200;

export type RuleEvaluationInput = {
  conversation: Conversation;
  features: readonly TextFeatures[];
  /** Sentiment already computed (customer messages); the evaluation fills in the rest as it scores them. */
  sentiment: (MessageSentiment | undefined)[];
  metrics: ConversationMetrics;
  language: Language;
  /** The compiled rule set: its keyword automata and similar index. */
  ruleSet: Pick<CompiledRuleSet, 'keywords' | 'similar'>;
  sentimentScorer?: SentimentScorer;
  /** false while a conversation is still going: a `not` step whose window is open cannot hold yet. */
  isFinal?: boolean;
  /** Record which conditions held where, per rule (for `rules explain`). */
  isTracing?: boolean;
};

/** One entry of an explanation: a condition, whether it held, and on which messages. */
export type TraceEntry = {
  path: string;
  describe: string;
  holds: boolean;
  unknown?: string;
  messages: number[];
};

/**
 * Everything the conditions of one conversation read, computed once or on first use: messages by
 * role, positions, turns, response intervals, keyword occurrences, sentiment of any message.
 */
export class RuleEvaluation {
  readonly conversation: Conversation;
  readonly messages: readonly Message[];
  readonly features: readonly TextFeatures[];
  readonly metrics: ConversationMetrics;
  readonly language: Language;
  readonly isFinal: boolean;
  readonly isTracing: boolean;
  /** 0 … n−1: the whole conversation as a window. */
  readonly all: readonly number[];
  readonly byRole: Readonly<Record<Role, readonly number[]>>;
  /** 1-based position of each message among the messages of its role. */
  readonly ordinal: number[];
  /** Turn of each message: a turn is a run of messages from one role (system messages join the current one). */
  readonly turn: number[];
  /** For an agent message that answers a customer run: the index of the run's first message; else −1. */
  readonly answers: number[];
  /** For an answering agent message, its place in `metrics.responses` (which measures the wait); else −1. */
  readonly #response: number[];
  trace: TraceEntry[] | undefined;
  /** Depth of evaluation inside sequence windows, where tracing would repeat itself. */
  traceMuted = 0;
  readonly #keywords: KeywordAutomata;
  readonly #keywordHits: (readonly KeywordHit[] | undefined)[];
  readonly #grams: (number[] | undefined)[];
  readonly #similar: SimilarRegistry;
  readonly #similarScores: (SimilarScores | undefined)[];
  readonly #sentiment: (MessageSentiment | undefined)[];
  readonly #scorer: SentimentScorer | undefined;
  #memo: Map<unknown, unknown> | undefined;
  #keywordIds: number[] | undefined;

  constructor(input: RuleEvaluationInput) {
    const messages = input.conversation.messages;
    const n = messages.length;
    this.conversation = input.conversation;
    this.messages = messages;
    this.features = input.features;
    this.metrics = input.metrics;
    this.language = input.language;
    this.isFinal = input.isFinal ?? true;
    this.isTracing = input.isTracing ?? false;
    this.#keywords = input.ruleSet.keywords;
    this.#keywordHits = new Array(n);
    this.#grams = new Array(n);
    this.#similar = input.ruleSet.similar;
    this.#similarScores = new Array(n);
    this.#sentiment = input.sentiment;
    this.#scorer = input.sentimentScorer;
    const all: number[] = new Array(n);
    const byRole: Record<Role, number[]> = { customer: [], agent: [], bot: [], system: [] };
    // Plain arrays: one evaluation per conversation, and typed arrays cost more to allocate and collect.
    this.ordinal = new Array(n).fill(0);
    this.turn = new Array(n).fill(0);
    this.answers = new Array(n).fill(-1);
    this.#response = new Array(n).fill(-1);
    let turn = 0;
    let lastRole: Role | undefined;
    let runStart = -1;
    let responses = 0;
    for (let i = 0; i < n; i++) {
      const role = (messages[i] as Message).role;
      all[i] = i;
      const list = byRole[role];
      list.push(i);
      this.ordinal[i] = list.length;
      if (role !== 'system') {
        if (lastRole !== undefined && role !== lastRole) turn++;
        lastRole = role;
      }
      this.turn[i] = turn;
      // The runs computeMetrics answers, in the same order: its responses[k] is this message's wait.
      if (role === 'customer') {
        if (runStart < 0) runStart = i;
      } else if (role === 'agent' && runStart >= 0) {
        this.answers[i] = runStart;
        this.#response[i] = responses++;
        runStart = -1;
      }
    }
    this.all = all;
    this.byRole = byRole;
  }

  roleCount(role: Role): number {
    return this.byRole[role].length;
  }

  keywordHits(message: number): readonly KeywordHit[] {
    let hits = this.#keywordHits[message];
    if (hits === undefined) {
      const m = this.messages[message] as Message;
      hits = this.#keywords.find(m.role, (this.features[message] as TextFeatures).normalized);
      this.#keywordHits[message] = hits;
    }
    return hits;
  }

  /** The bigram set of a whole message, computed once however many repetition tests read it. */
  grams(message: number): number[] {
    let g = this.#grams[message];
    if (g === undefined) {
      g = bigrams((this.features[message] as TextFeatures).normalized);
      this.#grams[message] = g;
    }
    return g;
  }

  /** Scores of every `similar` condition of the rule set on this message, computed in one pass. */
  similarScores(message: number): SimilarScores {
    let s = this.#similarScores[message];
    if (s === undefined) {
      const text = (this.features[message] as TextFeatures).normalized;
      s = this.#similar.score(text, clauses(text));
      this.#similarScores[message] = s;
    }
    return s;
  }

  /** Whether any message of the conversation contains one of these keywords (or regex literals). */
  hasAnyKeyword(ids: KeywordIdSet): boolean {
    let found = this.#keywordIds;
    if (found === undefined) {
      const seen = new Set<number>();
      for (let m = 0; m < this.messages.length; m++) for (const h of this.keywordHits(m)) seen.add(h.id);
      found = [...seen];
      this.#keywordIds = found;
    }
    for (const id of found) if (hasKeywordId(ids, id)) return true;
    return false;
  }

  /** Whether sentiment comes from the default lexicon, whose flag terms the compiled rules know. */
  get isDefaultLexicon(): boolean {
    return this.#scorer === undefined || this.#scorer.lexicon === getDefaultSentimentLexicon();
  }

  sentimentOf(message: number): MessageSentiment {
    let s = this.#sentiment[message];
    if (s === undefined) {
      const f = this.features[message] as TextFeatures;
      s = (this.#scorer ?? getLexiconScorer()).score(
        f.normalized,
        f.emoji,
        f.language,
        this.conversation.messages[message]?.role,
      );
      this.#sentiment[message] = s;
    }
    return s;
  }

  /** Seconds the customer waited for this agent message (metrics.responses, docs/metrics.md); null when it answers nothing. */
  responseSec(message: number): number | null {
    const k = this.#response[message] as number;
    return k < 0 ? null : (this.metrics.responses[k] ?? null);
  }

  /** A per-conversation value computed once by whoever asks first (a building block's own tables). */
  memo<T>(key: unknown, compute: () => T): T {
    // Most conversations never ask: the map is made on first use.
    this.#memo ??= new Map();
    if (this.#memo.has(key)) return this.#memo.get(key) as T;
    const value = compute();
    this.#memo.set(key, value);
    return value;
  }

  span(message: number, start: number, end: number): Evidence {
    const text = (this.messages[message] as Message).text;
    return { message, start, end, text: text.slice(start, end) };
  }

  wholeMessage(message: number): Evidence {
    const text = (this.messages[message] as Message).text;
    const end = Math.min(text.length, MAX_EVIDENCE_CHARS);
    return { message, start: 0, end, text: text.slice(0, end) };
  }
}
