import type { EmojiMatch } from '../emoji/index.ts';
import { computeMetrics } from '../metrics/index.ts';
import type { Conversation, Message } from '../model/conversation.ts';
import { RuleEvaluation } from '../rules/rule-evaluation.ts';
import {
  type RuleVerdict,
  type ScorecardOutcome,
  scoreWithScorecard,
  selectScorecard,
} from '../rules/score-conversation.ts';
import type { MessageFlag, MessageSentiment } from '../sentiment/baseline-sentiment.ts';
import { predictSatisfaction, satisfactionInput } from '../sentiment/satisfaction.ts';
import { getLexiconScorer } from '../sentiment/sentiment-scorer.ts';
import type { Language } from '../text/detect-language.ts';
import { findPii, type PiiSpan, redactPii } from '../text/pii.ts';
import { computeTextFeatures, type TextFeatures } from '../text/text-features.ts';
import type { AnalysisContext } from './analysis-context.ts';
import type {
  AgentEmojiUse,
  AnalysisResult,
  CustomerTrajectory,
  EmojiUse,
  Evidence,
  MessageSentimentResult,
} from './analysis-result.ts';

type ScoredMessage = { message: Message; features: TextFeatures; sentiment?: MessageSentiment };

/** Asks analyzeConversation for the rule verdicts with their condition traces (`rules explain`, `rules test`). */
export type AnalysisObserver = { isTracing?: boolean; verdicts?: RuleVerdict[] };

const round3 = (x: number) => Math.round(x * 1000) / 1000;
const round2 = (x: number) => Math.round(x * 100) / 100;

function emptyEmojiUse(): EmojiUse {
  return { count: 0, messagesWithEmoji: 0, perMessage: 0, items: {}, categories: {} };
}

function addEmoji(use: EmojiUse, emoji: readonly EmojiMatch[]): void {
  if (emoji.length === 0) return;
  use.messagesWithEmoji++;
  for (const e of emoji) {
    use.count++;
    use.items[e.key] = (use.items[e.key] ?? 0) + 1;
    use.categories[e.category] = (use.categories[e.category] ?? 0) + 1;
  }
}

function conversationLanguage(messages: readonly ScoredMessage[]): Language {
  let zh = 0;
  let en = 0;
  let mixed = 0;
  for (const m of messages) {
    const l = m.features.language;
    if (l === 'zh') zh++;
    else if (l === 'en') en++;
    else if (l === 'mixed') mixed++;
  }
  const total = zh + en + mixed;
  if (total === 0) return 'und';
  if (mixed >= total * 0.2 || (zh >= total * 0.2 && en >= total * 0.2)) return 'mixed';
  return zh >= en ? 'zh' : 'en';
}

// Trend needs a real change, not one message's noise.
const TREND_DELTA = 0.25;

/**
 * Where the customer started and ended, the low point and the mean. The trend compares the
 * opening third of the customer's messages with the closing third, so one polite "ok" at the
 * end does not turn an angry conversation into an improved one.
 */
function trajectory(rows: readonly MessageSentimentResult[]): CustomerTrajectory | null {
  const first = rows[0];
  const last = rows.at(-1);
  if (!first || !last) return null;
  let min = first.polarity;
  let sum = 0;
  for (const r of rows) {
    min = Math.min(min, r.polarity);
    sum += r.polarity;
  }
  const third = Math.max(1, Math.floor(rows.length / 3));
  let opening = 0;
  let closing = 0;
  for (let i = 0; i < third; i++) {
    opening += (rows[i] as MessageSentimentResult).polarity;
    closing += (rows[rows.length - 1 - i] as MessageSentimentResult).polarity;
  }
  const delta = rows.length < 2 ? 0 : (closing - opening) / third;
  return {
    start: first.polarity,
    end: last.polarity,
    min,
    mean: round3(sum / rows.length),
    startEmotion: first.emotion,
    endEmotion: last.emotion,
    trend: delta >= TREND_DELTA ? 'improved' : delta <= -TREND_DELTA ? 'worsened' : 'flat',
  };
}

