import type { RuleSource } from '@serviq/core';
import type { DraftIssue, OtherIssue } from './issue-position.ts';
import {
  type PreparedPreview,
  type PreviewAnswer,
  type PreviewRequest,
  preparePreview,
  runPreview,
} from './preview-conversation.ts';
import { type ContextFile, checkDraft, type DraftCheck } from './rule-check.ts';
import { type OverviewDoc, overviewOf } from './rule-overview-data.ts';

export type DraftFile = { ruleSetId: string; file: string; text: string };

/** A check of the draft in plain data: what the page shows of it. */
export type CheckView = {
  /** The text checked: the page compares it with the editor's to know whether the check is current. */
  text: string;
  issues: DraftIssue[];
  others: OtherIssue[];
  overview: OverviewDoc[];
  /** Packs of the draft that no scorecard or pack includes: publishing them changes no score. */
  unincludedPacks: string[];
};

/** What the page asks the rule worker. */
export type EngineRequest =
  | { kind: 'context'; files: ContextFile[] }
  | { kind: 'check'; draft: DraftFile }
  | { kind: 'preview'; seq: number; request: PreviewRequest };

/** What the rule worker answers; a preview comes again after every check, with the draft's new rules. */
export type EngineReply =
  | { kind: 'checked'; check: CheckView }
  | { kind: 'previewed'; seq: number; answer: PreviewAnswer }
  | { kind: 'failed'; message: string };

const checkView = (text: string, check: DraftCheck): CheckView => ({
  text,
  issues: check.issues,
  others: check.others,
  overview: overviewOf(check),
  unincludedPacks: unincludedPacks(check),
});

type Doc = { scorecard?: { id?: unknown }; pack?: { id?: unknown }; include?: unknown; rules?: unknown };
const docOf = (source: RuleSource) => (source.value ?? {}) as Doc;
const idOf = (doc: Doc) => doc.scorecard?.id ?? doc.pack?.id;
const listOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const ruleIds = (doc: Doc) =>
  listOf(doc.rules).flatMap((r) => {
    const id = (r as { id?: unknown } | null)?.id;
    return typeof id === 'string' ? [id] : [];
  });

function unincludedPacks(check: DraftCheck): string[] {
  const included = new Set<unknown>();
  for (const s of check.sources)
    if (!s.isLibrary) for (const id of listOf(docOf(s).include)) included.add(id);
  return check.draftSources.flatMap((s) => {
    const doc = docOf(s);
    const id = doc.pack?.id;
    return typeof id === 'string' && !included.has(id) ? [id] : [];
  });
}

/**
 * The rules the draft gives a scorecard: all of its own when the draft defines the scorecard, else
 * those of the draft's packs the scorecard includes (directly or through other includes).
 */
export function draftRulesOf(check: DraftCheck, scorecardId: string | null): Set<string> {
  const card = check.ruleSet.scorecards.find((s) => s.id === scorecardId);
  if (!card) return new Set();
  const own = check.draftSources.find((s) => s.file === card.file && idOf(docOf(s)) === card.id);
  if (own) return new Set(ruleIds(docOf(own)));
  const draftFile = check.draftSources[0]?.file;
  const docs = new Map<unknown, RuleSource>();
  // Non-library files first: they override a shipped pack of the same id, as the compiler does.
  for (const s of [...check.sources].sort(
    (a, b) => Number(a.isLibrary ?? false) - Number(b.isLibrary ?? false),
  ))
    if (!docs.has(idOf(docOf(s)))) docs.set(idOf(docOf(s)), s);
  const out = new Set<string>();
  const seen = new Set<unknown>();
  const visit = (ids: readonly unknown[]) => {
    for (const id of ids) {
      const source = docs.get(id);
      if (seen.has(id) || !source) continue;
      seen.add(id);
      visit(listOf(docOf(source).include));
      if (source.file === draftFile) for (const r of ruleIds(docOf(source))) out.add(r);
    }
  };
  const cardSource = check.sources.find((s) => s.file === card.file && idOf(docOf(s)) === card.id);
  if (cardSource) visit(listOf(docOf(cardSource).include));
  return out;
}

/**
 * The rule worker's state: the context files, the last check of the draft (its compiled rule set)
 * and the conversation being previewed, run again whenever the draft is checked anew.
 */
export class RuleAnalysis {
  #context: ContextFile[] = [];
  #check: DraftCheck | undefined;
  #preview: { seq: number; prepared: PreparedPreview } | undefined;

  handle(request: EngineRequest): EngineReply[] {
    switch (request.kind) {
      case 'context':
        this.#context = request.files;
        return [];
      case 'check': {
        this.#check = checkDraft(request.draft, this.#context);
        const out: EngineReply[] = [{ kind: 'checked', check: checkView(request.draft.text, this.#check) }];
        const preview = this.#runPreview();
        if (preview) out.push(preview);
        return out;
      }
      case 'preview': {
        const prepared = preparePreview(request.request);
        if (!prepared.ok) {
          this.#preview = undefined;
          return [{ kind: 'previewed', seq: request.seq, answer: prepared }];
        }
        this.#preview = { seq: request.seq, prepared: prepared.prepared };
        const preview = this.#runPreview();
        return preview ? [preview] : [];
      }
    }
  }

  #runPreview(): EngineReply | undefined {
    if (!this.#preview || !this.#check) return undefined;
    const { seq, prepared } = this.#preview;
    const view = runPreview(prepared, this.#check.ruleSet);
    const fromDraft = draftRulesOf(this.#check, view.scorecard);
    for (const hit of view.hits) hit.isDraft = fromDraft.has(hit.id);
    return { kind: 'previewed', seq, answer: { ok: true, view } };
  }
}
