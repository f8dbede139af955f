// `node --import tsx scripts/eval-lexicon.ts [--errors N]`: how well the lexicon alone (no trained
// model) reads polarity on the dev data in ../shared/data. Chinese: accuracy on waimai_10k and a
// seeded 2,000-row sample of online_shopping_10_cats (polarity < 0 is negative, anything else
// positive). English: 3-class macro-recall on the TweetEval sentiment validation split, read as is.
import { parseArgs } from 'node:util';
import { evaluateClassifier, extractEmoji, normalizeText, Prng, scoreSentiment } from '@serviq/core';
import type { LabelledText } from '@serviq/services';
import { enPolarity, zhPolarity } from './model-data.ts';

const { values } = parseArgs({ options: { errors: { type: 'string', default: '0' } } });
const errorsToShow = Number(values.errors);

function score(text: string) {
  const normalized = normalizeText(text);
  return scoreSentiment(normalized, extractEmoji(normalized));
}

function evaluate(
  name: string,
  rows: LabelledText[],
  predict: (text: string) => string,
  labels: string[],
): void {
  const predicted = rows.map((r) => predict(r.text));
  const report = evaluateClassifier(
    rows.map((r) => r.label),
    predicted,
    labels,
  );
  const recall = report.classes.map((c) => `${c.label} ${c.recall.toFixed(3)}`).join(', ');
  console.log(
    `${name.padEnd(28)} n=${String(rows.length).padStart(5)}  accuracy ${report.accuracy.toFixed(3)}  ` +
      `macro-recall ${report.macroRecall.toFixed(3)}  (recall: ${recall})`,
  );
  const shown = new Map<string, number>();
  rows.forEach((r, i) => {
    if (predicted[i] === r.label || (shown.get(r.label) ?? 0) >= errorsToShow) return;
    shown.set(r.label, (shown.get(r.label) ?? 0) + 1);
    console.log(`  gold ${r.label} got ${predicted[i]}: ${r.text.slice(0, 120)}`);
  });
}

const twoWay = (text: string) => (score(text).polarity < 0 ? 'negative' : 'positive');
evaluate('zh waimai_10k', zhPolarity.waimai(), twoWay, ['negative', 'positive']);
const shopping = zhPolarity.shopping();
new Prng(1).shuffle(shopping);
evaluate('zh online_shopping (2000)', shopping.slice(0, 2000), twoWay, ['negative', 'positive']);
evaluate('en tweeteval sentiment val', enPolarity.tweetsVal(), (text) => score(text).label, [
  'negative',
  'neutral',
  'positive',
]);
