import {
  analyzeConversation,
  type Channel,
  type CompiledRuleSet,
  type Conversation,
  type EmojiMatch,
  type Evidence,
  type Language,
  type MessageSentiment,
  normalizeConversation,
  normalizeText,
  ROLES,
  type Role,
  type RuleVerdict,
  SentimentScorer,
  type Severity,
} from '@serviq/core';
import type { StoredConversation } from './rules-api.ts';

/** Why a pasted text is not a conversation; the page words it in the user's language. */
export type PasteProblem =
  | { code: 'empty' }
  | { code: 'json'; detail: string }
  | { code: 'line'; line: number }
  | { code: 'invalid'; detail: string };

export type PasteResult = { ok: true; conversation: Conversation } | { ok: false; problem: PasteProblem };

// Like rule test cases (docs/rules.md): a Monday 09:00 in Shanghai, messages 10 s apart unless told.
const START_MS = Date.UTC(2026, 0, 5, 1, 0, 0);
const GAP_SEC = 10;

const ROLE_NAMES: Record<string, Role> = {
  customer: 'customer',
  c: 'customer',
  客户: 'customer',
  顾客: 'customer',
  用户: 'customer',
  买家: 'customer',
  agent: 'agent',
  a: 'agent',
  客服: 'agent',
  坐席: 'agent',
  bot: 'bot',
  机器人: 'bot',
  system: 'system',
  系统: 'system',
};

// `agent: text`, `客服：text`, `agent +90s: text` (90 s after the previous message).
const LINE =
  /^\s*([a-z]+|[\u4e00-\u9fff]{1,3})\s*(?:[(（]?\s*\+\s*(\d+(?:\.\d+)?)\s*(?:s|秒)?\s*[)）]?)?\s*[:：]\s?(.*)$/i;

/** Shorthand `{ customer: text, after: 30 }` messages and canonical ones without `at` get times. */
function timed(messages: readonly unknown[]): unknown[] {
  let at = START_MS;
  return messages.map((m, i) => {
    if (typeof m !== 'object' || m === null) return m;
    const message = m as Record<string, unknown>;
    const after = typeof message.after === 'number' ? message.after : GAP_SEC;
    if (i > 0) at += after * 1000;
    const { after: _after, ...rest } = message;
    if ('role' in rest) return 'at' in rest ? rest : { ...rest, at };
    const role = ROLES.find((r) => r in rest);
    if (!role) return rest;
    const { [role]: text, ...other } = rest;
    return { ...other, role, text, at };
  });
}

function normalized(raw: Record<string, unknown>, channel: Channel): PasteResult {
  const messages = Array.isArray(raw.messages) ? timed(raw.messages) : raw.messages;
  const result = normalizeConversation({ id: 'preview', channel, ...raw, messages });
  if (result.ok) return { ok: true, conversation: result.value };
  return {
    ok: false,
    problem: { code: 'invalid', detail: result.issues.map((i) => `${i.field}: ${i.reason}`).join('; ') },
  };
}

/**
 * A conversation pasted into the preview: canonical JSON (DESIGN §4; `id`, `channel` and message
 * times may be left out) or the rule cases' shorthand `{ messages: [{ customer: … }] }`, or one
 * message per line, `customer: …` / `agent +90s: …` (Chinese role names too); a line without a
 * role continues the message above it.
 */
export function parsePastedConversation(text: string, channel: Channel): PasteResult {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, problem: { code: 'empty' } };
  if (trimmed.startsWith('{')) {
    let raw: unknown;
    try {
      raw = JSON.parse(trimmed);
    } catch (error) {
      return { ok: false, problem: { code: 'json', detail: (error as Error).message } };
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      return { ok: false, problem: { code: 'json', detail: 'not an object' } };
    return normalized(raw as Record<string, unknown>, channel);
  }
  const messages: { role: Role; text: string; after?: number }[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const m = LINE.exec(line);
    const role = m ? ROLE_NAMES[(m[1] as string).toLowerCase()] : undefined;
    if (m && role) {
      messages.push({ role, text: m[3] as string, ...(m[2] ? { after: Number(m[2]) } : {}) });
      continue;
    }
    const last = messages.at(-1);
    if (last) last.text = `${last.text}\n${line}`;
    else if (line.trim() !== '') return { ok: false, problem: { code: 'line', line: i + 1 } };
  }
  return normalized(
    {
      messages: messages.map((m) => ({
        [m.role]: m.text.trimEnd(),
        ...(m.after !== undefined ? { after: m.after } : {}),
      })),
    },
    channel,
  );
}

/** A stored conversation back in canonical form (events are not in the API's answer). */
export function storedToConversation(stored: StoredConversation): PasteResult {
  return normalized(
    {
      id: stored.externalId,
      source: stored.source,
      language: stored.language ?? undefined,
      startedAt: stored.startedAt,
      endedAt: stored.endedAt ?? undefined,
      queue: stored.queue ?? undefined,
      tags: stored.tags,
      industry: stored.industry ?? undefined,
      customer: stored.customerId ? { id: stored.customerId } : undefined,
      agents: stored.agentIds.map((id) => ({
        id,
        ...(id === stored.agentId && stored.teamId ? { team: stored.teamId } : {}),
      })),
      messages: stored.messages.map((m) => ({
        id: m.id,
        at: m.at,
        role: m.role,
        authorId: m.authorId ?? undefined,
        text: m.text,
        durationMs: m.durationMs ?? undefined,
      })),
      rating:
        stored.csat !== null || stored.ratingComment
          ? { csat: stored.csat ?? undefined, comment: stored.ratingComment ?? undefined }
          : undefined,
      resolved: stored.isResolved ?? undefined,
    },
    stored.channel as Channel,
  );
}

