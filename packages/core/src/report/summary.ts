import type { AnalysisResult } from '../analysis/analysis-result.ts';
import type { Emotion } from '../sentiment/baseline-sentiment.ts';
import {
  addToHistogram,
  createQuantileHistogram,
  histogramQuantile,
  mergeHistograms,
  type QuantileHistogram,
} from './quantile-histogram.ts';

/** The part of one analysis result a summary needs: small, so workers can send it cheaply. */
export type SummaryFacts = {
  /** null when no scorecard applied. */
  score: number | null;
  passed: boolean | null;
  fatal: boolean;
  messages: number;
  firstResponseSec: number | null;
  /** A customer wrote and no agent ever answered. */
  isUnanswered: boolean;
  slaMet: boolean | null;
  hits: [rule: string, name: string][];
  agents: [id: string, messages: number, emoji: number, withEmoji: number, whileNegative: number][];
  customerEmotions: Partial<Record<Emotion, number>>;
  endEmotion?: Emotion;
  csat?: number;
  language: string;
  channel: string;
};

export function summaryFactsOf(r: AnalysisResult): SummaryFacts {
  const customerEmotions: Partial<Record<Emotion, number>> = {};
  for (const m of r.sentiment.messages) customerEmotions[m.emotion] = (customerEmotions[m.emotion] ?? 0) + 1;
  const facts: SummaryFacts = {
    score: r.score,
    passed: r.passed,
    fatal: r.fatal,
    messages:
      r.metrics.messages.customer +
      r.metrics.messages.agent +
      r.metrics.messages.bot +
      r.metrics.messages.system,
    firstResponseSec: r.metrics.firstResponseSec,
    isUnanswered: r.metrics.firstResponseSec === null && r.metrics.messages.customer > 0,
    slaMet: r.metrics.slaMet,
    hits: r.hits.map((h) => [h.rule, h.name]),
    agents: Object.entries(r.emoji.byAgent).map(([id, a]) => [
      id,
      a.messages,
      a.count,
      a.messagesWithEmoji,
      a.whileCustomerNegative,
    ]),
    customerEmotions,
    language: r.language,
    channel: r.channel,
  };
  if (r.sentiment.customer) facts.endEmotion = r.sentiment.customer.endEmotion;
  if (r.satisfaction.actual !== undefined) facts.csat = r.satisfaction.actual;
  return facts;
}

export type AgentSummary = {
  conversations: number;
  messages: number;
  emoji: number;
  messagesWithEmoji: number;
  emojiWhileCustomerNegative: number;
};

export type Summary = {
  conversations: number;
  messages: number;
  rejected: number;
  /** Conversations a scorecard applied to: the base of the average score and the pass rate. */
  scored: number;
  scoreSum: number;
  passed: number;
  fatal: number;
  firstResponse: QuantileHistogram;
  noAgentReply: number;
  slaApplicable: number;
  slaMet: number;
  hits: Record<string, { name: string; conversations: number }>;
  agents: Record<string, AgentSummary>;
  customerEmotions: Record<string, number>;
  endEmotions: Record<string, number>;
  csatCount: number;
  csatSum: number;
  languages: Record<string, number>;
  channels: Record<string, number>;
};

export function createSummary(): Summary {
  return {
    conversations: 0,
    messages: 0,
    rejected: 0,
    scored: 0,
    scoreSum: 0,
    passed: 0,
    fatal: 0,
    firstResponse: createQuantileHistogram(),
    noAgentReply: 0,
    slaApplicable: 0,
    slaMet: 0,
    hits: {},
    agents: {},
    customerEmotions: {},
    endEmotions: {},
    csatCount: 0,
    csatSum: 0,
    languages: {},
    channels: {},
  };
}

function entryOf<T>(o: Record<string, T>, key: string, make: () => T): T {
  let v = o[key];
  if (v === undefined) {
    v = make();
    o[key] = v;
  }
  return v;
}

const emptyAgent = (): AgentSummary => ({
  conversations: 0,
  messages: 0,
  emoji: 0,
  messagesWithEmoji: 0,
  emojiWhileCustomerNegative: 0,
});

const bump = (o: Record<string, number>, k: string, n = 1) => {
  o[k] = (o[k] ?? 0) + n;
};

export function addToSummary(s: Summary, f: SummaryFacts): void {
  s.conversations++;
  s.messages += f.messages;
  if (f.score !== null) {
    s.scored++;
    s.scoreSum += f.score;
    if (f.passed) s.passed++;
  }
  if (f.fatal) s.fatal++;
  if (f.isUnanswered) s.noAgentReply++;
  if (f.firstResponseSec !== null) addToHistogram(s.firstResponse, f.firstResponseSec);
  if (f.slaMet !== null) {
    s.slaApplicable++;
    if (f.slaMet) s.slaMet++;
  }
  for (const [rule, name] of f.hits) {
    entryOf(s.hits, rule, () => ({ name, conversations: 0 })).conversations++;
  }
  for (const [id, messages, emoji, withEmoji, whileNegative] of f.agents) {
    const a = entryOf(s.agents, id, emptyAgent);
    a.conversations++;
    a.messages += messages;
    a.emoji += emoji;
    a.messagesWithEmoji += withEmoji;
    a.emojiWhileCustomerNegative += whileNegative;
  }
  for (const [emotion, n] of Object.entries(f.customerEmotions)) bump(s.customerEmotions, emotion, n);
  if (f.endEmotion) bump(s.endEmotions, f.endEmotion);
  if (f.csat !== undefined) {
    s.csatCount++;
    s.csatSum += f.csat;
  }
  bump(s.languages, f.language);
  bump(s.channels, f.channel);
}

