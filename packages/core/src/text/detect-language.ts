export type Language = 'zh' | 'en' | 'mixed' | 'und';

export type ScriptCounts = { han: number; latin: number; latinWords: number };

function isHan(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
}

function isLatinLetter(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)
  );
}

export type Span = { start: number; end: number };

// Latin letters that are not language: URLs, export masks ([ORDERID_123], [数字x]) and @handles.
const NOT_LANGUAGE =
  /https?:\/\/[^\s\u3000-\u9fff]+|www\.[^\s\u3000-\u9fff]+|\[[A-Za-z][A-Za-z_]*\d*\]|\[[^\]\s]{1,8}x\]|@[^\s:：,，]+/g;

/** Spans to leave out of the language vote: emoji (`[good]`, `XD`, `#E-s`), URLs, masks, handles. */
export function nonLanguageSpans(text: string, emoji: readonly Span[]): Span[] {
  if (!text.includes('[') && !text.includes('@') && !text.includes('http') && !text.includes('www.')) {
    return emoji as Span[];
  }
  const spans: Span[] = [...emoji];
  for (const m of text.matchAll(NOT_LANGUAGE)) spans.push({ start: m.index, end: m.index + m[0].length });
  return spans.sort((a, b) => a.start - b.start);
}

/** Han and Latin letters of `text`, skipping `skip` (sorted spans). */
export function countScripts(text: string, skip: readonly Span[] = []): ScriptCounts {
  let han = 0;
  let latin = 0;
  let latinWords = 0;
  let inWord = false;
  let k = 0;
  for (let i = 0; i < text.length; i++) {
    while (k < skip.length && (skip[k] as Span).end <= i) k++;
    const next = skip[k];
    if (next && next.start <= i) {
      i = next.end - 1;
      inWord = false;
      continue;
    }
    const c = text.charCodeAt(i);
    if (isLatinLetter(c)) {
      latin++;
      if (!inWord) latinWords++;
      inWord = true;
    } else {
      inWord = false;
      if (isHan(c)) han++;
    }
  }
  return { han, latin, latinWords };
}

/**
 * zh: Han script with at most incidental Latin (a brand, "ok"); en: Latin only; mixed: both
 * carry the sentence (at least two Latin words making up ≥ 30 % of letters); und: neither.
 */
export function languageOf(counts: ScriptCounts): Language {
  const { han, latin, latinWords } = counts;
  if (han === 0) return latin > 0 ? 'en' : 'und';
  if (latinWords >= 2 && latin >= 0.3 * (han + latin)) return 'mixed';
  return 'zh';
}

export function detectLanguage(text: string): Language {
  return languageOf(countScripts(text));
}
