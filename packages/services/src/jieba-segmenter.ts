import { readFileSync } from 'node:fs';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import type { Segmenter } from '@serviq/core';

const CS_DICTIONARY = new URL('../data/cs-user-dict.txt', import.meta.url);

/**
 * jieba with its default dictionary plus Serviq's customer-service words (差评, 催单, 不归我管 …)
 * and any dictionaries a deployment adds (jieba's `word [freq] [tag]` lines). The dictionaries
 * (≈ 40 MB, ≈ 0.2 s) load on the first call, so runs whose rules never read tokens skip them.
 */
export function createJiebaSegmenter(userDictionaries: string[] = []): Segmenter {
  // Read now so a missing user dictionary fails at start-up, not on the first Chinese message.
  for (const path of userDictionaries) readFileSync(path);
  let jieba: Jieba | undefined;
  return (text) => {
    if (!jieba) {
      jieba = Jieba.withDict(dict);
      jieba.loadDict(readFileSync(CS_DICTIONARY));
      for (const path of userDictionaries) jieba.loadDict(readFileSync(path));
    }
    return jieba.cut(text, false);
  };
}
