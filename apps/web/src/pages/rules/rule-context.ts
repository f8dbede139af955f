import type { ContextFile } from './rule-check.ts';
import { type RuleSetSummary, rulesApi } from './rules-api.ts';

type VersionText = { fileName: string; source: string };

// A saved version never changes: its text is fetched once per page load.
const versions = new Map<string, Promise<VersionText>>();
// Whether a rule set was seeded from a shipped pack (its version 1 says so, and nobody saved it).
const shipped = new Map<string, Promise<boolean>>();

/** A saved version's text and file name. */
export function loadVersionText(id: string, version: number): Promise<VersionText> {
  const key = `${id}@${version}`;
  let text = versions.get(key);
  if (!text) {
    text = rulesApi
      .get(id, version)
      .then((d) => ({ fileName: d.version.fileName, source: d.version.source }));
    text.catch(() => versions.delete(key));
    versions.set(key, text);
  }
  return text;
}

function isShipped(id: string): Promise<boolean> {
  let answer = shipped.get(id);
  if (!answer) {
    answer = rulesApi.get(id).then((d) => {
      const first = d.versions.find((v) => v.version === 1);
      return first?.note === 'shipped pack' && first.createdBy === null;
    });
    answer.catch(() => shipped.delete(id));
    shipped.set(id, answer);
  }
  return answer;
}

/**
 * The files the server compiles a draft with: the published version of every active rule set (the
 * draft's own is replaced by checkDraft), and the shipped packs as a library, which the server reads
 * from disk and seeded as version 1 of their rule sets.
 */
export async function loadRuleContext(sets: readonly RuleSetSummary[]): Promise<ContextFile[]> {
  const files = await Promise.all(
    sets.map(async (set): Promise<ContextFile[]> => {
      const out: ContextFile[] = [];
      if (set.isActive && set.publishedVersion !== null) {
        const { fileName, source } = await loadVersionText(set.id, set.publishedVersion);
        out.push({ ruleSetId: set.id, file: fileName, text: source });
      }
      if (await isShipped(set.id)) {
        const { fileName, source } = await loadVersionText(set.id, 1);
        out.push({ ruleSetId: set.id, file: fileName, text: source, isLibrary: true });
      }
      return out;
    }),
  );
  return files.flat();
}
