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

function countRange(text: string, from: number, to: number, counts: ScriptCounts): void {
  let inWord = false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (isLatinLetter(c)) {
      counts.latin++;
      if (!inWord) counts.latinWords++;
      inWord = true;
    } else {
      inWord = false;
      if (isHan(c)) counts.han++;
    }
  }
}

/** Han and Latin letters of `text`, leaving out `skip` (spans sorted by start). */
export function countScripts(text: string, skip: readonly Span[] = []): ScriptCounts {
  const counts: ScriptCounts = { han: 0, latin: 0, latinWords: 0 };
  let pos = 0;
  for (const span of skip) {
    if (span.start > pos) countRange(text, pos, span.start, counts);
    pos = Math.max(pos, span.end);
  }
  countRange(text, pos, text.length, counts);
  return counts;
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
