import type { z } from 'zod';
import { ListAuditSchema } from './audit.ts';
import type { Permission } from './auth.ts';
import {
  CreateTokenSchema,
  CreateUserSchema,
  LoginSchema,
  UpdateUserSchema,
  UpsertAgentSchema,
  UpsertTeamSchema,
} from './auth.ts';
import {
  CloseConversationSchema,
  ExportConversationsSchema,
  ListAlertsSchema,
  ListConversationsSchema,
  LiveMessageSchema,
  ReviewSchema,
} from './conversations.ts';
import { ListOngoingConversationsSchema } from './live.ts';
import { ReportQuerySchema } from './reports.ts';
import {
  DryRunRuleSetSchema,
  GetRuleSetQuerySchema,
  ListJobsSchema,
  PublishRuleSetSchema,
  SaveRuleSetDraftSchema,
  SetRuleSetActiveSchema,
} from './rule-sets.ts';
import { SettingsSchema } from './settings.ts';
import { DeliveryFilterSchema, WebhookInputSchema, WebhookUpdateSchema } from './webhooks.ts';

/**
 * Who may call a route: `public` (no account; credentials ignored), `optional` (anyone; the caller's
 * credentials are read when valid), `session` (any signed-in person or token), or a
 * permission of the role/scope model (DESIGN §9). The server enforces it before the handler, and
 * the use-case checks it again (the services never trust the HTTP layer alone).
 */
export type RouteAccess = 'public' | 'optional' | 'session' | Permission;

export type ApiRoute = {
  id: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** OpenAPI style: `{id}` for a path parameter. */
  path: string;
  summary: string;
  access: RouteAccess;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The body is not JSON (`application/x-ndjson` for batch imports). */
  bodyType?: 'jsonl';
  /** Server-sent events instead of one JSON answer. */
  isStream?: boolean;
};

