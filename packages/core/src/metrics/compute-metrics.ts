import type { Channel, Conversation } from '../model/conversation.ts';
import { type BusinessClock, type BusinessHours, createBusinessClock } from './business-hours.ts';
import { percentile } from './percentile.ts';
import { msToSec } from './units.ts';
import { computeVoiceMetrics, type VoiceMetrics, type VoiceOptions } from './voice-metrics.ts';

export type SlaPolicy = {
  /** Target for the first human response, in seconds (business seconds when `businessHours` is set). */
  firstResponseSec: number;
  /** Target for every later response interval; the SLA is missed when any interval exceeds it. */
  responseSec?: number;
  businessHours?: BusinessHours;
};

/** Per-channel policies; `null` switches a channel's SLA off, `default` covers channels not listed. */
export type SlaOptions = Partial<Record<Channel, SlaPolicy | null>> & { default?: SlaPolicy | null };

export type MetricsOptions = {
  /** Looked up as sla[channel], then sla.default, then DEFAULT_SLA[channel]. */
  sla?: SlaOptions;
  voice?: VoiceOptions;
};

/**
 * Built-in first-response targets. Voice has none: a transcript starts when the call is answered,
 * so the queue time an answer SLA measures is not in it. `other` has none: nothing sensible to assume.
 */
export const DEFAULT_SLA: Readonly<Partial<Record<Channel, Readonly<SlaPolicy>>>> = Object.freeze({
  chat: Object.freeze({ firstResponseSec: 60 }),
  miniprogram: Object.freeze({ firstResponseSec: 60 }),
  social: Object.freeze({ firstResponseSec: 60 }),
  sms: Object.freeze({ firstResponseSec: 3600 }),
  email: Object.freeze({ firstResponseSec: 86_400 }),
});

export type ConversationMetrics = {
  /** First human agent message after the first customer message; null when no agent replies. Equals responses[0]. */
  firstResponseSec: number | null;
  /** Every human response interval, in conversation order. */
  responses: number[];
  avgResponseSec: number | null;
  medianResponseSec: number | null;
  p90ResponseSec: number | null;
  maxResponseSec: number | null;
  /** Longest wait of the customer that ended in any reply (agent or bot); null when no customer message was answered. */
  maxCustomerWaitSec: number | null;
  /** Wait of a trailing customer run no one answered, up to the end of the conversation; null when none. */
  unansweredWaitSec: number | null;
  /** From the earlier of startedAt and the first message to the later of endedAt and the end of the last message. */
  handleSec: number;
  /** firstResponseSec counted in open business time; present when the SLA policy has business hours. */
  firstResponseBusinessSec?: number | null;
  /** null when no SLA applies to the channel, there is no customer message, or no judgement is possible yet. */
  slaMet: boolean | null;
  /** Present when an SLA policy applies. */
  slaTargetSec?: number;
  /** The measured value compared with slaTargetSec (business seconds when configured); present with it. */
  slaElapsedSec?: number | null;
  messages: { customer: number; agent: number; bot: number; system: number };
  /** UTF-16 code units, as JavaScript string offsets count them. */
  agentMessageChars: number;
  customerMessageChars: number;
  /** Events of type 'transfer'. */
  transfers: number;
  /** Distinct authors of agent messages (unlabelled agent messages count as one agent when none is labelled). */
  agentsInvolved: number;
  /** A bot replied to the customer before the first human response. */
  botHandoff: boolean;
  /** From the handoff to the first human response; null without a handoff. */
  botHandoffSec: number | null;
  /** Present when some message carries durationMs. */
  voice?: VoiceMetrics;
};

type CompiledPolicy = { targetMs: number; responseMs: number | undefined; clock: BusinessClock | undefined };

// Compiling business hours reads the zone through Intl; cache per policy object so a run reuses one clock
// (policies are therefore read once: treat them as immutable).
const compiledPolicies = new WeakMap<SlaPolicy, CompiledPolicy>();

function checkSeconds(value: unknown, key: string): void {
  if (typeof value !== 'number' || !(value >= 0 && value < Number.POSITIVE_INFINITY)) {
    throw new Error(
      `SLA policy: ${key} must be a non-negative number of seconds, got ${JSON.stringify(value)}`,
    );
  }
}

