import { DIMS, levelFor } from '../reports/rollup-levels.ts';
import { type Actor, authorize } from '../service/actor.ts';
import type { AnalysisRuntime } from '../service/analysis-runtime.ts';
import type { ServiceContext } from '../service/service-context.ts';

export type ConversationFilterChoices = {
  queues: string[];
  tags: string[];
  /** Every rule of the published scorecards, once per id, with its distinct names (scorecards in two languages name it twice). */
  rules: { id: string; names: string[]; category: string; scorecards: string[] }[];
};

/**
 * What the conversation list's queue, tag and rule filters can choose from. Queues and tags come
 * from the daily report rollups (a few rows per day, however many conversations there are), rules
 * from the published rule sets; agents and teams have their own lists (listAgents, listTeams).
 */
export async function getConversationFilters(
  ctx: ServiceContext,
  actor: Actor,
  runtime: AnalysisRuntime,
): Promise<ConversationFilterChoices> {
  authorize(actor, 'conversations:read');
  const distinct = async (column: 'queue' | 'tag', dims: number | undefined) => {
    if (dims === undefined) return [];
    const { rows } = await ctx.db.query<{ value: string }>(
      `SELECT DISTINCT ${column} AS value FROM report_rollups
       WHERE grain = 'day' AND dims = $1 AND ${column} <> '' ORDER BY 1`,
      [dims],
    );
    return rows.map((r) => r.value);
  };
  const [queues, tags] = await Promise.all([
    distinct('queue', levelFor('report_rollups', 'day', DIMS.queue)),
    distinct('tag', levelFor('report_rollups', 'day', DIMS.tag)),
  ]);
  const rules = new Map<string, ConversationFilterChoices['rules'][number]>();
  for (const card of runtime.context.ruleSet?.scorecards ?? [])
    for (const rule of card.rules) {
      if (!rule.isEnabled) continue;
      const known = rules.get(rule.id);
      if (!known)
        rules.set(rule.id, {
          id: rule.id,
          names: [rule.name],
          category: rule.category,
          scorecards: [card.id],
        });
      else {
        known.scorecards.push(card.id);
        if (!known.names.includes(rule.name)) known.names.push(rule.name);
      }
    }
  return { queues, tags, rules: [...rules.values()].sort((a, b) => a.id.localeCompare(b.id)) };
}
