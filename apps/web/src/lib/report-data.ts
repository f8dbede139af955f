import type { Report, ReportQuery } from '@serviq/contracts';
import { useCallback, useMemo } from 'react';
import { api, type Query } from '../api/client.ts';
import { type ApiState, useApi } from './use-api.ts';

/**
 * GET /reports for each query at once (the server answers them side by side), as one answer so
 * the page renders once; asked again whenever a query changes. Undefined queries: nothing asked.
 */
export function useReports<K extends string>(
  queries: Record<K, ReportQuery> | undefined,
): ApiState<Record<K, Report>> {
  return useApi(
    async (signal) => {
      if (!queries) return undefined as unknown as Record<K, Report>;
      const entries = Object.entries(queries) as [K, ReportQuery][];
      const reports = await Promise.all(
        entries.map(([, query]) => api<Report>('GET', '/reports', { query: query as Query, signal })),
      );
      return Object.fromEntries(entries.map(([key], i) => [key, reports[i]])) as Record<K, Report>;
    },
    [JSON.stringify(queries ?? null)],
  );
}

type Agent = { id: string; name: string | null; teamId: string | null };
type Team = { id: string; name: string | null };

export type Directory = {
  agents: Agent[];
  /** "Name (id)", or the id of an agent the directory does not know. */
  agentLabel(id: string): string;
  teamLabel(id: string): string;
  teamOf(agentId: string): string | null;
};

/** The agents and teams the caller may see, for names in reports (which answer ids). */
export function useDirectory(): ApiState<Directory> & { directory: Directory } {
  const state = useApi(
    (signal) =>
      Promise.all([api<Agent[]>('GET', '/agents', { signal }), api<Team[]>('GET', '/teams', { signal })]),
    [],
  );
  const [agents, teams] = state.data ?? [[], []];
  const agentLabel = useCallback(
    (id: string) => {
      const name = agents.find((a) => a.id === id)?.name;
      return name && name !== id ? `${name} (${id})` : id;
    },
    [agents],
  );
  const teamLabel = useCallback(
    (id: string) => {
      const name = teams.find((t) => t.id === id)?.name;
      return name && name !== id ? `${name} (${id})` : id;
    },
    [teams],
  );
  const teamOf = useCallback((id: string) => agents.find((a) => a.id === id)?.teamId ?? null, [agents]);
  const directory = useMemo(
    () => ({ agents, agentLabel, teamLabel, teamOf }),
    [agents, agentLabel, teamLabel, teamOf],
  );
  return { ...state, data: state.data ? directory : undefined, directory };
}
