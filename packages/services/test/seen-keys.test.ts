import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SeenKeys } from '../src/seen-keys.ts';

describe('SeenKeys', () => {
  it('tells first sightings from duplicates, with where the first was, across growth', () => {
    const seen = new SeenKeys(4);
    for (let i = 0; i < 50_000; i++) assert.equal(seen.add(`import:c-${i}`, i % 3, i + 1), undefined);
    assert.equal(seen.size, 50_000);
    assert.deepEqual(seen.add('import:c-123', 0, 999_999), { file: 0, line: 124 });
    assert.deepEqual(seen.add('import:c-49999', 2, 1), { file: 49_999 % 3, line: 50_000 });
    assert.equal(seen.add('chatwoot:c-123', 0, 5), undefined);
    assert.equal(seen.size, 50_001);
  });
});
