/** Index just past the group or class that starts at `i` (a `(` or `[`), honouring escapes and nesting. */
function skipBracket(p: string, i: number): number {
  if (p[i] === '[') {
    for (let j = i + 1; j < p.length; j++) {
      if (p[j] === '\\') j++;
      else if (p[j] === ']') return j + 1;
    }
    return p.length;
  }
  let depth = 0;
  for (let j = i; j < p.length; j++) {
    const c = p[j];
    if (c === '\\') j++;
    else if (c === '[') j = skipBracket(p, j) - 1;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return j + 1;
  }
  return p.length;
}

/** Top-level alternatives of a pattern. */
function alternatives(p: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') i++;
    else if (c === '(' || c === '[') i = skipBracket(p, i) - 1;
    else if (c === '|') {
      out.push(p.slice(start, i));
      start = i + 1;
    }
  }
  out.push(p.slice(start));
  return out;
}

/** `?`, `*` or `{0…}`: what it follows may be absent. */
const OPTIONAL = /^(?:[?*]|\{0(?:,\d*)?\})/;
/** Index just past a quantifier at `i`, or `i` when there is none. */
function skipQuantifier(p: string, i: number): number {
  const c = p[i];
  if (c === '?' || c === '*' || c === '+') return p[i + 1] === '?' ? i + 2 : i + 1;
  if (c === '{') {
    const end = p.indexOf('}', i);
    return end < 0 ? i : end + 1;
  }
  return i;
}

/** The more selective of two sets of alternatives: the longer shortest literal, then fewer of them. */
function better(a: string[] | undefined, b: string[]): string[] {
  if (!a) return b;
  const min = (x: string[]) => Math.min(...x.map((s) => s.length));
  return min(b) > min(a) || (min(b) === min(a) && b.length < a.length) ? b : a;
}

/** Literals one of which every match of this alternative contains, or undefined when unsure. */
function alternativeLiterals(alt: string): string[] | undefined {
  let best: string[] | undefined;
  let run = '';
  const end = () => {
    // Keywords are trimmed, so a run of spaces says nothing.
    const trimmed = run.trim();
    if (trimmed.length > 0) best = better(best, [trimmed]);
    run = '';
  };
  for (let i = 0; i < alt.length; ) {
    const c = alt[i] as string;
    if (c === '(') {
      end();
      const close = skipBracket(alt, i);
      const isLookaround = /^\(\?<?[=!]/.test(alt.slice(i, i + 4));
      const after = skipQuantifier(alt, close);
      const isOptional = OPTIONAL.test(alt.slice(close));
      if (!isLookaround && !isOptional) {
        const body = alt.slice(i + 1, close - 1).replace(/^\?(?::|<[^>=!]*>)/, '');
        const inner = requiredLiterals(body);
        if (inner) best = better(best, inner);
      }
      i = after;
      continue;
    }
    if (c === '[' || c === '.' || c === '^' || c === '$') {
      end();
      i = c === '[' ? skipBracket(alt, i) : i + 1;
      i = skipQuantifier(alt, i);
      continue;
    }
    let literal: string;
    let next = i + 1;
    if (c === '\\') {
      const e = alt[i + 1] ?? '';
      // \d, \s, \p{…}, \u…: classes and code escapes are not plain characters.
      if (/[A-Za-z0-9]/.test(e)) {
        end();
        const close = alt.indexOf('}', i);
        i = (e === 'p' || e === 'P' || e === 'u') && alt[i + 2] === '{' && close > 0 ? close + 1 : i + 2;
        i = skipQuantifier(alt, i);
        continue;
      }
      literal = e;
      next = i + 2;
    } else if ('?*+{'.includes(c)) {
      end();
      i = skipQuantifier(alt, i) === i ? i + 1 : skipQuantifier(alt, i);
      continue;
    } else {
      literal = c;
    }
    const rest = alt.slice(next);
    if (OPTIONAL.test(rest)) {
      end();
      i = skipQuantifier(alt, next);
      continue;
    }
    run += literal;
    if (rest.startsWith('+') || rest.startsWith('{')) {
      end();
      i = skipQuantifier(alt, next);
      continue;
    }
    i = next;
  }
  end();
  return best;
}

/**
 * Literal strings at least one of which every match of the pattern contains, or undefined when
 * that cannot be told. A regex whose literals are all absent from a message cannot match it, so
 * it runs only on messages where the keyword automaton saw one of them.
 */
export function requiredLiterals(pattern: string): string[] | undefined {
  const out: string[] = [];
  for (const alt of alternatives(pattern)) {
    const literals = alternativeLiterals(alt);
    if (!literals) return undefined;
    out.push(...literals);
  }
  return [...new Set(out)];
}
