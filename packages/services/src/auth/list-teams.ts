import { type Actor, authorize, visibilityOf } from '../service/actor.ts';
import type { ServiceContext } from '../service/service-context.ts';
import { type TeamRecord, type TeamRow, toTeamRecord } from './directory-record.ts';

/** The teams the actor may see: all, a supervisor's own, or an agent user's team. */
export async function listTeams(ctx: ServiceContext, actor: Actor): Promise<TeamRecord[]> {
  authorize(actor, 'agents:read');
  const visibility = visibilityOf(actor);
  const params: unknown[] = [];
  let where = 'TRUE';
  if (visibility.kind === 'teams') {
    params.push(visibility.teamIds);
    where = 'id = ANY($1::text[])';
  } else if (visibility.kind === 'agent') {
    params.push(visibility.agentId);
    where = 'id IN (SELECT team_id FROM agents WHERE id = $1::text)';
  }
  const { rows } = await ctx.db.query<TeamRow>(
    `SELECT id, name, created_at FROM teams WHERE ${where} ORDER BY name, id`,
    params,
  );
  return rows.map(toTeamRecord);
}
