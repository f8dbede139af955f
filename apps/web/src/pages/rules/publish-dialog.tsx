import { Alert, Button, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { fill, useText } from '../../i18n/locale.tsx';
import { DiffView } from './diff-view.tsx';
import { loadVersionText } from './rule-context.ts';
import { type RuleSetChange, rulesApi } from './rules-api.ts';
import { RULES_MESSAGES } from './rules-messages.ts';

type Props = {
  ruleSetId: string;
  name: string;
  version: number;
  /** The saved text of `version`. */
  source: string;
  publishedVersion: number | null;
  isActive: boolean;
  /** Packs of the text that nothing includes (as far as the last check of the editor's text knows). */
  unincludedPacks: readonly string[];
  onClose(): void;
  onPublished(change: RuleSetChange & { version: number }): void;
};

/** Asks before publishing: which version, what changes against the published one, and that a re-score follows. */
export function PublishDialog({
  ruleSetId,
  name,
  version,
  source,
  publishedVersion,
  isActive,
  unincludedPacks,
  onClose,
  onPublished,
}: Props) {
  const t = useText(RULES_MESSAGES);
  const [published, setPublished] = useState<string>();
  const [isPublishing, setPublishing] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (publishedVersion === null) return;
    let isCurrent = true;
    loadVersionText(ruleSetId, publishedVersion).then(
      (v) => isCurrent && setPublished(v.source),
      () => undefined,
    );
    return () => {
      isCurrent = false;
    };
  }, [ruleSetId, publishedVersion]);

  const publish = () => {
    setPublishing(true);
    setError(undefined);
    rulesApi.publish(ruleSetId, version).then(
      (change) => {
        setPublishing(false);
        onPublished(change);
      },
      (e: Error) => {
        setPublishing(false);
        setError(e.message);
      },
    );
  };

  return (
    <Modal
      open
      title={fill(t.publishTitle, { v: version, name })}
      onCancel={onClose}
      width={760}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t.cancel}
        </Button>,
        <Button
          key="ok"
          type="primary"
          data-testid="publish-confirm"
          loading={isPublishing}
          onClick={publish}
        >
          {fill(t.publishVersion, { v: version })}
        </Button>,
      ]}
    >
      <div className="rule-stack">
        <Typography.Paragraph style={{ margin: 0 }}>
          {isActive ? t.publishEffect : t.publishInactive}
        </Typography.Paragraph>
        {unincludedPacks.length > 0 ? (
          <Alert type="info" showIcon title={fill(t.packNotIncluded, { ids: unincludedPacks.join(', ') })} />
        ) : null}
        {publishedVersion === null ? (
          <Typography.Text type="secondary">{t.firstPublish}</Typography.Text>
        ) : published === undefined ? null : (
          <DiffView
            before={published}
            after={source}
            label={fill(t.diffLabel, { from: publishedVersion, to: version })}
          />
        )}
        {error ? <Alert type="error" showIcon title={error} /> : null}
      </div>
    </Modal>
  );
}
