import { Typography } from 'antd';
import { useMemo } from 'react';
import { fill, useText } from '../../i18n/locale.tsx';
import { diffHunks, diffLines } from './line-diff.ts';
import { RULES_MESSAGES } from './rules-messages.ts';

/** Changed lines of two versions of a rule file with three lines of context, unified-diff style. */
export function DiffView({ before, after, label }: { before: string; after: string; label: string }) {
  const t = useText(RULES_MESSAGES);
  const lines = useMemo(() => diffLines(before, after), [before, after]);
  const added = lines.filter((l) => l.kind === 'add').length;
  const removed = lines.filter((l) => l.kind === 'del').length;
  if (added + removed === 0) return <Typography.Text type="secondary">{t.noDifferences}</Typography.Text>;
  return (
    <div>
      <Typography.Text>
        {label} · <span className="rule-diff-added">+{added}</span>{' '}
        <span className="rule-diff-removed">−{removed}</span> {fill(t.linesChanged, { n: added + removed })}
      </Typography.Text>
      <div className="rule-code rule-diff" data-testid="rule-diff">
        {diffHunks(lines).map((row, i) =>
          row.kind === 'gap' ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows of one diff, never reordered
            <div key={i} className="rule-diff-gap">
              {fill(t.unchangedLines, { n: row.count })}
            </div>
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows of one diff, never reordered
            <div key={i} className={`rule-diff-${row.kind}`}>
              <span className="rule-code-line">{row.kind === 'add' ? '' : row.oldLine}</span>
              <span className="rule-code-line">{row.kind === 'del' ? '' : row.newLine}</span>
              <span className="rule-diff-sign">
                {row.kind === 'add' ? '+' : row.kind === 'del' ? '−' : ' '}
              </span>
              <span>{row.text}</span>
            </div>
          ),
        )}
      </div>
    </div>
  );
}
