import { z } from 'zod';
import { ChannelSchema } from '../model/conversation.ts';

const Id = z.string().regex(/^[\p{L}\p{N}_.-]+$/u, 'an id is letters, digits, "-", "_" and "." (no spaces)');

const Values = z.array(z.string().min(1).nullable()).min(1);

/** Which conversations a scorecard (or a rule of a shared pack) is for; `null` in a list: the field is absent. */
export const AppliesToSchema = z.strictObject({
  channels: z.array(ChannelSchema).min(1).optional(),
  queues: Values.optional(),
  tags: Values.optional(),
  industries: Values.optional(),
  languages: Values.optional(),
});
export type AppliesTo = z.infer<typeof AppliesToSchema>;

export const CategorySchema = z.strictObject({
  name: z.string().min(1),
  weight: z.number().positive().default(1),
  /** A hit in a critical category zeroes the score (weighted mode). */
  critical: z.boolean().default(false),
});
export type Category = z.infer<typeof CategorySchema>;

export const ScorecardHeaderSchema = z.strictObject({
  id: Id,
  name: z.string().min(1).optional(),
  description: z.string().optional(),
  appliesTo: AppliesToSchema.optional(),
  priority: z.number().default(0),
  mode: z.enum(['deduction', 'weighted']).default('deduction'),
  passScore: z.number().min(0).max(100).default(80),
  alertBelow: z.number().min(0).max(100).optional(),
  categories: z.array(CategorySchema).min(1).optional(),
});
export type ScorecardHeader = z.infer<typeof ScorecardHeaderSchema>;

export const PackHeaderSchema = z.strictObject({
  id: Id,
  name: z.string().min(1).optional(),
  description: z.string().optional(),
});

/** A rule file: a scorecard with its rules, or a pack of rules that scorecards include. */
export const RuleDocumentSchema = z
  .strictObject({
    scorecard: ScorecardHeaderSchema.optional(),
    pack: PackHeaderSchema.optional(),
    include: z.array(Id).optional(),
    // Rules are checked one by one, so one broken rule does not hide the others' problems.
    rules: z.array(z.unknown()),
  })
  .refine((d) => (d.scorecard === undefined) !== (d.pack === undefined), {
    message: 'a rule file has either scorecard: {…} or pack: {…} (exactly one)',
  });
export type RuleDocument = z.infer<typeof RuleDocumentSchema>;

export const SEVERITIES = ['minor', 'major', 'critical'] as const;

export const RuleSchema = z.strictObject({
  id: Id,
  name: z.string().min(1).optional(),
  description: z.string().optional(),
  category: z.string().min(1).default('general'),
  severity: z.enum(SEVERITIES).optional(),
  points: z.number().finite().optional(),
  per: z.enum(['conversation', 'occurrence']).default('conversation'),
  maxPoints: z.number().positive().optional(),
  fatal: z.boolean().default(false),
  weight: z.number().positive().default(1),
  realtime: z.boolean().default(false),
  enabled: z.boolean().default(true),
  appliesTo: AppliesToSchema.optional(),
  when: z.unknown().optional(),
  detect: z.unknown().optional(),
  require: z.unknown().optional(),
});
export type RuleInput = z.infer<typeof RuleSchema>;
