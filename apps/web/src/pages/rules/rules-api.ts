import type { AnalysisResult, Evidence } from '@serviq/core';
import { api } from '../../api/client.ts';

/** GET /rule-sets: one row per rule set, with the scorecards of its published version. */
export type RuleSetSummary = {
  id: string;
  name: string;
  publishedVersion: number | null;
  latestVersion: number;
  isActive: boolean;
  updatedAt: string;
  scorecards: { id: string; name: string; ruleCount: number }[];
};

export type RuleSetVersionSummary = {
  version: number;
  fileName: string;
  note: string | null;
  createdBy: number | null;
  createdAt: string;
};

/** GET /rule-sets/{id}?version=N: that version's text and the whole history, newest first. */
export type RuleSetDetail = {
  id: string;
  name: string;
  publishedVersion: number | null;
  latestVersion: number;
  isActive: boolean;
  createdAt: string;
  updatedAt: string;
  version: RuleSetVersionSummary & { source: string };
  versions: RuleSetVersionSummary[];
};

export type RuleWarning = { file: string; line: number | null; column: number | null; message: string };

export type SavedDraft = {
  id: string;
  version: number;
  isNewVersion: boolean;
  publishedVersion: number | null;
  warnings: RuleWarning[];
};

/** What publish and activate answer: the re-score job, or null when analysis did not change. */
export type RuleSetChange = { generation: number | null; jobId: number | null };

export type JobView = {
  id: number;
  kind: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  total: number | null;
  done: number;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

export type ScoreStats = {
  scored: number;
  mean: number | null;
  passed: number;
  passRate: number | null;
  histogram: number[];
};

export type DryRunRule = {
  scorecard: string;
  rule: string;
  name: string;
  conversations: number;
  conversationsBefore: number;
  evidence: number;
  examples: { conversationId: string; externalId: string; evidence: Evidence[] }[];
};

/** POST /rule-sets:dry-run. */
export type DryRunReport = {
  examined: number;
  warnings: RuleWarning[];
  before: ScoreStats;
  after: ScoreStats;
  changed: { score: number; nowPassed: number; nowFailed: number; scorecard: number };
  rules: DryRunRule[];
};

/** The parts of GET /conversations/{id} the preview reads. */
export type StoredConversation = {
  id: string;
  source: string;
  externalId: string;
  channel: string;
  queue: string | null;
  tags: string[];
  agentId: string | null;
  teamId: string | null;
  startedAt: string;
  endedAt: string | null;
  csat: number | null;
  score: number | null;
  language: string | null;
  industry: string | null;
  customerId: string | null;
  agentIds: string[];
  ratingComment: string | null;
  isResolved: boolean | null;
  analysis: AnalysisResult | null;
  messages: {
    id: string;
    at: string;
    role: 'customer' | 'agent' | 'bot' | 'system';
    authorId: string | null;
    text: string;
    durationMs: number | null;
  }[];
};

/** A row of GET /conversations, as the stored-conversation picker shows it. */
export type ConversationRow = {
  id: string;
  externalId: string;
  channel: string;
  startedAt: string;
  score: number | null;
  hitRules: string[];
};

const path = (id: string) => `/rule-sets/${encodeURIComponent(id)}`;

export const rulesApi = {
  list: (signal?: AbortSignal) => api<RuleSetSummary[]>('GET', '/rule-sets', signal ? { signal } : {}),
  get: (id: string, version?: number, signal?: AbortSignal) =>
    api<RuleSetDetail>('GET', path(id), { query: { version }, ...(signal ? { signal } : {}) }),
  save: (id: string, body: { name: string; source: string; fileName?: string; note?: string }) =>
    api<SavedDraft>('PUT', path(id), { body }),
  publish: (id: string, version: number) =>
    api<RuleSetChange & { version: number }>('POST', `${path(id)}/publish`, { body: { version } }),
  setActive: (id: string, isActive: boolean) =>
    api<RuleSetChange & { isActive: boolean }>('POST', `${path(id)}/active`, { body: { isActive } }),
  dryRun: (body: { id?: string; source: string; fileName?: string; limit: number }, signal?: AbortSignal) =>
    api<DryRunReport>('POST', '/rule-sets:dry-run', { body, ...(signal ? { signal } : {}) }),
  job: (id: number, signal?: AbortSignal) => api<JobView>('GET', `/jobs/${id}`, signal ? { signal } : {}),
  conversation: (id: string, signal?: AbortSignal) =>
    api<StoredConversation>('GET', `/conversations/${encodeURIComponent(id)}`, signal ? { signal } : {}),
  searchConversations: (q: string, signal?: AbortSignal) =>
    api<{ items: ConversationRow[] }>('GET', '/conversations', {
      query: { q: q.trim() || undefined, limit: 10 },
      ...(signal ? { signal } : {}),
    }),
};
