/** A team as the directory lists it. */
export type TeamRecord = { id: string; name: string; createdAt: string };

/** An agent as the directory lists it; `id` is the agent id conversations carry. */
export type AgentRecord = { id: string; name: string | null; teamId: string | null; createdAt: string };

export type TeamRow = { id: string; name: string; created_at: Date };
export type AgentRow = { id: string; name: string | null; team_id: string | null; created_at: Date };

export const toTeamRecord = (row: TeamRow): TeamRecord => ({
  id: row.id,
  name: row.name,
  createdAt: row.created_at.toISOString(),
});

export const toAgentRecord = (row: AgentRow): AgentRecord => ({
  id: row.id,
  name: row.name,
  teamId: row.team_id,
  createdAt: row.created_at.toISOString(),
});
