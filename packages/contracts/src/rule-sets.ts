import { z } from 'zod';

/** A rule set's id: a slug that names it in URLs, audit rows and file names. */
export const RuleSetIdSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-_]{0,63}$/,
    'a rule set id is 1 to 64 lower-case letters, digits, "-" or "_", starting with a letter or digit',
  );

/** A plain file name (no folders): issues name it as `file:line:column`. */
export const RuleFileNameSchema = z
  .string()
  .regex(
    /^[\w][\w.-]{0,122}\.(?:ya?ml|json)$/,
    'a file name ending in .yaml, .yml or .json, without folders',
  );

// A rule file is hand-written: 1 MiB is far beyond any real scorecard and keeps compiling cheap.
// The services check it (in UTF-8 bytes) before parsing a request.
export const MAX_RULE_SOURCE_BYTES = 1 << 20;

export const RuleVersionSchema = z.number().int().positive();

export const SaveRuleSetDraftSchema = z.strictObject({
  id: RuleSetIdSchema,
  name: z.string().trim().min(1).max(200),
  /** The rule file's YAML or JSON text. */
  source: z.string().refine((s) => s.trim() !== '', 'the rule file is empty'),
  /** The name issues are reported under; `<id>.yaml` by default. */
  fileName: RuleFileNameSchema.optional(),
  note: z
    .string()
    .trim()
    .max(2000)
    .transform((s) => s || undefined)
    .optional(),
});
export type SaveRuleSetDraft = z.input<typeof SaveRuleSetDraftSchema>;

export const PublishRuleSetSchema = z.strictObject({
  /** The version to publish; the latest by default. */
  version: RuleVersionSchema.optional(),
});
export type PublishRuleSet = z.input<typeof PublishRuleSetSchema>;

export const GetRuleSetSchema = z.strictObject({ version: RuleVersionSchema.optional() });
export type GetRuleSet = z.input<typeof GetRuleSetSchema>;

/** GetRuleSetSchema as a query string sends it: `?version=3`; other parameters are ignored. */
export const GetRuleSetQuerySchema = z.object({
  version: z.coerce.number().int().positive().optional(),
});
export type GetRuleSetQuery = z.input<typeof GetRuleSetQuerySchema>;

export const SetRuleSetActiveSchema = z.strictObject({
  isActive: z.boolean({ error: 'expected true or false' }),
});
export type SetRuleSetActive = z.input<typeof SetRuleSetActiveSchema>;

export const DryRunRuleSetSchema = z.strictObject({
  /** The rule set the draft stands in for; without it the draft is tried as a new rule set. */
  id: RuleSetIdSchema.optional(),
  source: z.string().refine((s) => s.trim() !== '', 'the rule file is empty'),
  fileName: RuleFileNameSchema.optional(),
  /** How many conversations to analyse, the most recent first. */
  limit: z.number().int().min(1).max(5000).default(500),
  filters: z
    .strictObject({
      /** Conversations that started in [from, to). */
      from: z.iso.datetime({ offset: true }).optional(),
      to: z.iso.datetime({ offset: true }).optional(),
      conversationIds: z.array(z.uuid()).min(1).max(5000).optional(),
    })
    .default({}),
});
export type DryRunRuleSet = z.input<typeof DryRunRuleSetSchema>;

export const ListJobsSchema = z.strictObject({
  kind: z.string().min(1).max(64).optional(),
  status: z.enum(['queued', 'running', 'done', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type ListJobs = z.input<typeof ListJobsSchema>;
