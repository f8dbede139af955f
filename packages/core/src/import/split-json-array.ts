export type JsonArrayElement = { line: number; text: string };

export type JsonArraySplit = {
  elements: JsonArrayElement[];
  /** Set when the array is not closed or an element is cut off; elements before it are whole. */
  truncatedAt?: { line: number; reason: string };
};

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/**
 * Splits a top-level JSON array into its elements' texts with the line each starts on, without
 * parsing them, so one broken element is reported at its line while the others still import.
 */
export function splitJsonArray(text: string): JsonArraySplit {
  const elements: JsonArrayElement[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  const skipSpace = () => {
    while (i < n && isSpace(text.charCodeAt(i))) {
      if (text.charCodeAt(i) === 10) line++;
      i++;
    }
  };
  skipSpace();
  if (text[i] !== '[') return { elements, truncatedAt: { line, reason: 'expected a JSON array' } };
  i++;
  for (;;) {
    skipSpace();
    if (i >= n) return { elements, truncatedAt: { line, reason: 'array is not closed (truncated file?)' } };
    if (text[i] === ']') return { elements };
    const start = i;
    const startLine = line;
    let depth = 0;
    let inString = false;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) line++;
      if (inString) {
        if (c === 92) i++;
        else if (c === 34) inString = false;
        continue;
      }
      if (c === 34) inString = true;
      else if (c === 123 || c === 91) depth++;
      else if (c === 125 || c === 93) {
        if (depth === 0) break;
        depth--;
      } else if (c === 44 && depth === 0) break;
    }
    if (i >= n) {
      return { elements, truncatedAt: { line: startLine, reason: 'element is cut off (truncated file?)' } };
    }
    elements.push({ line: startLine, text: text.slice(start, i).trimEnd() });
    if (text[i] === ',') i++;
  }
}
