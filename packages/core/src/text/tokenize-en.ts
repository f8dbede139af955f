const WORD = /[a-z0-9]+(?:['’][a-z]+)?/g;

// Light suffix stripping: enough to let "refunds", "refunded" and "refunding" meet, without
// a full Porter stemmer's cost on every message.
export function stemEnglish(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith("'s") || word.endsWith('’s')) return word.slice(0, -2);
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('ing') && word.length > 5) return word.slice(0, -3);
  if (word.endsWith('ed') && word.length > 4) return word.slice(0, -2);
  if (word.endsWith('es') && /(?:ss|sh|ch|x|z)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us')) return word.slice(0, -1);
  return word;
}

/** Word tokens of already-normalised (lower-cased) English text, stemmed. */
export function tokenizeEnglish(normalized: string): string[] {
  const out: string[] = [];
  for (const m of normalized.matchAll(WORD)) out.push(stemEnglish(m[0]));
  return out;
}
