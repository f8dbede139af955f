import type { Database } from '@serviq/storage';
import { type Actor, authorize, visibilityOf } from '../service/actor.ts';

export type StoredAlert = {
  id: number;
  conversationId: string;
  rule: string;
  name: string;
  severity: string;
  agentId: string | null;
  teamId: string | null;
  evidence: { message: number; start: number; end: number; text: string }[];
  createdAt: Date | string;
};

export const ALERT_CHANNEL = 'serviq_alerts';
// NOTIFY payloads must stay under 8000 bytes: long evidence is cut.
const MAX_PAYLOAD = 7_500;

function payloadOf(alert: StoredAlert): string {
  const json = JSON.stringify(alert);
  if (json.length <= MAX_PAYLOAD) return json;
  return JSON.stringify({
    ...alert,
    evidence: alert.evidence.slice(0, 3).map((e) => ({ ...e, text: e.text.slice(0, 200) })),
  });
}

/** Tells every process listening (SSE hubs on any host) about new alerts. */
export async function publishAlerts(db: Database, alerts: readonly StoredAlert[]): Promise<void> {
  for (const alert of alerts)
    await db.query('SELECT pg_notify($1, $2)', [db.namespaced(ALERT_CHANNEL), payloadOf(alert)]);
}

type Subscriber = { actor: Actor; send: (alert: StoredAlert) => void; end: () => void };

/** Whether the actor may see an alert of this agent and team (supervisors: their teams; agents: their own). */
export function isAlertVisible(actor: Actor, alert: Pick<StoredAlert, 'agentId' | 'teamId'>): boolean {
  const v = visibilityOf(actor);
  if (v.kind === 'all') return true;
  if (v.kind === 'teams') return alert.teamId !== null && v.teamIds.includes(alert.teamId);
  return v.agentId !== null && alert.agentId === v.agentId;
}

/** Fans alerts out to this process's SSE subscribers, each seeing what its role allows. */
export class AlertHub {
  private readonly subscribers = new Set<Subscriber>();
  private stop: (() => Promise<void>) | undefined;

  async start(db: Database): Promise<void> {
    this.stop = await db.listen(db.namespaced(ALERT_CHANNEL), (payload) => {
      let alert: StoredAlert;
      try {
        alert = JSON.parse(payload) as StoredAlert;
      } catch {
        return;
      }
      for (const s of this.subscribers) if (isAlertVisible(s.actor, alert)) s.send(alert);
    });
  }

  /** `end` is called when the hub ends every stream (the server is closing). */
  subscribe(actor: Actor, send: (alert: StoredAlert) => void, end: () => void = () => undefined): () => void {
    authorize(actor, 'alerts:read');
    const subscriber = { actor, send, end };
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  /** Ends every stream: they never end by themselves, and a closing server waits for open connections. */
  endStreams(): void {
    const ending = [...this.subscribers];
    this.subscribers.clear();
    for (const s of ending) s.end();
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  async close(): Promise<void> {
    this.endStreams();
    await this.stop?.();
  }
}
