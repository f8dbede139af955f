import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  analyzeConversation,
  fitSatisfactionModel,
  normalizeConversation,
  predictSatisfaction,
  SATISFACTION_FEATURES,
  type SatisfactionInput,
  satisfactionFeatures,
  satisfactionInput,
  spearman,
} from '@serviq/core';

const calm: SatisfactionInput = {
  customerPolarity: [0, 0.2, 0.8],
  customerNegative: 0,
  hasComplaintThreat: false,
  hasAbuse: false,
  agentRude: 0,
  agentImpatient: 0,
  resolved: true,
  slaMet: true,
  maxCustomerWaitSec: 30,
};
const angry: SatisfactionInput = {
  customerPolarity: [-0.6, -0.9, -0.8],
  customerNegative: 3,
  hasComplaintThreat: true,
  hasAbuse: false,
  agentRude: 1,
  agentImpatient: 1,
  resolved: false,
  slaMet: false,
  maxCustomerWaitSec: 1800,
};

describe('spearman', () => {
  it('is 1 for the same order, -1 for the reverse, and gives ties their mean rank', () => {
    assert.equal(spearman([1, 2, 3, 4], [10, 20, 30, 40]), 1);
    assert.equal(spearman([1, 2, 3, 4], [4, 3, 2, 1]), -1);
    // Ranks of [1,1,2] are [1.5,1.5,3]; of [1,2,3] [1,2,3]: r = 1.5/√(1.5·2) = 0.866.
    assert.equal(spearman([1, 1, 2], [1, 2, 3]), 0.866);
    assert.equal(spearman([1, 1, 1], [1, 2, 3]), 0);
  });
});

describe('satisfaction', () => {
  it('rates a calm resolved conversation above an angry unresolved one, within 1–5', () => {
    const good = predictSatisfaction(calm);
    const bad = predictSatisfaction(angry);
    assert.ok(good.predicted > bad.predicted);
    for (const s of [good, bad]) assert.ok(s.predicted >= 1 && s.predicted <= 5);
    assert.ok(predictSatisfaction({ ...calm, customerPolarity: [] }).confidence < good.confidence);
  });

  it('fits known coefficients back from ratings that follow them', () => {
    const truth = SATISFACTION_FEATURES.map((name) => (name === 'end' ? 1.5 : name === 'resolved' ? 0.8 : 0));
    const rows = Array.from({ length: 200 }, (_, i) => {
      const input: SatisfactionInput = {
        ...calm,
        customerPolarity: [((i * 37) % 21) / 10 - 1, ((i * 11) % 21) / 10 - 1],
        customerNegative: i % 2,
        resolved: i % 3 === 0 ? true : i % 3 === 1 ? false : null,
        agentRude: i % 5 === 0 ? 1 : 0,
        maxCustomerWaitSec: (i * 13) % 600,
      };
      const x = satisfactionFeatures(input);
      return { x, y: 3 + x.reduce((s, v, j) => s + v * (truth[j] as number), 0) };
    });
    const model = fitSatisfactionModel(rows, 1e-6);
    assert.ok(Math.abs((model.weights[0] as number) - 1.5) < 0.01);
    assert.ok(Math.abs((model.weights[SATISFACTION_FEATURES.indexOf('resolved')] as number) - 0.8) < 0.01);
    assert.ok(Math.abs(model.intercept - 3) < 0.01);
    assert.ok(model.rmse < 0.01);
  });

  it('refuses to fit on too few rated conversations', () => {
    assert.throws(() => fitSatisfactionModel([{ x: satisfactionFeatures(calm), y: 5 }]), /at least/);
  });

  it('is read from an analysis result: customer polarity, flags, agent conduct, wait and resolution', () => {
    const conv = normalizeConversation({
      id: 'c1',
      channel: 'chat',
      resolved: false,
      rating: { csat: 1 },
      messages: [
        { role: 'customer', text: '等了半天没人理，我要投诉！', at: '2026-01-01T10:00:00Z' },
        { role: 'agent', text: '我已经说过了，你听不懂吗', at: '2026-01-01T10:20:00Z' },
        { role: 'customer', text: '太差了', at: '2026-01-01T10:21:00Z' },
      ],
    });
    assert.ok(conv.ok);
    const result = analyzeConversation(conv.value);
    const input = satisfactionInput(result, conv.value.resolved);
    assert.equal(input.customerPolarity.length, 2);
    assert.equal(input.hasComplaintThreat, true);
    assert.equal(input.agentImpatient, 1);
    assert.equal(input.resolved, false);
    assert.equal(input.maxCustomerWaitSec, 1200);
    assert.equal(result.agentConduct.impatient, 1);
    assert.equal(result.satisfaction.actual, 1);
    assert.ok(result.satisfaction.predicted < 3);
  });
});