function compilePolicy(policy: SlaPolicy): CompiledPolicy {
  let compiled = compiledPolicies.get(policy);
  if (compiled !== undefined) return compiled;
  checkSeconds(policy.firstResponseSec, 'firstResponseSec');
  if (policy.responseSec !== undefined) checkSeconds(policy.responseSec, 'responseSec');
  compiled = {
    targetMs: policy.firstResponseSec * 1000,
    responseMs: policy.responseSec === undefined ? undefined : policy.responseSec * 1000,
    clock: policy.businessHours === undefined ? undefined : createBusinessClock(policy.businessHours),
  };
  compiledPolicies.set(policy, compiled);
  return compiled;
}

// Module-level helpers rather than closures: computeMetrics runs per conversation and must not allocate them.
function elapsedMs(clock: BusinessClock | undefined, from: number, to: number): number {
  return clock ? clock.openMs(from, to) : Math.max(0, to - from);
}

function percentileSec(sorted: Float64Array, p: number): number | null {
  const v = percentile(sorted, p);
  return v === null ? null : msToSec(v * 1000);
}

/** The SLA policy that applies to a channel, or undefined when none does. */
export function resolveSlaPolicy(channel: Channel, sla: SlaOptions = {}): SlaPolicy | undefined {
  const own = sla[channel];
  if (own !== undefined) return own ?? undefined;
  if (sla.default !== undefined) return sla.default ?? undefined;
  return DEFAULT_SLA[channel];
}

/**
 * Response, wait, handle, SLA, transfer, handoff and voice metrics of one conversation in one pass
 * over its messages. Definitions: docs/metrics.md.
 */
