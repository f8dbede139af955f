import type { Severity } from '@serviq/core';
import { z } from 'zod';

export const WEBHOOK_PRESETS = ['generic', 'dingtalk', 'wecom', 'slack'] as const;
export const WebhookPresetSchema = z.enum(WEBHOOK_PRESETS);
export type WebhookPreset = z.infer<typeof WebhookPresetSchema>;

const WebhookNameSchema = z.string().trim().min(1, 'name is required').max(200);
const UrlSchema = z
  .url({ protocol: /^https?$/, error: 'url must be an http:// or https:// address' })
  .max(2000);
// The secret signs generic bodies and DingTalk URLs; null on update removes it.
const SecretSchema = z.string().min(1).max(512).nullable();

export const ALERT_SEVERITIES = ['minor', 'major', 'critical'] as const satisfies readonly Severity[];
// Empty lists: every rule, every severity.
const RulesFilterSchema = z
  .array(z.string().trim().min(1).max(200))
  .max(500)
  .transform((rules) => [...new Set(rules)]);
const SeveritiesFilterSchema = z.array(z.enum(ALERT_SEVERITIES)).transform((list) => [...new Set(list)]);

export const WebhookInputSchema = z.object({
  name: WebhookNameSchema,
  url: UrlSchema,
  preset: WebhookPresetSchema.default('generic'),
  secret: SecretSchema.optional(),
  isActive: z.boolean().default(true),
  /** Only alerts of these rule ids; empty (the default) takes every rule. */
  rules: RulesFilterSchema.default([]),
  /** Only alerts of these severities; empty (the default) takes every severity. */
  severities: SeveritiesFilterSchema.default([]),
});
export type WebhookInput = z.input<typeof WebhookInputSchema>;

// No defaults here: a field left out of an update keeps its value.
export const WebhookUpdateSchema = z
  .object({
    name: WebhookNameSchema,
    url: UrlSchema,
    preset: WebhookPresetSchema,
    secret: SecretSchema,
    isActive: z.boolean(),
    rules: RulesFilterSchema,
    severities: SeveritiesFilterSchema,
  })
  .partial();
export type WebhookUpdate = z.input<typeof WebhookUpdateSchema>;

export const DeliveryFilterSchema = z.object({
  alertId: z.coerce.number().int().positive().optional(),
  webhookId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type DeliveryFilter = z.input<typeof DeliveryFilterSchema>;
