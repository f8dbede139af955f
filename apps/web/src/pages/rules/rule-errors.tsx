import { CheckCircleFilled, CloseCircleFilled, WarningFilled } from '@ant-design/icons';
import { Typography } from 'antd';
import { fill, useText } from '../../i18n/locale.tsx';
import type { DraftIssue, OtherIssue } from './issue-position.ts';
import { RULES_MESSAGES } from './rules-messages.ts';

type Props = {
  issues: readonly DraftIssue[];
  others: readonly OtherIssue[];
  /** The draft changed since the last check (it runs shortly after typing stops). */
  isChecking: boolean;
  onJump(line: number, column: number): void;
};

const icon = (severity: DraftIssue['severity']) =>
  severity === 'error' ? (
    <CloseCircleFilled style={{ color: '#cf1322' }} />
  ) : (
    <WarningFilled style={{ color: '#d48806' }} />
  );

/** The draft's problems, each a button that puts the cursor at its place; problems of other files below. */
export function RuleErrors({ issues, others, isChecking, onJump }: Props) {
  const t = useText(RULES_MESSAGES);
  const errors = [...issues, ...others].filter((i) => i.severity === 'error').length;
  const warnings = issues.length + others.length - errors;
  const summary = errors + warnings === 0 ? t.noProblems : fill(t.problemCount, { errors, warnings });
  return (
    <section
      data-testid="rule-errors"
      data-state={isChecking ? 'checking' : errors + warnings === 0 ? 'ok' : 'problems'}
      data-errors={errors}
      aria-label={t.problems}
      aria-live="polite"
      className="rule-errors"
    >
      <Typography.Text type={errors > 0 ? 'danger' : warnings > 0 ? 'warning' : 'success'} strong>
        {errors + warnings === 0 ? <CheckCircleFilled /> : null} {summary}
      </Typography.Text>
      {isChecking ? <Typography.Text type="secondary"> · {t.checking}</Typography.Text> : null}
      {issues.length > 0 ? (
        <ul>
          {issues.map((issue) => (
            <li
              key={`${issue.origin}:${issue.from}:${issue.message}`}
              data-line={issue.line}
              data-column={issue.column}
              data-severity={issue.severity}
            >
              <button type="button" onClick={() => onJump(issue.line, issue.column)}>
                {icon(issue.severity)}
                <span className="rule-errors-where">
                  {fill(t.lineColumn, { line: issue.line, column: issue.column })}
                </span>
                <span>{issue.message}</span>
                {issue.origin === 'server' ? (
                  <span className="rule-errors-origin">{t.fromServer}</span>
                ) : null}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {others.length > 0 ? (
        <>
          <Typography.Text type="secondary">{t.otherFiles}</Typography.Text>
          <ul>
            {others.map((issue) => (
              <li key={`${issue.file}:${issue.line}:${issue.message}`} data-severity={issue.severity}>
                <div className="rule-errors-other">
                  {icon(issue.severity)}
                  <span className="rule-errors-where">
                    {issue.file}
                    {issue.line !== undefined ? `:${issue.line}` : ''}
                  </span>
                  <span>{issue.message}</span>
                </div>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
