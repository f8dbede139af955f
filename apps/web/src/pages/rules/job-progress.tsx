import { Alert, Button, Progress } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { fill, useLocale, useText } from '../../i18n/locale.tsx';
import { formatNumber } from '../../lib/format.ts';
import { type JobView, rulesApi } from './rules-api.ts';
import { RULES_MESSAGES } from './rules-messages.ts';

const POLL_MS = 1000;

type Props = {
  jobId: number;
  /** What started it, shown in the banner ("Version 3 published"). */
  title: string;
  onFinished(job: JobView): void;
  onClose(): void;
};

/** The re-score a publish or (de)activation queued: its progress from GET /jobs/{id}, once a second until it ends. */
export function JobProgress({ jobId, title, onFinished, onClose }: Props) {
  const t = useText(RULES_MESSAGES);
  const { locale } = useLocale();
  const [job, setJob] = useState<JobView>();
  const [error, setError] = useState<string>();
  const onFinishedRef = useRef(onFinished);
  onFinishedRef.current = onFinished;

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = () => {
      rulesApi.job(jobId, controller.signal).then(
        (next) => {
          setJob(next);
          if (next.status === 'done' || next.status === 'failed') onFinishedRef.current(next);
          else timer = setTimeout(poll, POLL_MS);
        },
        (e: Error) => {
          if (!controller.signal.aborted) setError(e.message);
        },
      );
    };
    poll();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [jobId]);

  const total = job?.total ?? 0;
  const percent = job?.status === 'done' ? 100 : total > 0 ? Math.floor(((job?.done ?? 0) / total) * 100) : 0;
  const status = job ? t[`job_${job.status}`] : t.job_queued;
  const isOver = job?.status === 'done' || job?.status === 'failed';
  return (
    <Alert
      data-testid="rescore-job"
      data-status={job?.status ?? 'queued'}
      type={error || job?.status === 'failed' ? 'error' : isOver ? 'success' : 'info'}
      showIcon
      title={title}
      description={
        <div>
          <div>
            {job === undefined
              ? fill(t.jobLoading, { id: jobId })
              : fill(t.jobLine, {
                  id: jobId,
                  status,
                  done: formatNumber(job?.done ?? 0, locale),
                  total: formatNumber(total, locale),
                })}
          </div>
          <Progress
            percent={percent}
            status={job?.status === 'failed' ? 'exception' : isOver ? 'success' : 'active'}
            aria-label={t.jobProgress}
          />
          {job?.error ? <div>{job.error}</div> : null}
          {error ? <div>{error}</div> : null}
        </div>
      }
      action={
        isOver || error ? (
          <Button size="small" onClick={onClose}>
            {t.close}
          </Button>
        ) : null
      }
    />
  );
}
