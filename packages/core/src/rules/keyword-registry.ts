import type { Role } from '../model/conversation.ts';
import { KeywordMatcher, type KeywordOccurrence } from '../text/keyword-matcher.ts';
import { normalizeText } from '../text/normalize.ts';

const ALL_ROLES: readonly Role[] = ['customer', 'agent', 'bot', 'system'];

/** An occurrence of a registered keyword: `id` is the registry's id of the keyword. */
export type KeywordHit = { id: number; begin: number; end: number };

/**
 * Keywords of every rule of a rule set, registered while compiling; `build` makes one automaton
 * per role from the keywords that can apply to messages of that role.
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
    const byRole = {} as Record<Role, { matcher: KeywordMatcher; ids: Int32Array } | undefined>;
    for (const role of ALL_ROLES) {
      const ids: number[] = [];
      for (let id = 0; id < keywords.length; id++) if (this.#roles[id]?.has(role)) ids.push(id);
      byRole[role] =
        ids.length === 0
          ? undefined
          : {
              matcher: new KeywordMatcher(
                ids.map((id) => keywords[id] as string),
                { isLatinWholeWord: true },
              ),
              ids: Int32Array.from(ids),
            };
    }
    return new KeywordAutomata(byRole);
  }
}

const NO_HITS: readonly KeywordHit[] = [];

export class KeywordAutomata {
  readonly #byRole: Record<Role, { matcher: KeywordMatcher; ids: Int32Array } | undefined>;

  constructor(byRole: Record<Role, { matcher: KeywordMatcher; ids: Int32Array } | undefined>) {
    this.#byRole = byRole;
  }

  /** Every occurrence (overlapping ones too) of a registered keyword in a message of `role`. */
  find(role: Role, normalized: string): readonly KeywordHit[] {
    const automaton = this.#byRole[role];
    if (!automaton) return NO_HITS;
    const found: KeywordOccurrence[] = automaton.matcher.matchAll(normalized);
    if (found.length === 0) return NO_HITS;
    const hits: KeywordHit[] = new Array(found.length);
    for (let i = 0; i < found.length; i++) {
      const o = found[i] as KeywordOccurrence;
      hits[i] = { id: automaton.ids[o.index] as number, begin: o.begin, end: o.end };
    }
    return hits;
  }
}
