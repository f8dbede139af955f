import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** A page's own strings in both languages: English must have every key Chinese has. */
export type Messages<K extends string> = { 'zh-CN': Record<K, string>; en: Record<K, string> };

const LOCALE_KEY = 'serviq.locale';
const TIME_ZONE_KEY = 'serviq.timeZone';

const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

function stored<T extends string>(key: string, isValid: (v: string) => v is T, fallback: T): T {
  try {
    const value = localStorage.getItem(key);
    return value && isValid(value) ? value : fallback;
  } catch {
    return fallback;
  }
}

const isLocale = (v: string): v is Locale => (LOCALES as readonly string[]).includes(v);
const isTimeZone = (v: string): v is string => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: v });
    return true;
  } catch {
    return false;
  }
};

type LocaleState = {
  locale: Locale;
  timeZone: string;
  setLocale(locale: Locale): void;
  setTimeZone(timeZone: string): void;
};

const LocaleContext = createContext<LocaleState | undefined>(undefined);

/** The interface language (zh-CN unless the user chose English) and the time zone dates are shown in. */
export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => stored(LOCALE_KEY, isLocale, 'zh-CN'));
  const [timeZone, setTimeZoneState] = useState<string>(() =>
    stored(TIME_ZONE_KEY, isTimeZone, browserTimeZone()),
  );
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(LOCALE_KEY, next);
    document.documentElement.lang = next;
    setLocaleState(next);
  }, []);
  const setTimeZone = useCallback((next: string) => {
    if (!isTimeZone(next)) return;
    localStorage.setItem(TIME_ZONE_KEY, next);
    setTimeZoneState(next);
  }, []);
  const value = useMemo(
    () => ({ locale, timeZone, setLocale, setTimeZone }),
    [locale, timeZone, setLocale, setTimeZone],
  );
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleState {
  const state = useContext(LocaleContext);
  if (!state) throw new Error('useLocale outside LocaleProvider');
  return state;
}

/**
 * The current language's strings of a page: `const t = useText(MESSAGES)`; `{name}` placeholders
 * are filled by `fill(t.key, { name })`.
 */
export function useText<K extends string>(messages: Messages<K>): Record<K, string> {
  return messages[useLocale().locale];
}

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in values ? String(values[key]) : whole,
  );
}
