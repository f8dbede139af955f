import { useCallback, useEffect, useRef, useState } from 'react';
import type { PreviewAnswer } from './preview-conversation.ts';
import type { CheckView, EngineReply, EngineRequest } from './rule-analysis.ts';

export type RuleEngine = {
  /** The last check of the draft, or undefined before the first one. */
  check: CheckView | undefined;
  /** The last preview, with the request it answers. */
  preview: { seq: number; answer: PreviewAnswer } | undefined;
  /** A failure inside the worker (a bug: checks and previews report problems as data). */
  error: string | undefined;
  post(request: EngineRequest): void;
};

/** The rule worker of one rule set's page: checks and previews the draft off the main thread. */
export function useRuleEngine(): RuleEngine {
  const worker = useRef<Worker | null>(null);
  const [check, setCheck] = useState<CheckView>();
  const [preview, setPreview] = useState<RuleEngine['preview']>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    const created = new Worker(new URL('./rule-worker.ts', import.meta.url), { type: 'module' });
    created.onmessage = (event: MessageEvent<EngineReply>) => {
      const reply = event.data;
      if (reply.kind === 'checked') setCheck(reply.check);
      else if (reply.kind === 'previewed') setPreview({ seq: reply.seq, answer: reply.answer });
      else setError(reply.message);
    };
    created.onerror = (event) => setError(event.message);
    worker.current = created;
    return () => {
      created.terminate();
      worker.current = null;
    };
  }, []);

  const post = useCallback((request: EngineRequest) => worker.current?.postMessage(request), []);
  return { check, preview, error, post };
}
