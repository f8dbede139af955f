import { CaretRightOutlined } from '@ant-design/icons';
import { CHANNELS, type Channel, type Evidence } from '@serviq/core';
import { Alert, Button, Input, Segmented, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { fill, useLocale, useText } from '../../i18n/locale.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { channelName } from '../../lib/report-metrics.ts';
import { useApi } from '../../lib/use-api.ts';
import type {
  PasteProblem,
  PreviewAnswer,
  PreviewHit,
  PreviewRequest,
  PreviewView,
} from './preview-conversation.ts';
import { SEVERITY_COLORS } from './rule-overview.tsx';
import { rulesApi } from './rules-api.ts';
import { RULES_MESSAGES } from './rules-messages.ts';

type Props = {
  /** Whether the draft has been checked (compiled) yet: the preview runs on the compiled draft. */
  isReady: boolean;
  /** Errors in the draft: the rules they are in (or the whole file, for a YAML error) are left out. */
  errorCount: number;
  /** The rule worker's last preview, with the number of the request it answers. */
  preview: { seq: number; answer: PreviewAnswer } | undefined;
  /** Asks the rule worker to preview a conversation (again after every check); returns the request's number. */
  onPreview(request: PreviewRequest): number;
  /** A stored conversation to preview, asked for elsewhere on the page (a dry-run example). */
  request: { conversationId: string; seq: number } | undefined;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SNIPPET_CONTEXT = 40;

/** The evidence inside its message, marked, with a little of the text around it. */
function Snippet({ text, evidence }: { text: string; evidence: Evidence }) {
  const from = Math.max(0, evidence.start - SNIPPET_CONTEXT);
  const to = Math.min(text.length, evidence.end + SNIPPET_CONTEXT);
  return (
    <span className="rule-snippet">
      {from > 0 ? '…' : ''}
      {text.slice(from, evidence.start)}
      <mark>{text.slice(evidence.start, evidence.end)}</mark>
      {text.slice(evidence.end, to)}
      {to < text.length ? '…' : ''}
    </span>
  );
}

/**
 * Runs the draft on one conversation in the browser, with the same core analysis the server runs (in
 * the rule worker): pasted text (the baseline lexicon for sentiment) or a stored conversation (the
 * sentiment and emotions the server's models stored). It runs again on every new check of the draft.
 */
export function RulePreview({ isReady, errorCount, preview, onPreview, request }: Props) {
  const t = useText(RULES_MESSAGES);
  const { locale, timeZone } = useLocale();
  const [mode, setMode] = useState<'paste' | 'stored'>('paste');
  const [text, setText] = useState('');
  const [channel, setChannel] = useState<Channel>('chat');
  const [storedId, setStoredId] = useState<string>();
  const [search, setSearch] = useState('');
  const [query, setQuery] = useState('');
  const [seq, setSeq] = useState<number>();
  const [failure, setFailure] = useState<string>();
  const [isLoading, setLoading] = useState(false);

  useEffect(() => {
    const timer = setTimeout(() => setQuery(search), 300);
    return () => clearTimeout(timer);
  }, [search]);
  const found = useApi(
    (signal) =>
      mode === 'stored' ? rulesApi.searchConversations(query, signal) : Promise.resolve({ items: [] }),
    [mode, query],
  );

  const loadStored = (id: string) => {
    setLoading(true);
    setFailure(undefined);
    rulesApi.conversation(id).then(
      (stored) => {
        setLoading(false);
        setSeq(onPreview({ kind: 'stored', stored }));
      },
      (e: Error) => {
        setLoading(false);
        setFailure(e.message);
      },
    );
  };
  const loadStoredRef = useRef(loadStored);
  loadStoredRef.current = loadStored;

  useEffect(() => {
    if (!request) return;
    setMode('stored');
    setStoredId(request.conversationId);
    loadStoredRef.current(request.conversationId);
  }, [request]);

  const run = () => {
    setFailure(undefined);
    if (mode === 'paste') setSeq(onPreview({ kind: 'paste', text, channel }));
    else if (storedId) loadStored(storedId);
    else setFailure(t.chooseConversation);
  };

  // Only the answer to the last request counts; older ones may still arrive.
  const answer = preview && preview.seq === seq ? preview.answer : undefined;

  const problemText = (p: PasteProblem) => {
    switch (p.code) {
      case 'empty':
        return t.pasteEmpty;
      case 'json':
        return fill(t.pasteBadJson, { detail: p.detail });
      case 'line':
        return fill(t.pasteBadLine, { line: p.line });
      case 'invalid':
        return fill(t.pasteInvalid, { detail: p.detail });
    }
  };

  const options = (found.data?.items ?? []).map((row) => ({
    value: row.id,
    label: `${row.externalId} · ${row.channel} · ${row.score ?? '—'} · ${formatDateTime(row.startedAt, timeZone)}`,
  }));
  if (UUID.test(search.trim()) && !options.some((o) => o.value === search.trim()))
    options.unshift({ value: search.trim(), label: search.trim() });

  return (
    <section className="rule-stack" aria-label={t.preview} data-testid="rule-preview">
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t.preview}
      </Typography.Title>
      <Segmented
        value={mode}
        onChange={(v) => setMode(v as 'paste' | 'stored')}
        options={[
          { value: 'paste', label: t.pasteConversation },
          { value: 'stored', label: t.storedConversation },
        ]}
      />
      {mode === 'paste' ? (
        <>
          <label htmlFor="rule-preview-text" className="rule-label">
            {t.pasteLabel}
          </label>
          <Input.TextArea
            id="rule-preview-text"
            data-testid="preview-input"
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={7}
            placeholder={t.pastePlaceholder}
            spellCheck={false}
          />
          <Space wrap>
            <label htmlFor="rule-preview-channel">{t.channel}</label>
            <Select
              id="rule-preview-channel"
              value={channel}
              onChange={setChannel}
              style={{ width: 130 }}
              options={CHANNELS.map((c) => ({ value: c, label: channelName(c, locale) }))}
            />
            <Button onClick={() => setText(locale === 'zh-CN' ? t.exampleZh : t.exampleEn)}>
              {t.insertExample}
            </Button>
          </Space>
        </>
      ) : (
        <>
          <label htmlFor="rule-preview-stored" className="rule-label">
            {t.storedLabel}
          </label>
          <div data-testid="preview-conversation">
            <Select
              id="rule-preview-stored"
              showSearch={{ filterOption: false, onSearch: setSearch }}
              value={storedId}
              onChange={(v: string) => setStoredId(v)}
              options={options}
              loading={found.isLoading}
              placeholder={t.storedPlaceholder}
              notFoundContent={found.isLoading ? t.loading : t.noConversations}
              style={{ width: '100%' }}
            />
          </div>
        </>
      )}
      <Button
        type="primary"
        icon={<CaretRightOutlined />}
        data-testid="preview-run"
        onClick={run}
        loading={isLoading || (seq !== undefined && !answer && !failure)}
        disabled={!isReady}
      >
        {t.runPreview}
      </Button>
      {failure ? <Alert type="error" showIcon title={failure} data-testid="preview-problem" /> : null}
      {answer && !answer.ok ? (
        <Alert type="error" showIcon title={problemText(answer.problem)} data-testid="preview-problem" />
      ) : null}
      {answer?.ok && errorCount > 0 ? (
        <Alert type="warning" showIcon title={fill(t.previewWithErrors, { n: errorCount })} />
      ) : null}
      {answer?.ok ? <PreviewResult view={answer.view} /> : null}
    </section>
  );
}

function PreviewResult({ view }: { view: PreviewView }) {
  const t = useText(RULES_MESSAGES);
  const storedHits = new Set(view.stored?.hits ?? []);
  const gone = view.stored ? view.stored.hits.filter((id) => !view.hits.some((h) => h.id === id)) : [];
  const { language, channel } = view;

  return (
    <div className="rule-stack" data-testid="preview-result">
      <Alert
        type="info"
        showIcon
        data-testid="preview-sentiment"
        data-source={view.sentiment}
        title={view.sentiment === 'stored' ? t.sentimentStoredTitle : t.sentimentLexiconTitle}
        description={
          view.sentiment === 'stored'
            ? fill(t.sentimentStoredBody, { n: view.storedSentiments })
            : t.sentimentLexiconBody
        }
      />
      {view.scorecard === null ? (
        <Alert
          type="warning"
          showIcon
          title={t.noScorecardApplies}
          description={fill(t.noScorecardBody, { channel, language })}
        />
      ) : (
        <div className="rule-score" data-testid="preview-score" data-score={view.score ?? ''}>
          <span className="rule-score-value">{view.score}</span>
          <span>/ {view.maxScore}</span>
          <Tag color={view.passed ? 'green' : 'red'}>{view.passed ? t.passed : t.failed}</Tag>
          {view.isFatal ? <Tag color="red">{t.fatal}</Tag> : null}
          {view.isAlert ? <Tag color="volcano">{t.alert}</Tag> : null}
          <Typography.Text type="secondary">
            {fill(t.scoredWith, { scorecard: view.scorecard, language, channel })}
          </Typography.Text>
        </div>
      )}
      {view.stored ? (
        <Typography.Text type="secondary" data-testid="preview-stored-score">
          {fill(t.storedScore, { score: view.stored.score ?? '—', scorecard: view.stored.scorecard ?? '—' })}{' '}
          <Link to={`/conversations/${view.stored.id}`}>{t.openConversation}</Link>
        </Typography.Text>
      ) : null}
      <Typography.Text strong>{fill(t.hitsTitle, { n: view.hits.length })}</Typography.Text>
      <ul className="rule-hits" data-testid="preview-hits">
        {view.hits.map((hit) => (
          <HitItem
            key={hit.id}
            hit={hit}
            messages={view.messages}
            isNew={view.stored !== undefined && !storedHits.has(hit.id)}
          />
        ))}
        {view.hits.length === 0 ? <li className="rule-empty">{t.noHits}</li> : null}
      </ul>
      {gone.length > 0 ? (
        <Typography.Text type="secondary" data-testid="preview-gone">
          {fill(t.noLongerHits, { rules: gone.join(', ') })}
        </Typography.Text>
      ) : null}
      {view.notApplicable.length > 0 ? (
        <>
          <Typography.Text strong>
            {fill(t.notApplicableTitle, { n: view.notApplicable.length })}
          </Typography.Text>
          <ul className="rule-na" data-testid="preview-na">
            {view.notApplicable.map((na) => (
              <li key={na.id} data-rule={na.id}>
                <Typography.Text>{na.name}</Typography.Text>{' '}
                <Typography.Text type="secondary" code>
                  {na.id}
                </Typography.Text>{' '}
                <Typography.Text type="secondary">{na.reason ?? t.noReason}</Typography.Text>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {view.scorecard !== null ? (
        <Typography.Text type="secondary">{fill(t.passedRules, { n: view.passedRules })}</Typography.Text>
      ) : null}
    </div>
  );
}

function HitItem({
  hit,
  messages,
  isNew,
}: {
  hit: PreviewHit;
  messages: PreviewView['messages'];
  isNew: boolean;
}) {
  const t = useText(RULES_MESSAGES);
  const points = hit.isFatal
    ? t.fatal
    : hit.points === 0
      ? '0'
      : hit.points > 0
        ? `+${hit.points}`
        : `−${-hit.points}`;
  return (
    <li data-rule={hit.id}>
      <div className="rule-hit-head">
        <Tag color={SEVERITY_COLORS[hit.severity]}>{t[hit.severity]}</Tag>
        <Typography.Text strong>{hit.name}</Typography.Text>
        <Typography.Text type="secondary" code>
          {hit.id}
        </Typography.Text>
        <Typography.Text type={hit.points < 0 || hit.isFatal ? 'danger' : 'success'}>
          {points}
        </Typography.Text>
        {hit.isDraft ? <Tag color="gold">{t.inDraft}</Tag> : null}
        {isNew ? <Tag color="magenta">{t.newHit}</Tag> : null}
        {hit.occurrences > 1 ? (
          <Typography.Text type="secondary">{fill(t.occurrences, { n: hit.occurrences })}</Typography.Text>
        ) : null}
      </div>
      {hit.evidence.length > 0 ? (
        <ul className="rule-evidence">
          {hit.evidence.map((e) => {
            const message = messages[e.message];
            return (
              <li key={`${e.message}:${e.start}:${e.end}`} data-message={e.message}>
                <span className="rule-evidence-role">
                  {message ? t[`role_${message.role}`] : ''} #{e.message + 1}
                </span>
                <Snippet
                  text={message?.text ?? e.text}
                  evidence={message ? e : { ...e, start: 0, end: e.text.length }}
                />
              </li>
            );
          })}
        </ul>
      ) : (
        <Typography.Text type="secondary">{t.noEvidence}</Typography.Text>
      )}
    </li>
  );
}
