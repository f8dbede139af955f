import type { Role } from '../model/conversation.ts';
import {
  isLatinKeyword,
  isWholeWord,
  KeywordMatcher,
  type KeywordOccurrence,
} from '../text/keyword-matcher.ts';
import { normalizeText } from '../text/normalize.ts';

const ALL_ROLES: readonly Role[] = ['customer', 'agent', 'bot', 'system'];

/**
 * An occurrence of a registered string. `isWord` is false for a Latin keyword inside a longer
 * word ("sue" in "issue"): keyword tests skip those, regex triggers (plain substrings) do not.
 */
export type KeywordHit = { id: number; begin: number; end: number; isWord: boolean };

/**
 * Keywords of every rule of a rule set (and the literals regexes require), registered while
 * compiling; `build` makes one automaton per role from the strings that can apply to that role.
 */
export class KeywordRegistry {
  readonly #ids = new Map<string, number>();
  readonly #roles: Set<Role>[] = [];

  /** The id of a keyword (normalised like message text), usable by messages of `roles` (undefined: all). */
  register(keyword: string, roles: readonly Role[] | undefined): number {
    const normalized = normalizeText(keyword.trim());
    let id = this.#ids.get(normalized);
    if (id === undefined) {
      id = this.#roles.length;
      this.#ids.set(normalized, id);
      this.#roles.push(new Set());
    }
    const set = this.#roles[id] as Set<Role>;
    for (const role of roles ?? ALL_ROLES) set.add(role);
    return id;
  }

  get size(): number {
    return this.#roles.length;
  }

  build(): KeywordAutomata {
    const keywords = [...this.#ids.keys()];
    const byRole = {} as Record<Role, RoleAutomaton | undefined>;
    for (const role of ALL_ROLES) {
      const ids: number[] = [];
      for (let id = 0; id < keywords.length; id++) if (this.#roles[id]?.has(role)) ids.push(id);
      byRole[role] =
        ids.length === 0
          ? undefined
          : {
              matcher: new KeywordMatcher(ids.map((id) => keywords[id] as string)),
              ids: Int32Array.from(ids),
              isLatin: ids.map((id) => isLatinKeyword(keywords[id] as string)),
            };
    }
    return new KeywordAutomata(byRole);
  }
}

type RoleAutomaton = { matcher: KeywordMatcher; ids: Int32Array; isLatin: boolean[] };

const NO_HITS: readonly KeywordHit[] = [];

export class KeywordAutomata {
  readonly #byRole: Record<Role, RoleAutomaton | undefined>;

  constructor(byRole: Record<Role, RoleAutomaton | undefined>) {
    this.#byRole = byRole;
  }

  /** Every occurrence (overlapping ones too) of a registered string in a message of `role`, by start. */
  find(role: Role, normalized: string): readonly KeywordHit[] {
    const automaton = this.#byRole[role];
    if (!automaton) return NO_HITS;
    const found: KeywordOccurrence[] = automaton.matcher.matchAll(normalized);
    if (found.length === 0) return NO_HITS;
    const hits: KeywordHit[] = new Array(found.length);
    for (let i = 0; i < found.length; i++) {
      const o = found[i] as KeywordOccurrence;
      const isWord = !automaton.isLatin[o.index] || isWholeWord(normalized, o.begin, o.end);
      hits[i] = { id: automaton.ids[o.index] as number, begin: o.begin, end: o.end, isWord };
    }
    // Leftmost first, the longer first at the same start: one greedy pass then picks leftmost-longest.
    if (hits.length > 1) hits.sort((a, b) => a.begin - b.begin || b.end - a.end);
    return hits;
  }
}

/** A set of keyword ids as a byte mask: membership is one array read, on every hit of every message. */
export type KeywordIdSet = Uint8Array;

export function keywordIdSet(ids: Iterable<number>): KeywordIdSet {
  const list = [...ids];
  const mask = new Uint8Array(list.length === 0 ? 0 : Math.max(...list) + 1);
  for (const id of list) mask[id] = 1;
  return mask;
}

export function hasKeywordId(set: KeywordIdSet, id: number): boolean {
  return id < set.length && set[id] === 1;
}
