import { PII_KINDS } from '@serviq/core';
import { z } from 'zod';

export const PrivacySettingsSchema = z.strictObject({
  isRedacting: z.boolean(),
  piiKinds: z.array(z.enum(PII_KINDS)).min(1),
});
export type PrivacySettings = z.output<typeof PrivacySettingsSchema>;

export const SettingsSchema = z.strictObject({
  privacy: PrivacySettingsSchema.optional(),
  retention: z.strictObject({ days: z.number().int().min(1).max(36_500).nullable() }).optional(),
});
export type SettingsPatch = z.input<typeof SettingsSchema>;