export function mergeSummaries(into: Summary, from: Summary): void {
  into.conversations += from.conversations;
  into.messages += from.messages;
  into.rejected += from.rejected;
  into.scored += from.scored;
  into.scoreSum += from.scoreSum;
  into.passed += from.passed;
  into.fatal += from.fatal;
  mergeHistograms(into.firstResponse, from.firstResponse);
  into.noAgentReply += from.noAgentReply;
  into.slaApplicable += from.slaApplicable;
  into.slaMet += from.slaMet;
  for (const [rule, h] of Object.entries(from.hits)) {
    entryOf(into.hits, rule, () => ({ name: h.name, conversations: 0 })).conversations += h.conversations;
  }
  for (const [id, a] of Object.entries(from.agents)) {
    const t = entryOf(into.agents, id, emptyAgent);
    t.conversations += a.conversations;
    t.messages += a.messages;
    t.emoji += a.emoji;
    t.messagesWithEmoji += a.messagesWithEmoji;
    t.emojiWhileCustomerNegative += a.emojiWhileCustomerNegative;
  }
  for (const [k, n] of Object.entries(from.customerEmotions)) bump(into.customerEmotions, k, n);
  for (const [k, n] of Object.entries(from.endEmotions)) bump(into.endEmotions, k, n);
  into.csatCount += from.csatCount;
  into.csatSum += from.csatSum;
  for (const [k, n] of Object.entries(from.languages)) bump(into.languages, k, n);
  for (const [k, n] of Object.entries(from.channels)) bump(into.channels, k, n);
}

/** The figures of a summary as plain JSON (for `--summary-json` and tests). */
export type SummaryReport = {
  conversations: number;
  messages: number;
  rejected: number;
  /** Conversations a scorecard applied to. */
  scoredConversations: number;
  averageScore: number | null;
  passRate: number | null;
  fatalConversations: number;
  firstResponseP50Sec: number | null;
  firstResponseP90Sec: number | null;
  noAgentReply: number;
  slaMetRate: number | null;
  averageCsat: number | null;
  ratedConversations: number;
  topHits: { rule: string; name: string; conversations: number; rate: number }[];
  agents: (AgentSummary & { id: string; emojiPerMessage: number })[];
  customerEmotions: Record<string, number>;
  endEmotions: Record<string, number>;
  languages: Record<string, number>;
  channels: Record<string, number>;
};

const ratio = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 1000) / 1000);

const sortedRecord = (o: Record<string, number>) =>
  Object.fromEntries(Object.entries(o).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));

export function reportSummary(s: Summary, topHits = 10): SummaryReport {
  return {
    conversations: s.conversations,
    messages: s.messages,
    rejected: s.rejected,
    scoredConversations: s.scored,
    averageScore: s.scored ? Math.round((s.scoreSum / s.scored) * 10) / 10 : null,
    passRate: ratio(s.passed, s.scored),
    fatalConversations: s.fatal,
    firstResponseP50Sec: histogramQuantile(s.firstResponse, 0.5),
    firstResponseP90Sec: histogramQuantile(s.firstResponse, 0.9),
    noAgentReply: s.noAgentReply,
    slaMetRate: ratio(s.slaMet, s.slaApplicable),
    averageCsat: s.csatCount ? Math.round((s.csatSum / s.csatCount) * 100) / 100 : null,
    ratedConversations: s.csatCount,
    topHits: Object.entries(s.hits)
      .map(([rule, h]) => ({
        rule,
        name: h.name,
        conversations: h.conversations,
        rate: ratio(h.conversations, s.conversations) ?? 0,
      }))
      .sort((a, b) => b.conversations - a.conversations || a.rule.localeCompare(b.rule))
      .slice(0, topHits),
    agents: Object.entries(s.agents)
      .map(([id, a]) => ({
        id,
        ...a,
        emojiPerMessage: a.messages ? Math.round((a.emoji / a.messages) * 100) / 100 : 0,
      }))
      .sort((a, b) => b.emojiPerMessage - a.emojiPerMessage || a.id.localeCompare(b.id)),
    customerEmotions: sortedRecord(s.customerEmotions),
    endEmotions: sortedRecord(s.endEmotions),
    languages: sortedRecord(s.languages),
    channels: sortedRecord(s.channels),
  };
}
