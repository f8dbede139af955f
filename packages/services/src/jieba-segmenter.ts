import { readFileSync } from 'node:fs';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import type { Segmenter } from '@serviq/core';

const CS_DICTIONARY = new URL('../data/cs-user-dict.txt', import.meta.url);

/**
 * jieba with its default dictionary plus Serviq's customer-service words (差评, 催单, 不归我管 …)
 * and any dictionaries a deployment adds (jieba's `word [freq] [tag]` lines).
 */
export function createJiebaSegmenter(userDictionaries: string[] = []): Segmenter {
  const jieba = Jieba.withDict(dict);
  jieba.loadDict(readFileSync(CS_DICTIONARY));
  for (const path of userDictionaries) jieba.loadDict(readFileSync(path));
  return (text) => jieba.cut(text, false);
}
