import { type Actor, authorize, visibilityOf, visibilitySql } from '../service/actor.ts';
import type { ServiceContext } from '../service/service-context.ts';
import { type AgentRecord, type AgentRow, toAgentRecord } from './directory-record.ts';

/** The agents the actor may see: all, a supervisor's teams' agents, or an agent user alone. */
export async function listAgents(ctx: ServiceContext, actor: Actor): Promise<AgentRecord[]> {
  authorize(actor, 'agents:read');
  const params: unknown[] = [];
  const where = visibilitySql(visibilityOf(actor), params, { team: 'team_id', agent: 'id' });
  const { rows } = await ctx.db.query<AgentRow>(
    `SELECT id, name, team_id, created_at FROM agents WHERE ${where} ORDER BY id`,
    params,
  );
  return rows.map(toAgentRecord);
}