/** Every route of /api/v1: the server registers exactly these, the OpenAPI document lists them. */
export const API_ROUTES: readonly ApiRoute[] = [
  {
    id: 'health',
    method: 'GET',
    path: '/api/v1/health',
    summary: 'Liveness and database check',
    access: 'public',
  },
  {
    id: 'openapi',
    method: 'GET',
    path: '/api/v1/openapi.json',
    summary: 'This API as an OpenAPI 3.0 document',
    access: 'public',
  },
  {
    id: 'login',
    method: 'POST',
    path: '/api/v1/auth/login',
    summary: 'Sign in; sets the session cookie, returns the CSRF token',
    access: 'public',
    body: LoginSchema,
  },
  { id: 'logout', method: 'POST', path: '/api/v1/auth/logout', summary: 'Sign out', access: 'session' },
  {
    id: 'me',
    method: 'GET',
    path: '/api/v1/auth/me',
    summary: 'Who is signed in, and the CSRF token (kind "anonymous" when nobody is)',
    // Answered 200 to the signed out too: the dashboard asks on every load, and a 401 there is no error.
    access: 'optional',
  },
  {
    id: 'importConversations',
    method: 'POST',
    path: '/api/v1/conversations:batch',
    summary: 'Import canonical JSONL conversations (streamed); bad lines are reported, good ones stored',
    access: 'conversations:write',
    bodyType: 'jsonl',
  },
  {
    id: 'listConversations',
    method: 'GET',
    path: '/api/v1/conversations',
    summary: 'Conversations matching filters',
    access: 'conversations:read',
    query: ListConversationsSchema,
  },
  {
    id: 'exportConversations',
    method: 'GET',
    path: '/api/v1/conversations:export',
    summary: 'The conversations matching filters as CSV or XLSX, one row per conversation (streamed)',
    access: 'conversations:read',
    query: ExportConversationsSchema,
  },
  {
    id: 'getConversationFilters',
    method: 'GET',
    path: '/api/v1/conversation-filters',
    summary: 'Choices for the conversation filters: queues, tags and rules',
    access: 'conversations:read',
  },
  {
    id: 'getConversation',
    method: 'GET',
    path: '/api/v1/conversations/{id}',
    summary: 'One conversation with transcript and analysis',
    access: 'conversations:read',
  },
  {
    id: 'postMessage',
    method: 'POST',
    path: '/api/v1/conversations/{id}/messages',
    summary:
      'A live message of conversation {id} (the source id); idempotent by source, conversation and message id',
    access: 'conversations:write',
    body: LiveMessageSchema,
  },
  {
    id: 'closeConversation',
    method: 'POST',
    path: '/api/v1/conversations/{id}/close',
    summary: 'End a live conversation and score it',
    access: 'conversations:write',
    body: CloseConversationSchema,
  },
  {
    id: 'createReview',
    method: 'POST',
    path: '/api/v1/conversations/{id}/reviews',
    summary: 'A reviewer’s score, kept apart from the automatic one',
    access: 'reviews:write',
    body: ReviewSchema,
  },
  {
    id: 'getReport',
    method: 'GET',
    path: '/api/v1/reports',
    summary: 'Volume, response times, SLA, CSAT, scores, hits, emotion, emoji by a dimension',
    access: 'reports:read',
    query: ReportQuerySchema,
  },
  {
    id: 'listRuleSets',
    method: 'GET',
    path: '/api/v1/rule-sets',
    summary: 'Rule sets and their scorecards',
    access: 'rules:read',
  },
  {
    id: 'getRuleSet',
    method: 'GET',
    path: '/api/v1/rule-sets/{id}',
    summary: 'One rule set: a version’s text and the version history',
    access: 'rules:read',
    query: GetRuleSetQuerySchema,
  },
  {
    id: 'saveRuleSet',
    method: 'PUT',
    path: '/api/v1/rule-sets/{id}',
    summary: 'Save a new version (a draft, not yet used)',
    access: 'rules:write',
    body: SaveRuleSetDraftSchema.omit({ id: true }),
  },
  {
    id: 'publishRuleSet',
    method: 'POST',
    path: '/api/v1/rule-sets/{id}/publish',
    summary: 'Publish a version and re-score everything in the background',
    access: 'rules:write',
    body: PublishRuleSetSchema,
  },
  {
    id: 'setRuleSetActive',
    method: 'POST',
    path: '/api/v1/rule-sets/{id}/active',
    summary: 'Switch a rule set on or off and re-score',
    access: 'rules:write',
    body: SetRuleSetActiveSchema,
  },
  {
    id: 'dryRunRuleSet',
    method: 'POST',
    path: '/api/v1/rule-sets:dry-run',
    summary: 'Run a draft on stored conversations without storing anything',
    access: 'rules:read',
    body: DryRunRuleSetSchema,
  },
  {
    id: 'listJobs',
    method: 'GET',
    path: '/api/v1/jobs',
    summary: 'Background jobs with progress',
    access: 'jobs:read',
    query: ListJobsSchema,
  },
  {
    id: 'getJob',
    method: 'GET',
    path: '/api/v1/jobs/{id}',
    summary: 'One background job',
    access: 'jobs:read',
  },
  {
    id: 'listAlerts',
    method: 'GET',
    path: '/api/v1/alerts',
    summary: 'Alerts, newest first',
    access: 'alerts:read',
    query: ListAlertsSchema,
  },
  {
    id: 'alertStream',
    method: 'GET',
    path: '/api/v1/alerts/stream',
    summary: 'New alerts as server-sent events',
    access: 'alerts:read',
    isStream: true,
  },
  {
    id: 'listOngoingConversations',
    method: 'GET',
    path: '/api/v1/conversations:ongoing',
    summary: 'Open conversations with the customer’s current emotion and how long they have waited',
    access: 'conversations:read',
    query: ListOngoingConversationsSchema,
  },
  {
    id: 'acknowledgeAlert',
    method: 'POST',
    path: '/api/v1/alerts/{id}/acknowledge',
    summary: 'Mark an alert handled',
    access: 'alerts:ack',
  },
  {
    id: 'listWebhooks',
    method: 'GET',
    path: '/api/v1/webhooks',
    summary: 'Outgoing alert webhooks',
    access: 'webhooks:manage',
  },
  {
    id: 'createWebhook',
    method: 'POST',
    path: '/api/v1/webhooks',
    summary: 'Add an outgoing webhook (generic, DingTalk, WeCom, Slack)',
    access: 'webhooks:manage',
    body: WebhookInputSchema,
  },
  {
    id: 'updateWebhook',
    method: 'PATCH',
    path: '/api/v1/webhooks/{id}',
    summary: 'Change a webhook',
    access: 'webhooks:manage',
    body: WebhookUpdateSchema,
  },
  {
    id: 'deleteWebhook',
    method: 'DELETE',
    path: '/api/v1/webhooks/{id}',
    summary: 'Remove a webhook',
    access: 'webhooks:manage',
  },
  {
    id: 'listDeliveries',
    method: 'GET',
    path: '/api/v1/webhooks/deliveries',
    summary: 'The delivery log',
    access: 'webhooks:manage',
    query: DeliveryFilterSchema,
  },
  {
    id: 'listAgents',
    method: 'GET',
    path: '/api/v1/agents',
    summary: 'Agents the caller may see',
    access: 'agents:read',
  },
  {
    id: 'upsertAgent',
    method: 'PUT',
    path: '/api/v1/agents/{id}',
    summary: 'Name an agent or move them to a team',
    access: 'agents:write',
    body: UpsertAgentSchema.omit({ id: true }),
  },
  { id: 'listTeams', method: 'GET', path: '/api/v1/teams', summary: 'Teams', access: 'agents:read' },
  {
    id: 'upsertTeam',
    method: 'PUT',
    path: '/api/v1/teams/{id}',
    summary: 'Create or rename a team',
    access: 'agents:write',
    body: UpsertTeamSchema.omit({ id: true }),
  },
  { id: 'listUsers', method: 'GET', path: '/api/v1/users', summary: 'Accounts', access: 'users:manage' },
  {
    id: 'createUser',
    method: 'POST',
    path: '/api/v1/users',
    summary: 'Create an account',
    access: 'users:manage',
    body: CreateUserSchema,
  },
  {
    id: 'updateUser',
    method: 'PATCH',
    path: '/api/v1/users/{id}',
    summary: 'Change an account (role, teams, password, disabled)',
    access: 'users:manage',
    body: UpdateUserSchema,
  },
  {
    id: 'deleteUser',
    method: 'DELETE',
    path: '/api/v1/users/{id}',
    summary: 'Delete an account',
    access: 'users:manage',
  },
  {
    id: 'listTokens',
    method: 'GET',
    path: '/api/v1/tokens',
    summary: 'API tokens (never their secret)',
    access: 'tokens:manage',
  },
  {
    id: 'createToken',
    method: 'POST',
    path: '/api/v1/tokens',
    summary: 'Create a scoped API token; its secret is shown once',
    access: 'tokens:manage',
    body: CreateTokenSchema,
  },
  {
    id: 'revokeToken',
    method: 'DELETE',
    path: '/api/v1/tokens/{id}',
    summary: 'Revoke a token',
    access: 'tokens:manage',
  },
  {
    id: 'listAudit',
    method: 'GET',
    path: '/api/v1/audit',
    summary: 'Every change: who, when, before, after',
    access: 'audit:read',
    query: ListAuditSchema,
  },
  {
    id: 'getSettings',
    method: 'GET',
    path: '/api/v1/settings',
    summary: 'Privacy and retention settings',
    access: 'settings:manage',
  },
  {
    id: 'updateSettings',
    method: 'PATCH',
    path: '/api/v1/settings',
    summary: 'Change privacy and retention settings',
    access: 'settings:manage',
    body: SettingsSchema,
  },
  {
    id: 'chatwootWebhook',
    method: 'POST',
    path: '/api/v1/integrations/chatwoot',
    summary: 'Chatwoot webhook receiver (shared secret): live messages and closed conversations',
    access: 'public',
  },
];
