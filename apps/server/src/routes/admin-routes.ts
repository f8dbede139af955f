import {
  createToken,
  createUser,
  createWebhook,
  deleteUser,
  deleteWebhook,
  getSettings,
  listAgents,
  listAudit,
  listDeliveries,
  listTeams,
  listTokens,
  listUsers,
  listWebhooks,
  revokeToken,
  updateSettings,
  updateUser,
  updateWebhook,
  upsertAgent,
  upsertTeam,
} from '@serviq/services';
import { type ApiHandler, actorOf, created, noContent } from '../api-handler.ts';
import type { AppDeps } from '../app-deps.ts';

type Body = Record<string, unknown>;
const bodyOf = (body: unknown): Body =>
  body && typeof body === 'object' && !Array.isArray(body) ? (body as Body) : {};

export function adminHandlers(deps: AppDeps): Record<string, ApiHandler> {
  const { ctx } = deps;
  return {
    listUsers: (call) => listUsers(ctx, actorOf(call)),
    createUser: async (call) =>
      created(await createUser(ctx, actorOf(call), call.body as Parameters<typeof createUser>[2])),
    updateUser: (call) =>
      updateUser(ctx, actorOf(call), call.params.id as string, call.body as Parameters<typeof updateUser>[3]),
    deleteUser: async (call) => {
      await deleteUser(ctx, actorOf(call), call.params.id as string);
      return noContent();
    },
    listTokens: (call) => listTokens(ctx, actorOf(call)),
    createToken: async (call) =>
      created(await createToken(ctx, actorOf(call), call.body as Parameters<typeof createToken>[2])),
    revokeToken: (call) => revokeToken(ctx, actorOf(call), call.params.id as string),
    listAgents: (call) => listAgents(ctx, actorOf(call)),
    upsertAgent: (call) =>
      upsertAgent(ctx, actorOf(call), { ...bodyOf(call.body), id: call.params.id } as Parameters<
        typeof upsertAgent
      >[2]),
    listTeams: (call) => listTeams(ctx, actorOf(call)),
    upsertTeam: (call) =>
      upsertTeam(ctx, actorOf(call), { ...bodyOf(call.body), id: call.params.id } as Parameters<
        typeof upsertTeam
      >[2]),
    listWebhooks: (call) => listWebhooks(ctx, actorOf(call)),
    createWebhook: async (call) =>
      created(await createWebhook(ctx, actorOf(call), call.body as Parameters<typeof createWebhook>[2])),
    updateWebhook: (call) =>
      updateWebhook(
        ctx,
        actorOf(call),
        Number(call.params.id),
        call.body as Parameters<typeof updateWebhook>[3],
      ),
    deleteWebhook: async (call) => {
      await deleteWebhook(ctx, actorOf(call), Number(call.params.id));
      return noContent();
    },
    listDeliveries: (call) =>
      listDeliveries(ctx, actorOf(call), call.query as Parameters<typeof listDeliveries>[2]),
    listAudit: (call) => listAudit(ctx, actorOf(call), call.query),
    getSettings: (call) => getSettings(ctx, actorOf(call)),
    updateSettings: async (call) => {
      const settings = await updateSettings(ctx, actorOf(call), call.body);
      deps.runtimes.invalidate();
      return settings;
    },
  };
}
