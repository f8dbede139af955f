import type { Messages } from '../../i18n/locale.tsx';

export const SEVERITY_NAMES: Messages<'minor' | 'major' | 'critical'> = {
  'zh-CN': { minor: '轻微', major: '重要', critical: '严重' },
  en: { minor: 'Minor', major: 'Major', critical: 'Critical' },
};

export const SEVERITY_COLORS: Record<string, string> = { minor: 'gold', major: 'orange', critical: 'red' };

/** A severity's name in the current language; an unknown one as it came. */
export const severityName = (names: Record<string, string>, severity: string): string =>
  names[severity] ?? severity;
