import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { computeTextFeatures } from '@serviq/core';
import { createJiebaSegmenter } from '../src/jieba-segmenter.ts';

describe('jieba segmenter', () => {
  it('keeps customer-service words whole and drops punctuation tokens', () => {
    const segment = createJiebaSegmenter();
    const f = computeTextFeatures('这个不归我管，给你差评！我要催单', { segment });
    assert.ok(f.tokens.includes('不归我管'), f.tokens.join('/'));
    assert.ok(f.tokens.includes('差评'));
    assert.ok(f.tokens.includes('催单'));
    assert.ok(!f.tokens.includes(','));
  });

  it('loads a deployment dictionary, and fails at creation when it is missing', () => {
    const dict = join(tmpdir(), `serviq-dict-${process.pid}.txt`);
    writeFileSync(dict, '极速退款通道 1000 n\n');
    const segment = createJiebaSegmenter([dict]);
    assert.ok(segment('请走极速退款通道').includes('极速退款通道'));
    assert.throws(() => createJiebaSegmenter([join(tmpdir(), 'no-such-dict.txt')]), /ENOENT/);
  });
});
