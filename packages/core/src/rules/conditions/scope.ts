import { z } from 'zod';
import { ROLES } from '../../model/conversation.ts';
import type { ConditionKind, MessageFilter } from '../condition-types.ts';
import { choice, oneOrMany } from './one-or-many.ts';

const RolesSchema = oneOrMany(choice(ROLES));

export const roleKind: ConditionKind = {
  key: 'role',
  compile(value, scope) {
    const roles = scope.parse(RolesSchema, value);
    if (!roles) return undefined;
    const filter: MessageFilter = {
      key: 'role',
      isScope: true,
      test: (ev, m) => roles.includes(ev.messages[m]?.role as never),
    };
    return [{ filter }];
  },
};

const Ordinal = z
  .number()
  .int()
  .refine((n) => n !== 0, 'positions count from 1 (or from −1 at the end)');
const PositionSchema = z
  .strictObject({
    first: z.number().int().positive().optional(),
    last: z.number().int().positive().optional(),
    from: Ordinal.optional(),
    to: Ordinal.optional(),
  })
  .refine(
    (p) => [p.first !== undefined, p.last !== undefined, p.from !== undefined].filter(Boolean).length === 1,
    'position is one of { first: N }, { last: N } or { from: I, to: J }',
  );

/**
 * Position among the messages of the map's roles (all roles without one), over the whole
 * conversation: `{ role: agent, position: { first: 1 } }` is the agent's first message.
 */
export const positionKind: ConditionKind = {
  key: 'position',
  compile(value, scope) {
    const p = scope.parse(PositionSchema, value);
    if (!p) return undefined;
    const roles = scope.roles;
    const single = roles?.length === 1 ? roles[0] : undefined;
    const filter: MessageFilter = {
      key: 'position',
      isScope: true,
      test(ev, m) {
        let ordinal: number;
        let count: number;
        if (roles === undefined) {
          ordinal = m + 1;
          count = ev.messages.length;
        } else if (single !== undefined) {
          if (ev.messages[m]?.role !== single) return false;
          ordinal = ev.ordinal[m] as number;
          count = ev.roleCount(single);
        } else {
          const list = ev.memo(filter, () =>
            ev.all.filter((i) => roles.includes(ev.messages[i]?.role as never)),
          );
          ordinal = list.indexOf(m) + 1;
          if (ordinal === 0) return false;
          count = list.length;
        }
        if (p.first !== undefined) return ordinal <= p.first;
        if (p.last !== undefined) return ordinal > count - p.last;
        const start = p.from as number;
        const from = start > 0 ? start : count + 1 + start;
        const to = p.to === undefined ? count : p.to > 0 ? p.to : count + 1 + p.to;
        return ordinal >= from && ordinal <= to;
      },
    };
    return [{ filter }];
  },
};
