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

export function countScripts(text: string): ScriptCounts {
  let han = 0;
  let latin = 0;
  let latinWords = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
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
