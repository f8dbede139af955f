import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addToHistogram,
  createQuantileHistogram,
  histogramQuantile,
} from '../src/report/quantile-histogram.ts';
import { addToSummary, createSummary, reportSummary, type SummaryFacts } from '../src/report/summary.ts';

const facts = (over: Partial<SummaryFacts>): SummaryFacts => ({
  score: 100,
  passed: true,
  fatal: false,
  messages: 2,
  firstResponseSec: null,
  isUnanswered: false,
  slaMet: null,
  hits: [],
  agents: [],
  customerEmotions: {},
  language: 'zh',
  channel: 'chat',
  ...over,
});

describe('histogramQuantile', () => {
  it('interpolates between ranks like percentile_cont', () => {
    const h = createQuantileHistogram();
    for (const v of [10, 20, 30, 40, 50]) addToHistogram(h, v);
    assert.equal(histogramQuantile(h, 0.5), 30);
    assert.equal(histogramQuantile(h, 0.9), 46);
    const two = createQuantileHistogram();
    for (const v of [10, 20]) addToHistogram(two, v);
    assert.equal(histogramQuantile(two, 0.5), 15);
    assert.equal(histogramQuantile(createQuantileHistogram(), 0.5), null);
  });

  it('keeps 0.1 s resolution under ten minutes and 1 s up to a day', () => {
    const h = createQuantileHistogram();
    addToHistogram(h, 12.34);
    addToHistogram(h, 3601.7);
    assert.equal(histogramQuantile(h, 0), 12.3);
    assert.equal(histogramQuantile(h, 1), 3601);
  });
});

describe('summary', () => {
  it('counts as unanswered only conversations where a customer wrote and no agent replied', () => {
    const s = createSummary();
    addToSummary(s, facts({ firstResponseSec: 12, slaMet: true, hits: [['greeting', '首句问候']] }));
    addToSummary(s, facts({ isUnanswered: true, slaMet: false, score: 90, passed: true }));
    addToSummary(s, facts({ score: 0, passed: false, fatal: true, hits: [['greeting', '首句问候']] }));
    const r = reportSummary(s);
    assert.equal(r.conversations, 3);
    assert.equal(r.noAgentReply, 1);
    assert.equal(r.firstResponseP50Sec, 12);
    assert.equal(r.slaMetRate, 0.5);
    assert.equal(r.averageScore, 63.3);
    assert.equal(r.passRate, 0.667);
    assert.deepEqual(r.topHits, [{ rule: 'greeting', name: '首句问候', conversations: 2, rate: 0.667 }]);
  });
});
