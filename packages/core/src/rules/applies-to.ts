import type { Conversation } from '../model/conversation.ts';
import type { Language } from '../text/detect-language.ts';
import type { AppliesTo } from './rule-document.ts';

/**
 * Whether a field's value (or any of its values, for tags) is in a list, ignoring case; `null` in
 * the list stands for a field that is absent or empty. One meaning for `appliesTo` and for the
 * conversation facts of conditions (channel, queue, tags, industry, language).
 */
export function matchesValues(
  list: readonly (string | null)[],
  actual: string | readonly string[] | undefined,
): boolean {
  const values = actual === undefined || actual === '' ? [] : typeof actual === 'string' ? [actual] : actual;
  if (values.length === 0) return list.includes(null);
  return values.some((v) => {
    const lower = v.toLowerCase();
    return list.some((x) => x !== null && x.toLowerCase() === lower);
  });
}

/** Whether a scorecard (or a rule of a shared pack) is for this conversation: every given list must match. */
export function matchesAppliesTo(
  a: AppliesTo | undefined,
  conv: Pick<Conversation, 'channel' | 'queue' | 'tags' | 'industry'>,
  language: Language,
): boolean {
  if (!a) return true;
  return (
    (!a.channels || matchesValues(a.channels, conv.channel)) &&
    (!a.queues || matchesValues(a.queues, conv.queue)) &&
    (!a.tags || matchesValues(a.tags, conv.tags)) &&
    (!a.industries || matchesValues(a.industries, conv.industry)) &&
    (!a.languages || matchesValues(a.languages, language))
  );
}
