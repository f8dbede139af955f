import { CHANNELS, createBusinessClock, isValidTimeZone, PII_KINDS } from '@serviq/core';
import { z } from 'zod';

export const PrivacySettingsSchema = z.strictObject({
  isRedacting: z.boolean(),
  piiKinds: z.array(z.enum(PII_KINDS)).min(1),
});
export type PrivacySettings = z.output<typeof PrivacySettingsSchema>;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const ClockSchema = z.string().regex(/^\d{2}:\d{2}(:\d{2})?$/, 'expected HH:MM or HH:MM:SS');
const TimeRangeSchema = z.tuple([ClockSchema, ClockSchema]);
const DaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

/** Opening hours an SLA counts in: the analysis config file and the settings API take the same shape. */
export const BusinessHoursSchema = z
  .strictObject({
    timeZone: z.string().refine(isValidTimeZone, 'unknown IANA time zone'),
    weekly: z.partialRecord(z.enum(WEEKDAYS), z.array(TimeRangeSchema).max(24)),
    holidays: z.array(DaySchema).max(1000).optional(),
    workdays: z.array(DaySchema).max(1000).optional(),
    workdayHours: z.array(TimeRangeSchema).max(24).optional(),
  })
  .superRefine((hours, ctx) => {
    // The clock's own checks: a range that ends before it starts, overlaps, dates that do not exist.
    try {
      createBusinessClock(hours);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message.replace(/^business hours: /, '') });
    }
  });
export type BusinessHoursSetting = z.output<typeof BusinessHoursSchema>;

// A month: longer targets are mistakes (an SLA in milliseconds, say).
const MAX_SLA_SEC = 30 * 86_400;
export const SlaTargetSchema = z.strictObject({
  firstResponseSec: z.number().int().min(1).max(MAX_SLA_SEC),
  responseSec: z.number().int().min(1).max(MAX_SLA_SEC).optional(),
});

/**
 * The SLA set in the dashboard: one business-hours calendar (null counts every hour) and targets per
 * channel; `null` switches a channel's SLA off, a channel left out takes `default`, then the built-in target.
 */
export const SlaSettingsSchema = z.strictObject({
  businessHours: BusinessHoursSchema.nullable(),
  targets: z.partialRecord(z.enum([...CHANNELS, 'default']), SlaTargetSchema.nullable()),
});
export type SlaSettings = z.output<typeof SlaSettingsSchema>;

export const SettingsSchema = z.strictObject({
  privacy: PrivacySettingsSchema.optional(),
  retention: z.strictObject({ days: z.number().int().min(1).max(36_500).nullable() }).optional(),
  /** null goes back to the analysis config file's SLA (or the built-in targets). */
  sla: SlaSettingsSchema.nullable().optional(),
});
export type SettingsPatch = z.input<typeof SettingsSchema>;
