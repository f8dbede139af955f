import type { Message } from '../model/conversation.ts';
import { msToSec, roundTo } from './units.ts';

export type VoiceOptions = {
  /** A gap in speech at least this long is a silence (default 3 s). */
  silenceSec?: number;
  /** Cross-talk at least this long is an interruption; shorter overlap is back-channel or turn-taking (default 1 s). */
  interruptionMinSec?: number;
};

export const DEFAULT_VOICE_OPTIONS: Readonly<Required<VoiceOptions>> = Object.freeze({
  silenceSec: 3,
  interruptionMinSec: 1,
});

export type VoiceMetrics = {
  /** Speaking time per party: the union of its segments, so a party's own overlapping segments count once. */
  talkSec: { customer: number; agent: number };
  /** agent / (agent + customer) talk time, 3 decimals; null when neither party spoke. */
  talkRatioAgent: number | null;
  /** Total of the gaps that count as silences (≥ silenceSec) between the first and last speech. */
  silenceSec: number;
  /** Longest gap in speech of any length; 0 when speech never pauses. */
  longestSilenceSec: number;
  silences: number;
  /** Segments that start while the other party (customer vs agent) is still speaking. */
  overlaps: number;
  /** Time both parties speak at once. */
  overlapSec: number;
  interruptionsByAgent: number;
  interruptionsByCustomer: number;
  /** Spoken characters per minute of the party's speech (letters, digits, ideographs; 1 decimal); null without speech. */
  speechRateAgentCpm: number | null;
  speechRateCustomerCpm: number | null;
};

/**
 * Voice metrics over the speech segments of a conversation: messages carrying `durationMs`
 * (start = at, end = at + durationMs), in the conversation's (time-sorted) order. System
 * messages and messages without a duration are not speech and are skipped.
 */
export function computeVoiceMetrics(messages: readonly Message[], options: VoiceOptions = {}): VoiceMetrics {
  const silenceMs = (options.silenceSec ?? DEFAULT_VOICE_OPTIONS.silenceSec) * 1000;
  const interruptionMs = (options.interruptionMinSec ?? DEFAULT_VOICE_OPTIONS.interruptionMinSec) * 1000;
  let speechEnd = Number.NEGATIVE_INFINITY;
  let customerEnd = Number.NEGATIVE_INFINITY;
  let agentEnd = Number.NEGATIVE_INFINITY;
  let overlapEnd = Number.NEGATIVE_INFINITY;
  let customerTalk = 0;
  let agentTalk = 0;
  let silences = 0;
  let silenceTotal = 0;
  let longestSilence = 0;
  let overlaps = 0;
  let overlapTotal = 0;
  let byAgent = 0;
  let byCustomer = 0;
  let agentChars = 0;
  let agentRateMs = 0;
  let customerChars = 0;
  let customerRateMs = 0;

  for (const m of messages) {
    if (m.durationMs === undefined || m.role === 'system') continue;
    const start = m.at;
    const end = start + m.durationMs;
    const gap = start - speechEnd;
    if (gap > 0 && speechEnd > Number.NEGATIVE_INFINITY) {
      if (gap > longestSilence) longestSilence = gap;
      if (gap >= silenceMs) {
        silences++;
        silenceTotal += gap;
      }
    }
    if (end > speechEnd) speechEnd = end;
    if (m.role !== 'customer' && m.role !== 'agent') continue;

    const isAgent = m.role === 'agent';
    const ownEnd = isAgent ? agentEnd : customerEnd;
    const otherEnd = isAgent ? customerEnd : agentEnd;
    const talk = end - Math.max(start, ownEnd);
    if (talk > 0) {
      if (isAgent) agentTalk += talk;
      else customerTalk += talk;
    }
    // Segments arrive by start time, so the other party's latest segment covers [≤ start, otherEnd].
    const crossEnd = Math.min(end, otherEnd);
    if (crossEnd > start) {
      overlaps++;
      overlapTotal += Math.max(0, crossEnd - Math.max(start, overlapEnd));
      if (crossEnd > overlapEnd) overlapEnd = crossEnd;
      if (crossEnd - start >= interruptionMs) {
        if (isAgent) byAgent++;
        else byCustomer++;
      }
    }
    if (isAgent) agentEnd = Math.max(agentEnd, end);
    else customerEnd = Math.max(customerEnd, end);

    const chars = spokenChars(m.text);
    if (chars > 0 && m.durationMs > 0) {
      if (isAgent) {
        agentChars += chars;
        agentRateMs += m.durationMs;
      } else {
        customerChars += chars;
        customerRateMs += m.durationMs;
      }
    }
  }

  const talkTotal = agentTalk + customerTalk;
  return {
    talkSec: { customer: msToSec(customerTalk), agent: msToSec(agentTalk) },
    talkRatioAgent: talkTotal > 0 ? roundTo(agentTalk / talkTotal, 3) : null,
    silenceSec: msToSec(silenceTotal),
    longestSilenceSec: msToSec(longestSilence),
    silences,
    overlaps,
    overlapSec: msToSec(overlapTotal),
    interruptionsByAgent: byAgent,
    interruptionsByCustomer: byCustomer,
    speechRateAgentCpm: agentRateMs > 0 ? roundTo((agentChars * 60_000) / agentRateMs, 1) : null,
    speechRateCustomerCpm: customerRateMs > 0 ? roundTo((customerChars * 60_000) / customerRateMs, 1) : null,
  };
}

/**
 * Characters a speaker actually says: ASCII letters and digits, ideographs, kana, hangul and
 * other letters count 1 each; whitespace, punctuation, symbols and emoji count 0.
 */
export function spokenChars(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      const lower = c | 0x20;
      if ((c >= 0x30 && c <= 0x39) || (lower >= 0x61 && lower <= 0x7a)) n++;
    } else if (c >= 0xd800 && c <= 0xdbff) {
      // Astral planes: count CJK extension ideographs (U+20000–U+3FFFF), not emoji.
      if (c >= 0xd840 && c <= 0xd8bf) n++;
      i++;
    } else if (!isNonSpoken(c)) n++;
  }
  return n;
}

/** BMP code units that are spaces, punctuation, symbols, marks or emoji rather than letters. */
function isNonSpoken(c: number): boolean {
  return (
    c <= 0xbf || // Latin-1 controls, no-break space, ¡ « » ¿ and other signs
    c === 0xd7 ||
    c === 0xf7 ||
    (c >= 0x0300 && c <= 0x036f) || // combining accents
    (c >= 0x2000 && c <= 0x2bff) || // general punctuation, symbols, arrows, dingbats, BMP emoji
    (c >= 0x3000 && c <= 0x303f) || // CJK punctuation and the ideographic space
    (c >= 0xdc00 && c <= 0xdfff) || // stray low surrogate
    (c >= 0xfe00 && c <= 0xfe6f) || // variation selectors, vertical and small forms
    (c >= 0xff00 && c <= 0xff0f) || // fullwidth ！＂＃…／
    (c >= 0xff1a && c <= 0xff20) || // fullwidth ：；＜＝＞？＠
    (c >= 0xff3b && c <= 0xff40) ||
    (c >= 0xff5b && c <= 0xff65) ||
    c === 0xfeff
  );
}