function maskEvidence(evidence: Evidence, pii: readonly PiiSpan[]): Evidence {
  let out = evidence.text;
  for (const span of pii) {
    const from = Math.max(span.start, evidence.start);
    const to = Math.min(span.end, evidence.end);
    if (from >= to) continue;
    out = out.slice(0, from - evidence.start) + '*'.repeat(to - from) + out.slice(to - evidence.start);
  }
  return out === evidence.text ? evidence : { ...evidence, text: out };
}

/** The whole file-based analysis of one conversation: pure and deterministic. */
export function analyzeConversation(
  conv: Conversation,
  ctx: AnalysisContext = {},
  observer?: AnalysisObserver,
): AnalysisResult {
  const featureOptions = {
    ...(ctx.segment ? { segment: ctx.segment } : {}),
    ...(ctx.emojiTable ? { emojiTable: ctx.emojiTable } : {}),
    ...(ctx.piiKinds ? { piiKinds: ctx.piiKinds } : {}),
  };
  const scored: ScoredMessage[] = [];
  const sentimentRows: MessageSentimentResult[] = [];
  const agentEmoji = emptyEmojiUse();
  const customerEmoji = emptyEmojiUse();
  const pii = { customer: 0, agent: 0 };
  const flags = new Set<MessageFlag>();
  const agents = new Set<string>();
  const byAgent: Record<string, AgentEmojiUse> = {};
  let agentMessages = 0;
  let customerMessages = 0;
  let isCustomerNegative = false;
  let agentRude = 0;
  let agentImpatient = 0;
  const scorer = ctx.sentimentScorer ?? getLexiconScorer();
  // Exports often name the one agent once, on the conversation, and not on each message.
  const soleAgent = conv.agents.length === 1 ? conv.agents[0]?.id : undefined;
  conv.messages.forEach((message, index) => {
    const features = computeTextFeatures(message.text, featureOptions);
    const row: ScoredMessage = { message, features };
    if (message.role === 'customer') {
      customerMessages++;
      addEmoji(customerEmoji, features.emoji);
      pii.customer += features.pii.length;
      const s = scorer.score(features.normalized, features.emoji, features.language, 'customer');
      row.sentiment = s;
      isCustomerNegative = s.label === 'negative';
      const out: MessageSentimentResult = {
        index,
        polarity: s.polarity,
        label: s.label,
        emotion: s.emotion,
        confidence: s.confidence,
      };
      if (s.flags.length > 0) {
        out.flags = s.flags;
        for (const f of s.flags) flags.add(f);
      }
      sentimentRows.push(out);
    } else if (message.role === 'agent') {
      agentMessages++;
      addEmoji(agentEmoji, features.emoji);
      // The agent's conduct: impatience and rudeness come from the lexicon, on every agent message.
      const s = scorer.score(features.normalized, features.emoji, features.language, 'agent');
      row.sentiment = s;
      // The conversation's `abuse` flag is the customer's; the agent's insults count as rude.
      if (s.flags.includes('rude')) {
        agentRude++;
        flags.add('rude');
      }
      if (s.flags.includes('impatient')) {
        agentImpatient++;
        flags.add('impatient');
      }
      pii.agent += features.pii.length;
      const agentId = message.authorId ?? soleAgent ?? '(unknown)';
      agents.add(agentId);
      let habits = byAgent[agentId];
      if (!habits) {
        habits = { messages: 0, count: 0, messagesWithEmoji: 0, whileCustomerNegative: 0 };
        byAgent[agentId] = habits;
      }
      habits.messages++;
      habits.count += features.emoji.length;
      if (features.emoji.length > 0) habits.messagesWithEmoji++;
      if (isCustomerNegative) habits.whileCustomerNegative += features.emoji.length;
    }
    scored.push(row);
  });
  agentEmoji.perMessage = agentMessages ? round2(agentEmoji.count / agentMessages) : 0;
  customerEmoji.perMessage = customerMessages ? round2(customerEmoji.count / customerMessages) : 0;
  for (const a of conv.agents) agents.add(a.id);

  const metrics = computeMetrics(conv, ctx.metrics);
  const language = (conv.language as Language | undefined) ?? conversationLanguage(scored);
  const scoring = score(conv, scored, metrics, language, ctx, observer);
  if (scoring && ctx.isRedacting) {
    for (const hit of scoring.hits) {
      hit.evidence = hit.evidence.map((e) => {
        const m = scored[e.message];
        return m ? maskEvidence(e, m.features.pii) : e;
      });
    }
  }
  const customer = trajectory(sentimentRows);
  const agentConduct = { rude: agentRude, impatient: agentImpatient };
  const flagList = [...flags].sort();
  const sentiment = { customer, messages: sentimentRows };
  const satisfaction: AnalysisResult['satisfaction'] = predictSatisfaction(
    satisfactionInput({ sentiment, flags: flagList, agentConduct, metrics }, conv.resolved),
    ctx.satisfactionModel,
  );
  if (conv.rating?.csat !== undefined) satisfaction.actual = conv.rating.csat;
  const result: AnalysisResult = {
    id: conv.id,
    source: conv.source,
    language,
    channel: conv.channel,
    agents: [...agents].sort(),
    score: scoring?.score ?? null,
    maxScore: 100,
    passed: scoring?.passed ?? null,
    alert: scoring?.alert ?? false,
    fatal: scoring?.fatal ?? false,
    scorecard: scoring?.scorecard.id ?? null,
    scorecardVersion: scoring?.scorecard.version ?? null,
    hits: scoring?.hits ?? [],
    notApplicable: scoring?.notApplicable ?? [],
    categories: scoring?.categories ?? [],
    metrics,
    sentiment,
    emoji: { agent: agentEmoji, customer: customerEmoji, byAgent },
    pii,
    agentConduct,
    satisfaction,
    flags: flagList,
  };
  if (conv.queue) result.queue = conv.queue;
  if (ctx.isRedacting) redactIdentifiers(result);
  return result;
}

