import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseAllDocuments } from 'yaml';
import type { RuleSource } from './compile-rule-set.ts';
import type { RulePath } from './condition-types.ts';
import type { RuleIssue } from './rule-issue.ts';

type Position = { line: number; column: number };

/**
 * Where a path points in a parsed YAML document: at the key when the path ends in a map key
 * (that is where "unknown key" belongs), else at the value; the deepest existing node when the
 * path goes further than the document (a missing key is reported at its map).
 */
function locator(root: Node | null, lines: LineCounter): (path: RulePath) => Position | undefined {
  return (path) => {
    let node: unknown = root;
    let offset = (root as Node | null)?.range?.[0];
    for (let i = 0; i < path.length; i++) {
      const step = path[i] as string | number;
      if (isMap(node)) {
        const pair = node.items.find(
          (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(step),
        );
        if (!pair) break;
        const key = pair.key as Node;
        offset = key.range?.[0] ?? offset;
        node = pair.value;
        if (i === path.length - 1) break;
        offset = (pair.value as Node | null)?.range?.[0] ?? offset;
      } else if (isSeq(node) && typeof step === 'number') {
        const item = node.items[step] as Node | undefined;
        if (!item) break;
        node = item;
        offset = item.range?.[0] ?? offset;
      } else break;
    }
    if (offset === undefined) return undefined;
    const { line, col } = lines.linePos(offset);
    return { line, column: col };
  };
}

/**
 * Parses a rule file's text (YAML; JSON is YAML too) into sources the compiler reads, one per
 * `---` document; syntax errors come back as issues at their line and column.
 */
export function parseRuleText(file: string, text: string): { sources: RuleSource[]; issues: RuleIssue[] } {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const sources: RuleSource[] = [];
  const issues: RuleIssue[] = [];
  const list = Array.isArray(docs) ? docs : [];
  if (!Array.isArray(docs)) {
    issues.push({ severity: 'error', file, path: [], message: 'not a YAML or JSON document' });
  }
  for (const doc of list) {
    if (doc.errors.length > 0) {
      for (const e of doc.errors) {
        const at = lines.linePos(e.pos[0]);
        const message = e.message.split('\n')[0] ?? e.message;
        issues.push({
          severity: 'error',
          file,
          path: [],
          line: at.line,
          column: at.col,
          message: `YAML: ${message}`,
        });
      }
      continue;
    }
    if (doc.contents === null) continue;
    sources.push({
      file,
      value: doc.toJS({ maxAliasCount: 100 }),
      locate: locator(doc.contents as Node, lines),
    });
  }
  if (sources.length === 0 && issues.length === 0)
    issues.push({ severity: 'error', file, path: [], message: 'the file holds no rules' });
  return { sources, issues };
}
