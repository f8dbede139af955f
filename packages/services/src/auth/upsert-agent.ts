import { type UpsertAgent, UpsertAgentSchema } from '@serviq/contracts';
import { type Actor, authorize } from '../service/actor.ts';
import { AppError } from '../service/app-error.ts';
import { recordAudit } from '../service/audit.ts';
import { parseInput } from '../service/parse-input.ts';
import type { ServiceContext } from '../service/service-context.ts';
import { type AgentRecord, type AgentRow, toAgentRecord } from './directory-record.ts';

export async function upsertAgent(
  ctx: ServiceContext,
  actor: Actor,
  input: UpsertAgent,
): Promise<AgentRecord> {
  authorize(actor, 'agents:write');
  const agent = parseInput(UpsertAgentSchema, input);
  return ctx.db.transaction(async (tx) => {
    if (agent.teamId) {
      const team = await tx.query('SELECT 1 FROM teams WHERE id = $1', [agent.teamId]);
      if (team.rows.length === 0)
        throw new AppError('invalid', `teamId: there is no team ${agent.teamId}`, { field: 'teamId' });
    }
    const found = await tx.query<AgentRow>(
      'SELECT id, name, team_id, created_at FROM agents WHERE id = $1 FOR UPDATE',
      [agent.id],
    );
    const before = found.rows[0] ? toAgentRecord(found.rows[0]) : undefined;
    const name = agent.name === undefined ? (before?.name ?? null) : agent.name;
    const teamId = agent.teamId === undefined ? (before?.teamId ?? null) : agent.teamId;
    if (before && before.name === name && before.teamId === teamId) return before;
    const { rows } = await tx.query<AgentRow>(
      `INSERT INTO agents (id, name, team_id, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, team_id = EXCLUDED.team_id
       RETURNING id, name, team_id, created_at`,
      [agent.id, name, teamId, new Date(ctx.now())],
    );
    const after = toAgentRecord(rows[0] as AgentRow);
    await recordAudit(tx, actor, {
      action: before ? 'agent.update' : 'agent.create',
      entity: 'agent',
      entityId: agent.id,
      before,
      after,
    });
    return after;
  });
}