/**
 * The customer's sentiment and emotion as the server's models found them (its stored analysis), by
 * message text; agent messages and anything not stored fall back to the lexicon, as on the server,
 * where agents are scored by the lexicon alone. The same text always scores the same there, so
 * keying by the normalised text is exact.
 */
export class StoredSentimentScorer extends SentimentScorer {
  readonly #known: ReadonlyMap<string, MessageSentiment>;

  constructor(stored: StoredConversation) {
    super();
    const known = new Map<string, MessageSentiment>();
    for (const s of stored.analysis?.sentiment.messages ?? []) {
      const message = stored.messages[s.index];
      if (message?.role !== 'customer') continue;
      known.set(normalizeText(message.text), {
        polarity: s.polarity,
        label: s.label,
        emotion: s.emotion,
        confidence: s.confidence,
        flags: s.flags ?? [],
      });
    }
    this.#known = known;
  }

  /** How many customer messages have the server's sentiment. */
  get size(): number {
    return this.#known.size;
  }

  override score(
    normalizedText: string,
    emoji: readonly EmojiMatch[],
    language: Language,
    role: Role = 'customer',
  ): MessageSentiment {
    const known = role === 'customer' ? this.#known.get(normalizedText) : undefined;
    return known ?? super.score(normalizedText, emoji, language, role);
  }
}

/** What to preview: pasted text, or a stored conversation as GET /conversations/{id} answers it. */
export type PreviewRequest =
  | { kind: 'paste'; text: string; channel: Channel }
  | { kind: 'stored'; stored: StoredConversation };

/** A conversation ready to analyse, with the sentiment to use for it. */
export type PreparedPreview = {
  request: PreviewRequest;
  conversation: Conversation;
  scorer?: StoredSentimentScorer;
};

export type PreviewHit = {
  id: string;
  name: string;
  severity: Severity;
  points: number;
  isFatal: boolean;
  occurrences: number;
  evidence: Evidence[];
  /** The rule comes from the draft being edited (not from another rule set it is compiled with). */
  isDraft: boolean;
};

/** The preview's outcome in plain data (it crosses from the rule worker to the page). */
export type PreviewView = {
  /** Where customer sentiment came from: the lexicon in the browser, or the server's stored analysis. */
  sentiment: 'lexicon' | 'stored';
  /** Customer messages whose stored sentiment was used. */
  storedSentiments: number;
  channel: string;
  language: string;
  scorecard: string | null;
  score: number | null;
  maxScore: number;
  passed: boolean | null;
  isFatal: boolean;
  isAlert: boolean;
  hits: PreviewHit[];
  notApplicable: { id: string; name: string; reason?: string }[];
  passedRules: number;
  messages: { role: Role; text: string }[];
  /** The stored conversation's own analysis, to compare with. */
  stored?: { id: string; score: number | null; scorecard: string | null; hits: string[] };
};

export type PreviewAnswer = { ok: true; view: PreviewView } | { ok: false; problem: PasteProblem };

export function preparePreview(
  request: PreviewRequest,
): { ok: true; prepared: PreparedPreview } | { ok: false; problem: PasteProblem } {
  if (request.kind === 'paste') {
    const parsed = parsePastedConversation(request.text, request.channel);
    return parsed.ok ? { ok: true, prepared: { request, conversation: parsed.conversation } } : parsed;
  }
  const parsed = storedToConversation(request.stored);
  if (!parsed.ok) return parsed;
  return {
    ok: true,
    prepared: {
      request,
      conversation: parsed.conversation,
      scorer: new StoredSentimentScorer(request.stored),
    },
  };
}

/** The whole analysis of one conversation with the draft's rule set, as the server would run it. */
export function runPreview(prepared: PreparedPreview, ruleSet: CompiledRuleSet): PreviewView {
  const verdicts: RuleVerdict[] = [];
  const { conversation, scorer, request } = prepared;
  const result = analyzeConversation(
    conversation,
    { ruleSet, ...(scorer ? { sentimentScorer: scorer } : {}) },
    { verdicts },
  );
  const stored = request.kind === 'stored' ? request.stored : undefined;
  return {
    sentiment: scorer ? 'stored' : 'lexicon',
    storedSentiments: scorer?.size ?? 0,
    channel: conversation.channel,
    language: result.language,
    scorecard: result.scorecard,
    score: result.score,
    maxScore: result.maxScore,
    passed: result.passed,
    isFatal: result.fatal,
    isAlert: result.alert,
    hits: verdicts
      .filter((v) => v.status === 'hit')
      .map((v) => ({
        id: v.rule.id,
        name: v.rule.name,
        severity: v.rule.severity,
        points: v.points,
        isFatal: v.rule.isFatal,
        occurrences: v.occurrences,
        evidence: v.evidence,
        isDraft: false,
      })),
    notApplicable: verdicts
      .filter((v) => v.status === 'not-applicable')
      .map((v) => ({ id: v.rule.id, name: v.rule.name, ...(v.reason ? { reason: v.reason } : {}) })),
    passedRules: verdicts.filter((v) => v.status === 'pass').length,
    messages: conversation.messages.map((m) => ({ role: m.role, text: m.text })),
    ...(stored
      ? {
          stored: {
            id: stored.id,
            score: stored.analysis?.score ?? null,
            scorecard: stored.analysis?.scorecard ?? null,
            hits: stored.analysis?.hits.map((h) => h.rule) ?? [],
          },
        }
      : {}),
  };
}
