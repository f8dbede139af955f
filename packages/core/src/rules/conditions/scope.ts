import { z } from 'zod';
import { RoleSchema } from '../../model/conversation.ts';
import type { ConditionKind, MessageFilter } from '../condition-types.ts';
import { oneOrMany } from './one-or-many.ts';

const RolesSchema = oneOrMany(RoleSchema);

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
const PositionSchema = z.union([
  z.strictObject({ first: z.number().int().positive() }),
  z.strictObject({ last: z.number().int().positive() }),
  z.strictObject({ from: Ordinal, to: Ordinal.optional() }),
]);

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
        if ('first' in p) return ordinal <= p.first;
        if ('last' in p) return ordinal > count - p.last;
        const from = p.from > 0 ? p.from : count + 1 + p.from;
        const to = p.to === undefined ? count : p.to > 0 ? p.to : count + 1 + p.to;
        return ordinal >= from && ordinal <= to;
      },
    };
    return [{ filter }];
  },
};
