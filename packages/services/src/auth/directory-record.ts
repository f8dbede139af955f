import { z } from 'zod';

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

// Ids come from the helpdesks' exports, so any printable text is allowed, but not blank or padded.
export const DirectoryIdSchema = z
  .string()
  .min(1)
  .max(200)
  .refine((id) => id.trim() === id, 'must not start or end with spaces');
