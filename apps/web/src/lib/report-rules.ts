import { parseRuleText, RuleDocumentSchema, RuleSchema } from '@serviq/core';
import { useMemo } from 'react';
import { api } from '../api/client.ts';
import type { Locale } from '../i18n/locale.tsx';
import { type ApiState, useApi } from './use-api.ts';

// Reports name rules by id; their names, categories and the industry emoji norms come from the
// published rule sets. The same rule id has a Chinese and an English scorecard version: names are
// taken from the scorecard of the interface language, so categories add up in one language.

/** The shipped pack of industry emoji norms (docs/rule-packs.md); a deployment's copy keeps its id. */
const EMOJI_NORMS_PACK = 'emoji-norms';

export type RuleLabel = { name: string; category: string; isEmojiNorm: boolean };
/** One industry group's emoji caps; `null` in industries: conversations without an industry. */
export type EmojiNorm = {
  industries: (string | null)[];
  maxPerConversation: number | null;
  maxPerMessage: number | null;
};
export type RuleCatalog = {
  label(rule: string): RuleLabel;
  /** Every rule of a category, as the list's `rule` filter takes them. */
  rulesOf(category: string): string[];
  emojiNorms: EmojiNorm[];
};

type RuleSetSummary = { id: string; publishedVersion: number | null };
type RuleSetVersion = { version: { source: string; fileName: string | null } };
type ParsedRule = {
  id: string;
  name: string;
  category: string;
  /** Languages of the scorecard it belongs to; empty for packs and scorecards for every language. */
  languages: (string | null)[];
  packId: string | null;
  industries: (string | null)[];
  detect: unknown;
};

let published: Promise<ParsedRule[]> | undefined;

/** The rules of every published rule set, read once per page load (publishing is rare). */
function loadRules(): Promise<ParsedRule[]> {
  published ??= (async () => {
    const sets = await api<RuleSetSummary[]>('GET', '/rule-sets');
    const texts = await Promise.all(
      sets
        .filter((s) => s.publishedVersion !== null)
        .map((s) =>
          api<RuleSetVersion>('GET', `/rule-sets/${encodeURIComponent(s.id)}`, {
            query: { version: s.publishedVersion },
          }),
        ),
    );
    return texts.flatMap(({ version }) => rulesOf(version.fileName ?? 'rules.yaml', version.source));
  })().catch((error: unknown) => {
    published = undefined;
    throw error;
  });
  return published;
}

function rulesOf(file: string, text: string): ParsedRule[] {
  return parseRuleText(file, text).sources.flatMap((source) => {
    const doc = RuleDocumentSchema.safeParse(source.value);
    if (!doc.success) return [];
    const languages = doc.data.scorecard?.appliesTo?.languages ?? [];
    return doc.data.rules.flatMap((value) => {
      const rule = RuleSchema.safeParse(value);
      if (!rule.success) return [];
      return [
        {
          id: rule.data.id,
          name: rule.data.name ?? rule.data.id,
          category: rule.data.category,
          languages,
          packId: doc.data.pack?.id ?? null,
          industries: rule.data.appliesTo?.industries ?? [],
          detect: rule.data.detect,
        },
      ];
    });
  });
}

const HAN = /\p{Script=Han}/u;

/** "中文 / English" names of bilingual packs: the half in the interface language. */
function inLanguage(name: string, locale: Locale): string {
  const halves = name.split(' / ');
  if (halves.length !== 2 || !HAN.test(halves[0] ?? '') || HAN.test(halves[1] ?? '')) return name;
  return (locale === 'zh-CN' ? halves[0] : halves[1]) ?? name;
}

/** The emoji `count`/`rate` thresholds (gt or gte) a rule's detect compares with. */
function emojiThresholds(detect: unknown): { count?: number; rate?: number } {
  const found: { count?: number; rate?: number } = {};
  const limit = (c: unknown) => {
    const comparison = c as { gt?: unknown; gte?: unknown } | undefined;
    const value = comparison?.gt ?? comparison?.gte;
    return typeof value === 'number' ? value : undefined;
  };
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'emoji' && value && typeof value === 'object') {
          const emoji = value as { count?: unknown; rate?: unknown };
          found.count ??= limit(emoji.count);
          found.rate ??= limit(emoji.rate);
        } else walk(value);
      }
    }
  };
  walk(detect);
  return found;
}

/**
 * Caps per industry group from the norm pack's rules: a rate rule caps emoji per agent message (its
 * count is only a floor against short chats), a count rule alone caps emoji per conversation.
 */
function emojiNormsOf(rules: ParsedRule[]): EmojiNorm[] {
  const groups = new Map<string, EmojiNorm>();
  for (const rule of rules) {
    if (rule.packId !== EMOJI_NORMS_PACK || rule.industries.length === 0) continue;
    const key = JSON.stringify(rule.industries);
    const norm = groups.get(key) ?? {
      industries: rule.industries,
      maxPerConversation: null,
      maxPerMessage: null,
    };
    const { count, rate } = emojiThresholds(rule.detect);
    if (rate !== undefined) norm.maxPerMessage = rate;
    else if (count !== undefined) norm.maxPerConversation = count;
    groups.set(key, norm);
  }
  return [...groups.values()].filter((n) => n.maxPerConversation !== null || n.maxPerMessage !== null);
}

/** Rule names and categories in the interface language, and the industry emoji norms. */
export function useRuleCatalog(locale: Locale): ApiState<RuleCatalog> {
  const state = useApi(() => loadRules(), []);
  const language = locale === 'zh-CN' ? 'zh' : 'en';
  const catalog = useMemo(() => {
    if (!state.data) return undefined;
    // Best first: a scorecard of the interface language, then one for every language, then the rest.
    const rank = (r: ParsedRule) => (r.languages.includes(language) ? 0 : r.languages.length === 0 ? 1 : 2);
    const best = new Map<string, ParsedRule>();
    for (const rule of state.data) {
      const known = best.get(rule.id);
      if (!known || rank(rule) < rank(known)) best.set(rule.id, rule);
    }
    const labels = new Map<string, RuleLabel>();
    for (const [id, rule] of best)
      labels.set(id, {
        name: inLanguage(rule.name, locale),
        category: inLanguage(rule.category, locale),
        isEmojiNorm: state.data.some((r) => r.id === id && r.packId === EMOJI_NORMS_PACK),
      });
    return {
      label: (rule: string) => labels.get(rule) ?? { name: rule, category: '—', isEmojiNorm: false },
      rulesOf: (category: string) => [...labels].filter(([, l]) => l.category === category).map(([id]) => id),
      emojiNorms: emojiNormsOf(state.data),
    } satisfies RuleCatalog;
  }, [state.data, language, locale]);
  return { ...state, data: catalog };
}
