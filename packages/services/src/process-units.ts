import {
  type AnalysisContext,
  analyzeConversation,
  type ImportIssue,
  type NormalizeOptions,
  normalizeConversation,
  type SummaryFacts,
  summaryFactsOf,
} from '@serviq/core';

/** One record to analyse: a raw canonical JSON line, or a record an importer produced. */
export type Unit = { line: number; json?: string; record?: unknown };

export type UnitOutcome = {
  line: number;
  /** `source:id`, for the duplicate check that must see every record in input order. */
  key?: string;
  output?: string;
  facts?: SummaryFacts;
  issues?: ImportIssue[];
};

function jsonReason(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/end of (JSON|data)/i.test(message) || /Unterminated string/i.test(message)) {
    return `truncated JSON (${text.length} characters): ${message}`;
  }
  return `invalid JSON: ${message}`;
}

/**
 * Parses, validates and (unless only validating) analyses a batch. Runs in a worker thread or
 * inline; everything it returns is plain data.
 */
export function processUnits(
  units: readonly Unit[],
  normalize: NormalizeOptions,
  ctx: AnalysisContext | undefined,
): UnitOutcome[] {
  const out: UnitOutcome[] = [];
  for (const unit of units) {
    let raw = unit.record;
    if (unit.json !== undefined) {
      try {
        raw = JSON.parse(unit.json);
      } catch (error) {
        out.push({
          line: unit.line,
          issues: [{ line: unit.line, field: '(record)', reason: jsonReason(error, unit.json) }],
        });
        continue;
      }
    }
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      const got = raw === null ? 'null' : Array.isArray(raw) ? 'an array' : typeof raw;
      out.push({
        line: unit.line,
        issues: [
          { line: unit.line, field: '(record)', reason: `expected a conversation object, got ${got}` },
        ],
      });
      continue;
    }
    const result = normalizeConversation(raw, normalize, unit.line);
    if (!result.ok) {
      out.push({ line: unit.line, issues: result.issues });
      continue;
    }
    const conv = result.value;
    const outcome: UnitOutcome = { line: unit.line, key: `${conv.source}:${conv.id}` };
    if (ctx) {
      const analysis = analyzeConversation(conv, ctx);
      outcome.output = JSON.stringify(analysis);
      outcome.facts = summaryFactsOf(analysis);
    }
    out.push(outcome);
  }
  return out;
}