export function computeMetrics(conv: Conversation, options: MetricsOptions = {}): ConversationMetrics {
  const policy = resolveSlaPolicy(conv.channel, options.sla);
  const compiled = policy === undefined ? undefined : compilePolicy(policy);
  const clock = compiled?.clock;

  let customer = 0;
  let agent = 0;
  let bot = 0;
  let system = 0;
  let agentChars = 0;
  let customerChars = 0;
  let firstAt = Number.POSITIVE_INFINITY;
  let lastEnd = Number.NEGATIVE_INFINITY;
  let hasSpeech = false;
  let hasCustomer = false;
  // Wait starts of the open customer run: `human` closes on an agent message, `any` on agent or bot.
  let humanWait: number | undefined;
  let anyWait: number | undefined;
  let firstReplyAt: number | undefined;
  let firstReplyFrom: number | undefined;
  let hasBotReply = false;
  let lastBotEnd = 0;
  let handoffFrom: number | undefined;
  const responses: number[] = [];
  let responseSumMs = 0;
  let maxWaitMs = -1;
  let isResponseSlaMissed = false;
  let firstAuthor: string | undefined;
  let authors: Set<string> | undefined;
  let hasUnlabelledAgent = false;

  for (const m of conv.messages) {
    const at = m.at;
    const end = m.durationMs === undefined ? at : at + m.durationMs;
    if (at < firstAt) firstAt = at;
    if (end > lastEnd) lastEnd = end;
    if (m.durationMs !== undefined) hasSpeech = true;
    switch (m.role) {
      case 'customer': {
        customer++;
        customerChars += m.text.length;
        hasCustomer = true;
        // Text: the customer waits from the first unanswered message. Speech: from the end of the turn.
        if (m.durationMs === undefined) {
          humanWait ??= at;
          anyWait ??= at;
        } else {
          humanWait = humanWait === undefined || end > humanWait ? end : humanWait;
          anyWait = anyWait === undefined || end > anyWait ? end : anyWait;
        }
        break;
      }
      case 'agent': {
        agent++;
        agentChars += m.text.length;
        const author = m.authorId;
        if (author === undefined) hasUnlabelledAgent = true;
        else if (firstAuthor === undefined) firstAuthor = author;
        else if (author !== firstAuthor) {
          authors ??= new Set([firstAuthor]);
          authors.add(author);
        }
        if (humanWait !== undefined) {
          const ms = Math.max(0, at - humanWait);
          responses.push(msToSec(ms));
          responseSumMs += ms;
          if (firstReplyAt === undefined) {
            firstReplyAt = at;
            firstReplyFrom = humanWait;
            // The customer then waits for a human from their request after the bot's last word, else from that word.
            if (hasBotReply) handoffFrom = anyWait ?? lastBotEnd;
          } else if (
            compiled?.responseMs !== undefined &&
            elapsedMs(clock, humanWait, at) > compiled.responseMs
          ) {
            isResponseSlaMissed = true;
          }
          humanWait = undefined;
        }
        if (anyWait !== undefined) {
          maxWaitMs = Math.max(maxWaitMs, at - anyWait, 0);
          anyWait = undefined;
        }
        break;
      }
      case 'bot': {
        bot++;
        if (hasCustomer && firstReplyAt === undefined) {
          hasBotReply = true;
          lastBotEnd = end;
        }
        if (anyWait !== undefined) {
          maxWaitMs = Math.max(maxWaitMs, at - anyWait, 0);
          anyWait = undefined;
        }
        break;
      }
      default:
        system++;
    }
  }

  let transfers = 0;
  for (const e of conv.events) if (e.type === 'transfer') transfers++;

  const start = Math.min(conv.startedAt, firstAt);
  const end = Math.max(conv.endedAt, lastEnd);
  const firstResponseSec = responses[0] ?? null;
  const n = responses.length;
  const sorted = new Float64Array(n);
  for (let i = 0; i < n; i++) sorted[i] = responses[i] ?? 0;
  sorted.sort();

  const metrics: ConversationMetrics = {
    firstResponseSec,
    responses,
    avgResponseSec: n > 0 ? msToSec(responseSumMs / n) : null,
    medianResponseSec: percentileSec(sorted, 0.5),
    p90ResponseSec: percentileSec(sorted, 0.9),
    maxResponseSec: n > 0 ? (sorted[n - 1] ?? null) : null,
    maxCustomerWaitSec: maxWaitMs >= 0 ? msToSec(maxWaitMs) : null,
    unansweredWaitSec: anyWait === undefined ? null : msToSec(Math.max(0, end - anyWait)),
    handleSec: msToSec(Math.max(0, end - start)),
    slaMet: null,
    messages: { customer, agent, bot, system },
    agentMessageChars: agentChars,
    customerMessageChars: customerChars,
    transfers,
    agentsInvolved: authors?.size ?? (firstAuthor !== undefined || hasUnlabelledAgent ? 1 : 0),
    botHandoff: handoffFrom !== undefined,
    botHandoffSec:
      handoffFrom !== undefined && firstReplyAt !== undefined
        ? msToSec(Math.max(0, firstReplyAt - handoffFrom))
        : null,
  };

  if (compiled !== undefined) {
    if (clock !== undefined) {
      metrics.firstResponseBusinessSec =
        firstReplyAt !== undefined && firstReplyFrom !== undefined
          ? msToSec(clock.openMs(firstReplyFrom, firstReplyAt))
          : null;
    }
    metrics.slaTargetSec = compiled.targetMs / 1000;
    metrics.slaElapsedSec = null;
    if (firstReplyAt !== undefined && firstReplyFrom !== undefined) {
      const ms = elapsedMs(clock, handoffFrom ?? firstReplyFrom, firstReplyAt);
      metrics.slaElapsedSec = msToSec(ms);
      metrics.slaMet = ms <= compiled.targetMs && !isResponseSlaMissed;
    } else if (hasCustomer) {
      // No human reply: after a bot reply a human is only owed if the customer wrote after the bot's last word.
      const waitFrom = hasBotReply ? anyWait : humanWait;
      if (waitFrom !== undefined) {
        const ms = elapsedMs(clock, waitFrom, end);
        metrics.slaElapsedSec = msToSec(ms);
        // A wait shorter than the target proves nothing: the customer left before the SLA ran out.
        if (ms > compiled.targetMs) metrics.slaMet = false;
      }
    }
  }
  if (hasSpeech) metrics.voice = computeVoiceMetrics(conv.messages, options.voice);
  return metrics;
}
