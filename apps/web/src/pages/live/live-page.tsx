import { Alert, App, Badge, Button, Card, Space, Switch, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { fill, type Messages, useText } from '../../i18n/locale.tsx';
import { useApi } from '../../lib/use-api.ts';
import { AlertFeed, type AlertView } from './alert-feed.tsx';
import { OngoingConversations } from './ongoing-conversations.tsx';
import { type StreamedAlert, type StreamState, useAlertStream } from './use-alert-stream.ts';

/** A row of GET /alerts. */
type ListedAlert = StreamedAlert & { externalId: string; acknowledgedAt: string | null };

const MESSAGES: Messages<
  | 'title'
  | 'alerts'
  | 'ongoing'
  | 'unackedOnly'
  | 'older'
  | 'loadFailed'
  | 'ackFailed'
  | 'announce'
  | 'connecting'
  | 'open'
  | 'reconnecting'
  | 'closed'
  | 'streamLabel'
> = {
  'zh-CN': {
    title: '实时监控',
    alerts: '预警',
    ongoing: '进行中的会话',
    unackedOnly: '只看未处理',
    older: '加载更早的预警',
    loadFailed: '预警加载失败：{error}',
    ackFailed: '确认失败：{error}',
    announce: '新预警：{name}',
    connecting: '正在连接',
    open: '实时推送中',
    reconnecting: '连接中断，正在重连',
    closed: '已断开，稍后重试',
    streamLabel: '预警推送状态',
  },
  en: {
    title: 'Live',
    alerts: 'Alerts',
    ongoing: 'Ongoing conversations',
    unackedOnly: 'Unacknowledged only',
    older: 'Load older alerts',
    loadFailed: 'Could not load alerts: {error}',
    ackFailed: 'Could not acknowledge: {error}',
    announce: 'New alert: {name}',
    connecting: 'Connecting',
    open: 'Live',
    reconnecting: 'Connection lost, reconnecting',
    closed: 'Disconnected, retrying shortly',
    streamLabel: 'Alert stream',
  },
};

const STREAM_BADGE: Record<StreamState, 'processing' | 'success' | 'warning' | 'error'> = {
  connecting: 'processing',
  open: 'success',
  reconnecting: 'warning',
  closed: 'error',
};

const PAGE_SIZE = 50;
// Many alerts at once (a re-connection's replay) refresh the lists once.
const REFRESH_DELAY_MS = 500;

const visuallyHidden = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;

const byNewest = (a: AlertView, b: AlertView) => b.id - a.id;

export function LivePage() {
  const t = useText(MESSAGES);
  const { can } = useSession();
  const { message } = App.useApp();
  const [alerts, setAlerts] = useState<ReadonlyMap<number, AlertView>>(new Map());
  const [isUnackedOnly, setUnackedOnly] = useState(false);
  const [hasOlder, setHasOlder] = useState(false);
  const [isLoadingOlder, setLoadingOlder] = useState(false);
  const [loadError, setLoadError] = useState<string | undefined>();
  const [acknowledging, setAcknowledging] = useState<ReadonlySet<number>>(new Set());
  const [announcement, setAnnouncement] = useState('');
  const [ongoingKey, setOngoingKey] = useState(0);
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const canAcknowledge = can('alerts:ack');

  const agents = useApi(
    (signal) => api<{ id: string; name: string | null }[]>('GET', '/agents', { signal }),
    [],
  );
  const teams = useApi((signal) => api<{ id: string; name: string }[]>('GET', '/teams', { signal }), []);
  const agentNames = useMemo(
    () => new Map((agents.data ?? []).map((a) => [a.id, a.name ?? a.id])),
    [agents.data],
  );
  const teamNames = useMemo(() => new Map((teams.data ?? []).map((a) => [a.id, a.name])), [teams.data]);

  /** Lists alerts (the newest page, or the page before `before`) and merges them in. */
  const list = useCallback(
    async (before?: number) => {
      try {
        const { items } = await api<{ items: ListedAlert[] }>('GET', '/alerts', {
          query: { limit: PAGE_SIZE, before, isAcknowledged: isUnackedOnly ? false : undefined },
        });
        setLoadError(undefined);
        setAlerts((current) => {
          const next = new Map(current);
          for (const item of items)
            next.set(item.id, { ...item, isNew: current.get(item.id)?.isNew ?? false });
          return next;
        });
        // Listing the newest page again (a resync) keeps the older pages already shown.
        if (before !== undefined) setHasOlder(items.length === PAGE_SIZE);
        else if (items.length === PAGE_SIZE) setHasOlder(true);
      } catch (error) {
        setLoadError((error as Error).message);
      }
    },
    [isUnackedOnly],
  );

  useEffect(() => {
    setAlerts(new Map());
    setHasOlder(false);
    void list();
  }, [list]);

  const refreshOngoing = useCallback(() => {
    clearTimeout(refreshTimer.current);
    refreshTimer.current = setTimeout(() => setOngoingKey((k) => k + 1), REFRESH_DELAY_MS);
  }, []);
  // Streamed alerts lack the helpdesk's conversation id: listing the newest page again adds it.
  const relistTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const relistSoon = useCallback(() => {
    clearTimeout(relistTimer.current);
    relistTimer.current = setTimeout(() => void list(), REFRESH_DELAY_MS);
  }, [list]);
  useEffect(() => () => clearTimeout(relistTimer.current), []);
  useEffect(() => () => clearTimeout(refreshTimer.current), []);

  const onAlert = useCallback(
    (alert: StreamedAlert) => {
      setAlerts((current) => {
        if (current.has(alert.id)) return current;
        const next = new Map(current);
        next.set(alert.id, { ...alert, acknowledgedAt: null, isNew: true });
        return next;
      });
      setAnnouncement(fill(t.announce, { name: alert.name }));
      refreshOngoing();
      relistSoon();
    },
    [t.announce, refreshOngoing, relistSoon],
  );
  const onResync = useCallback(() => {
    void list();
    refreshOngoing();
  }, [list, refreshOngoing]);
  const streamState = useAlertStream(onAlert, onResync);

  const acknowledge = async (alert: AlertView) => {
    setAcknowledging((s) => new Set(s).add(alert.id));
    try {
      const answer = await api<{ acknowledgedAt: string }>('POST', `/alerts/${alert.id}/acknowledge`);
      setAlerts((current) => {
        const next = new Map(current);
        const shown = next.get(alert.id);
        if (shown) next.set(alert.id, { ...shown, acknowledgedAt: answer.acknowledgedAt });
        return next;
      });
      refreshOngoing();
    } catch (error) {
      void message.error(fill(t.ackFailed, { error: (error as Error).message }));
    } finally {
      setAcknowledging((s) => {
        const next = new Set(s);
        next.delete(alert.id);
        return next;
      });
    }
  };

  const shown = useMemo(
    () => [...alerts.values()].filter((a) => !isUnackedOnly || !a.acknowledgedAt).sort(byNewest),
    [alerts, isUnackedOnly],
  );

  const loadOlder = async () => {
    const oldest = shown.at(-1);
    if (!oldest) return;
    setLoadingOlder(true);
    await list(oldest.id);
    setLoadingOlder(false);
  };

  return (
    <div>
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t.title}
        </Typography.Title>
        <span data-testid="stream-state" data-state={streamState} role="status" aria-label={t.streamLabel}>
          <Badge status={STREAM_BADGE[streamState]} text={t[streamState]} />
        </span>
      </div>
      <div aria-live="polite" style={visuallyHidden}>
        {announcement}
      </div>
      <Space orientation="vertical" size={16} style={{ display: 'flex', marginTop: 16 }}>
        <Card
          title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.alerts}</h2>}
          extra={
            <Space>
              <Switch
                id="live-unacked-only"
                checked={isUnackedOnly}
                onChange={setUnackedOnly}
                data-testid="unacked-only"
              />
              <label htmlFor="live-unacked-only">{t.unackedOnly}</label>
            </Space>
          }
          styles={{ body: { padding: 0 } }}
        >
          {loadError ? (
            <Alert
              type="error"
              showIcon
              title={fill(t.loadFailed, { error: loadError })}
              style={{ margin: 12 }}
            />
          ) : null}
          <div style={{ maxHeight: 520, overflowY: 'auto' }}>
            <AlertFeed
              alerts={shown}
              isUnackedOnly={isUnackedOnly}
              canAcknowledge={canAcknowledge}
              acknowledging={acknowledging}
              agentNames={agentNames}
              teamNames={teamNames}
              onAcknowledge={(a) => void acknowledge(a)}
            />
            {hasOlder ? (
              <div style={{ textAlign: 'center', padding: 12 }}>
                <Button onClick={() => void loadOlder()} loading={isLoadingOlder}>
                  {t.older}
                </Button>
              </div>
            ) : null}
          </div>
        </Card>
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t.ongoing}</h2>}>
          <OngoingConversations refreshKey={ongoingKey} />
        </Card>
      </Space>
    </div>
  );
}
