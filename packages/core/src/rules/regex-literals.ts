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

const QUANTIFIER = /^(?:[?*]|\{0(?:,\d*)?\})/;

/** The longest run of characters an alternative cannot match without, or '' when unsure. */
function longestRequiredRun(alt: string): string {
  let best = '';
  let run = '';
  const end = () => {
    if (run.length > best.length) best = run;
    run = '';
  };
  for (let i = 0; i < alt.length; ) {
    const c = alt[i] as string;
    let literal: string | undefined;
    let next = i + 1;
    if (c === '\\') {
      const e = alt[i + 1] ?? '';
      // \d, \s, \p{…}, \u…: classes and code escapes are not plain characters.
      if (/[A-Za-z0-9]/.test(e)) {
        end();
        i += e === 'p' || e === 'P' || e === 'u' ? Math.max(2, alt.indexOf('}', i) + 1 - i || 2) : 2;
        continue;
      }
      literal = e;
      next = i + 2;
    } else if (c === '(' || c === '[') {
      end();
      i = skipBracket(alt, i);
      continue;
    } else if ('.^$'.includes(c)) {
      end();
      i++;
      continue;
    } else if ('?*+{'.includes(c)) {
      // A quantifier after a group, class or `.`: nothing to undo, but skip {n,m} whole.
      end();
      i = c === '{' ? alt.indexOf('}', i) + 1 || alt.length : i + 1;
      continue;
    } else {
      literal = c;
    }
    const rest = alt.slice(next);
    if (QUANTIFIER.test(rest)) {
      // Optional: not required; and what follows is not adjacent to the run.
      end();
      i = next;
      continue;
    }
    run += literal;
    if (rest.startsWith('+') || rest.startsWith('{')) end();
    i = next;
  }
  end();
  return best;
}

/**
 * Literal strings at least one of which every match of the pattern contains (one per top-level
 * alternative), or undefined when that cannot be told. A regex whose literals are all absent from
 * a message cannot match it, so it runs only on messages where the keyword automaton saw one.
 */
export function requiredLiterals(pattern: string): string[] | undefined {
  const out: string[] = [];
  for (const alt of alternatives(pattern)) {
    const run = longestRequiredRun(alt);
    if (run.length === 0) return undefined;
    out.push(run);
  }
  return out;
}
