import { useEffect, useRef, useState } from 'react';
import { apiUrl } from '../../api/client.ts';

/** An alert as the stream sends it (GET /alerts adds the helpdesk id and the acknowledgement). */
export type StreamedAlert = {
  id: number;
  conversationId: string;
  rule: string;
  name: string;
  severity: string;
  agentId: string | null;
  teamId: string | null;
  evidence: { message: number; start: number; end: number; text: string }[];
  createdAt: string;
};

export type StreamState = 'connecting' | 'open' | 'reconnecting' | 'closed';

// After the server refused or the network failed for good, a new stream is tried this much later.
const RESTART_MS = 5_000;

/**
 * Alerts over server-sent events with the session cookie. The browser reconnects a dropped stream by
 * itself and sends the last alert id it saw, so the server replays what was missed; a stream that
 * closed for good is started again later, and `onResync` (called then, and on every reconnect) lets
 * the page list alerts again in case more were missed than the server replays.
 */
export function useAlertStream(onAlert: (alert: StreamedAlert) => void, onResync: () => void): StreamState {
  const [state, setState] = useState<StreamState>('connecting');
  const handlers = useRef({ onAlert, onResync });
  handlers.current = { onAlert, onResync };

  useEffect(() => {
    let source: EventSource | undefined;
    let restart: ReturnType<typeof setTimeout> | undefined;
    let hasOpened = false;
    const connect = () => {
      const current = new EventSource(apiUrl('/alerts/stream'));
      source = current;
      current.addEventListener('open', () => {
        setState('open');
        if (hasOpened) handlers.current.onResync();
        hasOpened = true;
      });
      current.addEventListener('alert', (event) => {
        try {
          handlers.current.onAlert(JSON.parse((event as MessageEvent<string>).data) as StreamedAlert);
        } catch {
          // A malformed event is dropped; the next resync lists the alert anyway.
        }
      });
      current.addEventListener('error', () => {
        if (current.readyState !== EventSource.CLOSED) {
          setState('reconnecting');
          return;
        }
        setState('closed');
        current.close();
        // Listing again shows what the stream missed, and a 401 there signs the page out.
        handlers.current.onResync();
        restart = setTimeout(connect, RESTART_MS);
      });
    };
    connect();
    return () => {
      clearTimeout(restart);
      source?.close();
    };
  }, []);

  return state;
}
