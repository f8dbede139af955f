import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { resultsOf, runCli, tempDir } from './run-cli.ts';

type Result = {
  agents: string[];
  hits: { rule: string }[];
  metrics: { firstResponseSec: number | null };
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

describe('demo data through analyze: the report answers a QA manager’s questions', () => {
  it('finds the emoji over-users, the curt agents’ forbidden phrases and the slow responders', async () => {
    const dir = tempDir();
    const data = join(dir, 'demo.jsonl');
    const demo = await runCli([
      'demo',
      '--conversations',
      '800',
      '--seed',
      '3',
      '--lang',
      'mixed',
      '--out',
      data,
    ]);
    assert.equal(demo.code, 0, demo.stderr);
    const summaryFile = join(dir, 'summary.json');
    const run = await runCli(['analyze', data, '--summary-json', summaryFile]);
    assert.equal(run.code, 0, run.stderr);
    const summary = JSON.parse(readFileSync(summaryFile, 'utf8'));
    assert.equal(summary.conversations, 800);

    // Agents are listed by emoji per message: the two over-users (a-02, a-12) lead.
    assert.deepEqual(
      summary.agents
        .slice(0, 2)
        .map((a: { id: string }) => a.id)
        .sort(),
      ['a-02', 'a-12'],
    );

    const results = resultsOf(run.stdout) as Result[];
    const forbidden = results.filter((r) => r.hits.some((h) => h.rule === 'forbidden-words'));
    assert.ok(forbidden.length > 0);
    // The curt agents (a-05, a-13) and the over-users' "这个我也没办法呀😂" account for them;
    // a conversation handled only by a polite expert never has one.
    const suspects = new Set(['a-05', 'a-13', 'a-02', 'a-12']);
    const bySuspects = forbidden.filter((r) => r.agents.some((a) => suspects.has(a)));
    assert.ok(bySuspects.length / forbidden.length > 0.85, `${bySuspects.length}/${forbidden.length}`);
    const polite = new Set(['a-06', 'a-10', 'a-14']);
    assert.equal(forbidden.filter((r) => r.agents.every((a) => polite.has(a))).length, 0);

    const firstResponses = (agent: string) =>
      results
        .filter((r) => r.agents.length === 1 && r.agents[0] === agent && r.metrics.firstResponseSec !== null)
        .map((r) => r.metrics.firstResponseSec as number);
    assert.ok(
      median(firstResponses('a-08')) > 2 * median(firstResponses('a-06')),
      'slow responder vs polite expert',
    );
  });
});
