// Generates packages/core/data/sentiment/zh-emotion-words.json from the DUTIR emotion ontology
// (情感词汇本体, Dalian University of Technology, Xu Linhong et al. 2008; research use). The trained
// Chinese models read these words as cues; a deployment may replace the file with its own list
// of the same shape (docs/accuracy.md). Usage: node --import tsx scripts/build-emotion-words.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DATA } from './model-data.ts';

// DUTIR's 21 minor classes folded into Ekman's six, plus 'good' for praise and approval (好).
const CLASS_OF: Record<string, string> = {
  PA: 'joy',
  PE: 'joy',
  PD: 'good',
  PH: 'good',
  PG: 'good',
  PB: 'good',
  PK: 'good',
  NA: 'anger',
  NB: 'sadness',
  NJ: 'sadness',
  NH: 'sadness',
  PF: 'sadness',
  NI: 'fear',
  NC: 'fear',
  NG: 'fear',
  NE: 'disgust',
  ND: 'disgust',
  NN: 'disgust',
  NK: 'disgust',
  NL: 'disgust',
  PC: 'surprise',
};

const source = join(SHARED_DATA, 'cn_sentiment_lexicons', 'dutir', 'dutir_emotion_ontology.csv');
const out = join(import.meta.dirname, '..', 'packages', 'core', 'data', 'sentiment', 'zh-emotion-words.json');

const words = new Map<string, { emotion: string; strength: number }>();
for (const line of readFileSync(source, 'utf8').split('\n').slice(1)) {
  const [word = '', , , , minor = '', intensity = ''] = line.split(',');
  const emotion = CLASS_OF[minor.trim()];
  // Single characters are already features of their own, and too ambiguous as cues.
  if (!emotion || [...word].length < 2 || words.has(word)) continue;
  words.set(word, { emotion, strength: Number(intensity) >= 7 ? 2 : 1 });
}
const grouped: Record<string, Record<string, string>> = {};
for (const [word, { emotion, strength }] of [...words].sort(([a], [b]) => (a < b ? -1 : 1))) {
  grouped[emotion] ??= {};
  const byStrength = grouped[emotion] as Record<string, string>;
  byStrength[strength] = byStrength[strength] ? `${byStrength[strength]} ${word}` : word;
}
const file = {
  source: 'DUTIR emotion ontology (Xu Linhong et al., Dalian University of Technology, 2008), research use',
  words: grouped,
};
writeFileSync(out, `${JSON.stringify(file, null, 1)}\n`);
console.log(`${words.size} words → ${out}`);
