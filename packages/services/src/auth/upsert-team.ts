import { type UpsertTeam, UpsertTeamSchema } from '@serviq/contracts';
import { type Actor, authorize } from '../service/actor.ts';
import { recordAudit } from '../service/audit.ts';
import { parseInput } from '../service/parse-input.ts';
import type { ServiceContext } from '../service/service-context.ts';
import { type TeamRecord, type TeamRow, toTeamRecord } from './directory-record.ts';

/** Creates the team or renames it; an unchanged team is returned without an audit row. */
export async function upsertTeam(ctx: ServiceContext, actor: Actor, input: UpsertTeam): Promise<TeamRecord> {
  authorize(actor, 'agents:write');
  const team = parseInput(UpsertTeamSchema, input);
  return ctx.db.transaction(async (tx) => {
    const found = await tx.query<TeamRow>('SELECT id, name, created_at FROM teams WHERE id = $1 FOR UPDATE', [
      team.id,
    ]);
    const before = found.rows[0] ? toTeamRecord(found.rows[0]) : undefined;
    if (before?.name === team.name) return before;
    // ON CONFLICT: a concurrent first insert of the same id turns this one into the rename.
    const { rows } = await tx.query<TeamRow>(
      `INSERT INTO teams (id, name, created_at) VALUES ($1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name
       RETURNING id, name, created_at`,
      [team.id, team.name, new Date(ctx.now())],
    );
    const after = toTeamRecord(rows[0] as TeamRow);
    await recordAudit(tx, actor, {
      action: before ? 'team.update' : 'team.create',
      entity: 'team',
      entityId: team.id,
      before,
      after,
    });
    return after;
  });
}
