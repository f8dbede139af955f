import type { PrivacySettings } from '@serviq/contracts';
import {
  type AnalysisContext,
  type AnalysisResult,
  analyzeConversation,
  type Conversation,
  findPii,
  type ImportIssue,
  type NormalizeOptions,
  normalizeConversation,
  redactMessages,
  redactPii,
  redactResultEvidence,
} from '@serviq/core';
import { parseConversationJson } from '../parse-json-record.ts';
import { type ByteChunk, chunkLines, lineIssue } from '../read-lines.ts';
import { type CopyText, conversationRows, toCopyText } from './conversation-rows.ts';

export type PrepareOptions = {
  normalize: NormalizeOptions;
  privacy: PrivacySettings;
  ruleGeneration: number | null;
  analysedAt: number;
};

export type Participants = {
  agents: { id: string; name: string | null; team: string | null }[];
  customer: { id: string; name: string | null; isVip: boolean } | null;
};

/** A conversation ready to store: its rows as COPY text, and what the batch needs to know of it. */
export type PreparedConversation = Participants & {
  line: number;
  key: string;
  id: string;
  hour: number;
  messageCount: number;
  copy: CopyText;
};

export type PrepareResult = { prepared: PreparedConversation[]; issues: ImportIssue[]; lineCount: number };

/**
 * Analyses a conversation on its original text (PII rules need it; the analysis masks its own
 * evidence), then redacts the texts it will store and moves the evidence spans to match.
 */
export function analyseForStorage(
  conv: Conversation,
  ctx: AnalysisContext,
  privacy: PrivacySettings,
): { conversation: Conversation; result: AnalysisResult } {
  const result = analyzeConversation(conv, { ...ctx, isRedacting: privacy.isRedacting });
  if (!privacy.isRedacting) return { conversation: conv, result };
  const redacted = redactMessages(
    conv.messages.map((m) => m.text),
    privacy.piiKinds,
  );
  const comment = conv.rating?.comment;
  const conversation: Conversation = {
    ...conv,
    messages: conv.messages.map((m, i) => ({ ...m, text: redacted.texts[i] ?? m.text })),
    ...(conv.rating && comment
      ? {
          rating: {
            ...conv.rating,
            comment: redactPii(comment, findPii(comment, { kinds: privacy.piiKinds })),
          },
        }
      : {}),
  };
  return { conversation, result: redactResultEvidence(result, redacted.remap) };
}

export function participantsOf(conv: Conversation): Participants {
  return {
    agents: conv.agents.map((a) => ({ id: a.id, name: a.name ?? null, team: a.team ?? null })),
    customer: conv.customer
      ? { id: conv.customer.id, name: conv.customer.name ?? null, isVip: conv.customer.vip === true }
      : null,
  };
}

/** Rows of one analysed conversation, in the shape the batch writer takes. */
export function prepareAnalysed(
  conv: Conversation,
  result: AnalysisResult,
  line: number,
  options: Pick<PrepareOptions, 'ruleGeneration' | 'analysedAt'> & { status: 'open' | 'closed' },
): PreparedConversation {
  const rows = conversationRows(conv, result, options);
  return {
    line,
    key: `${conv.source}:${conv.id}`,
    id: rows.id,
    hour: rows.hour,
    messageCount: conv.messages.length,
    copy: toCopyText(rows),
    ...participantsOf(conv),
  };
}

/** Parses, validates, analyses and redacts a chunk of canonical JSONL; runs in a worker thread or inline. */
export function prepareChunk(chunk: ByteChunk, ctx: AnalysisContext, options: PrepareOptions): PrepareResult {
  const lines = chunkLines(chunk, 1);
  const prepared: PreparedConversation[] = [];
  const issues: ImportIssue[] = [];
  for (const l of lines) {
    const problem = lineIssue(l);
    if (problem) {
      issues.push(problem);
      continue;
    }
    if (l.text === undefined || l.text.trim() === '') continue;
    const record = parseConversationJson(l.text, l.line);
    if ('issue' in record) {
      issues.push(record.issue);
      continue;
    }
    const normalized = normalizeConversation(record.value, options.normalize, l.line);
    if (!normalized.ok) {
      issues.push(...normalized.issues);
      continue;
    }
    const { conversation, result } = analyseForStorage(normalized.value, ctx, options.privacy);
    prepared.push(prepareAnalysed(conversation, result, l.line, { ...options, status: 'closed' }));
  }
  return { prepared, issues, lineCount: lines.length };
}
