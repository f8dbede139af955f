import { readFileSync } from 'node:fs';
import type { Locale } from '@serviq/core';
import {
  type AnalysisConfig,
  AnalysisConfigSchema,
  DEFAULT_MODELS_DIR,
  readSatisfactionModel,
  sentimentScorerFor,
} from '@serviq/services';
import { UsageError } from './cli-error.ts';

export type ConfigFlags = {
  config?: string;
  timezone?: string;
  redact?: boolean;
  'max-message-chars'?: string;
  models?: string;
  'satisfaction-model'?: string;
};

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`${path}: cannot read config: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new UsageError(`${path}: invalid JSON: ${(error as Error).message}`);
  }
}

/** The analysis configuration, parsed once: config file first, command-line flags over it. */
export function loadAnalysisConfig(flags: ConfigFlags): AnalysisConfig {
  const base = flags.config ? readJson(flags.config) : {};
  if (base === null || typeof base !== 'object' || Array.isArray(base)) {
    throw new UsageError(`${flags.config}: config must be a JSON object`);
  }
  const merged: Record<string, unknown> = { ...base };
  if (flags.timezone) merged.timeZone = flags.timezone;
  if (flags.redact) merged.isRedacting = true;
  if (flags['max-message-chars'] !== undefined) merged.maxMessageChars = Number(flags['max-message-chars']);
  if (flags.models !== undefined) merged.models = flags.models === 'none' ? null : flags.models;
  if (flags['satisfaction-model'] !== undefined) merged.satisfactionModel = flags['satisfaction-model'];
  const parsed = AnalysisConfigSchema.safeParse(merged);
  if (!parsed.success) {
    const where = flags.config ?? 'options';
    const lines = parsed.error.issues.map((i) => `${where}: ${i.path.join('.') || '(config)'}: ${i.message}`);
    throw new UsageError(lines.join('\n'));
  }
  // Read the models here, once, so a bad path or file is a usage error before any input is read.
  try {
    if (parsed.data.models !== null) sentimentScorerFor(parsed.data.models ?? DEFAULT_MODELS_DIR);
    if (parsed.data.satisfactionModel) readSatisfactionModel(parsed.data.satisfactionModel);
  } catch (error) {
    throw new UsageError(`models: ${(error as Error).message}`);
  }
  return parsed.data;
}

/** zh-CN is the default interface language (DESIGN §10); an English locale switches. */
export function resolveLocale(flag: string | undefined, env: NodeJS.ProcessEnv): Locale {
  const value = flag ?? env.SERVIQ_LOCALE ?? env.LC_ALL ?? env.LANG ?? '';
  if (flag && flag !== 'zh' && flag !== 'en')
    throw new UsageError(`--locale must be zh or en, got ${JSON.stringify(flag)}`);
  return value.toLowerCase().startsWith('en') ? 'en' : 'zh';
}
