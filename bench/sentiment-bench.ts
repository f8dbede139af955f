// The combined per-message scorer on one thread (issue 4 target: ≥ 100,000 messages/s): text
// features (normalisation, language, emoji), the lexicon with flags, the lexicon's cues, hashed
// n-grams and both models of the message's language. Messages are the customer messages of demo
// conversations (zh, en, mixed) and, when ../shared/data is present, real reviews and tweets.
import { existsSync, readFileSync } from 'node:fs';
import { computeTextFeatures, generateDemo, SentimentScorer } from '@serviq/core';
import { loadSentimentModels } from '@serviq/services';
import { SHARED_DATA } from '../scripts/model-data.ts';

const REPEATS = 5;

function sampleMessages(): string[] {
  const texts: string[] = [];
  for (const conv of generateDemo({ conversations: 10_000, seed: 5, lang: 'mixed' }))
    for (const m of conv.messages)
      if (m.role === 'customer' && typeof m.text === 'string') texts.push(m.text);
  const tweets = `${SHARED_DATA}/tweeteval/sentiment/val_text.txt`;
  const reviews = `${SHARED_DATA}/waimai_10k/waimai_10k.csv`;
  if (existsSync(tweets)) texts.push(...readFileSync(tweets, 'utf8').split('\n').filter(Boolean));
  if (existsSync(reviews))
    texts.push(
      ...readFileSync(reviews, 'utf8')
        .split('\n')
        .slice(1, 4001)
        .map((l) => l.slice(2)),
    );
  return texts;
}

export type SentimentBench = { messages: number; messagesPerSec: number; lexiconOnlyMessagesPerSec: number };

function measure(scorer: SentimentScorer, texts: readonly string[]): number {
  let best = 0;
  for (let r = 0; r < REPEATS; r++) {
    const started = performance.now();
    for (const text of texts) {
      const f = computeTextFeatures(text);
      scorer.score(f.normalized, f.emoji, f.language, 'customer');
    }
    best = Math.max(best, texts.length / ((performance.now() - started) / 1000));
  }
  return Math.round(best);
}

export function runSentimentBench(): SentimentBench {
  const texts = sampleMessages();
  return {
    messages: texts.length,
    messagesPerSec: measure(new SentimentScorer({ models: loadSentimentModels() }), texts),
    lexiconOnlyMessagesPerSec: measure(new SentimentScorer(), texts),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(runSentimentBench());