/** The scorecard that applies to the conversation, if the context has rules and one applies. */
function score(
  conv: Conversation,
  scored: readonly ScoredMessage[],
  metrics: AnalysisResult['metrics'],
  language: Language,
  ctx: AnalysisContext,
  observer: AnalysisObserver | undefined,
): ScorecardOutcome | undefined {
  const ruleSet = ctx.ruleSet;
  if (!ruleSet) return undefined;
  const card = selectScorecard(ruleSet, conv, language);
  if (!card) return undefined;
  const ev = new RuleEvaluation({
    conversation: conv,
    features: scored.map((m) => m.features),
    sentiment: scored.map((m) => m.sentiment),
    metrics,
    language,
    ruleSet,
    ...(ctx.sentimentScorer ? { sentimentScorer: ctx.sentimentScorer } : {}),
    isTracing: observer?.isTracing ?? false,
  });
  const outcome = scoreWithScorecard(card, ev);
  observer?.verdicts?.push(...outcome.verdicts);
  return outcome;
}

function maskIdentifier(value: string): string {
  const spans = findPii(value);
  return spans.length === 0 ? value : redactPii(value, spans);
}

/** Ids are outputs too: a queue named by a phone number or an agent id that is an e-mail is masked. */
function redactIdentifiers(result: AnalysisResult): void {
  result.id = maskIdentifier(result.id);
  result.agents = result.agents.map(maskIdentifier);
  if (result.queue) result.queue = maskIdentifier(result.queue);
  const byAgent: Record<string, AgentEmojiUse> = {};
  for (const [id, use] of Object.entries(result.emoji.byAgent)) byAgent[maskIdentifier(id)] = use;
  result.emoji.byAgent = byAgent;
}
