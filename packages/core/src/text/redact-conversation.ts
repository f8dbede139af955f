import type { AnalysisResult } from '../analysis/analysis-result.ts';
import { findPii, type PiiKind } from './pii.ts';
import { maskPii } from './pii-mask.ts';

/** Which end of a range an offset is: decides where an offset inside a masked span lands. */
export type OffsetEdge = 'start' | 'end';

/**
 * Maps an offset in an original message to the same place in its redacted text. An offset inside
 * a masked span clamps to the mask's start (edge 'start', the default) or end (edge 'end'), so a
 * range remapped edge by edge covers the whole mask of any PII it touched.
 */
export type OffsetRemap = (message: number, offset: number, edge?: OffsetEdge) => number;

export type RedactedMessages = { texts: string[]; count: number; remap: OffsetRemap };

/** One replaced span: where it was in the original text and where its mask is in the redacted one. */
type Replacement = { from: number; to: number; maskFrom: number; maskTo: number };

/**
 * Masks the PII of the given kinds in each message (138****5678, z***@example.com, the same text
 * as `redactPii`) for storage. `texts` are in the order evidence refers to them (the time-sorted
 * messages); `count` is the number of values masked.
 */
export function redactMessages(texts: string[], kinds: PiiKind[]): RedactedMessages {
  const redacted: string[] = [];
  // undefined for a message without PII: the common case keeps the identity map.
  const replacements: (Replacement[] | undefined)[] = [];
  let count = 0;
  for (const text of texts) {
    const spans = kinds.length === 0 ? [] : findPii(text, { kinds });
    if (spans.length === 0) {
      redacted.push(text);
      replacements.push(undefined);
      continue;
    }
    // findPii's spans are sorted and disjoint, so one pass builds the text and the offset table.
    const moved: Replacement[] = [];
    let out = '';
    let pos = 0;
    for (const span of spans) {
      out += text.slice(pos, span.start);
      const mask = maskPii(span.kind, span.text);
      moved.push({ from: span.start, to: span.end, maskFrom: out.length, maskTo: out.length + mask.length });
      out += mask;
      pos = span.end;
    }
    redacted.push(out + text.slice(pos));
    replacements.push(moved);
    count += spans.length;
  }
  const remap: OffsetRemap = (message, offset, edge = 'start') => {
    const moved = replacements[message];
    if (moved === undefined) return offset;
    let shift = 0;
    for (const r of moved) {
      if (offset <= r.from) break;
      if (offset >= r.to) {
        shift = r.maskTo - r.to;
        continue;
      }
      return edge === 'start' ? r.maskFrom : r.maskTo;
    }
    return offset + shift;
  };
  return { texts: redacted, count, remap };
}

/**
 * A copy of `result` whose evidence offsets point into the redacted messages. Evidence text is
 * kept: the analysis already masked it.
 */
export function redactResultEvidence(result: AnalysisResult, remap: OffsetRemap): AnalysisResult {
  return {
    ...result,
    hits: result.hits.map((hit) => ({
      ...hit,
      evidence: hit.evidence.map((e) => ({
        ...e,
        start: remap(e.message, e.start, 'start'),
        end: remap(e.message, e.end, 'end'),
      })),
    })),
  };
}
