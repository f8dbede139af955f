import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileRuleSet, formatRuleIssue, parseRuleText, type RuleIssue } from '@serviq/core';
import { type Checked, check } from './rule-test-kit.ts';

// Errors and warnings of rule files (docs/rules.md, "Checking, testing, explaining"): every
// problem names file:line:column (1-based) of the most specific place it concerns (the key of the
// offending entry, or the list item), with the reason.

const errorsOf = (c: Checked) => c.issues.filter((i) => i.severity === 'error');
const warningsOf = (c: Checked) => c.issues.filter((i) => i.severity === 'warning');

/** Exactly one issue of this severity, at file:line:column, with a message matching `message`. */
function assertOnly(
  issues: RuleIssue[],
  expected: { file?: string; line: number; column: number; message: RegExp },
): RuleIssue {
  assert.equal(issues.length, 1, issues.map(formatRuleIssue).join('\n'));
  const issue = issues[0] as RuleIssue;
  assert.deepEqual(
    { file: issue.file, line: issue.line, column: issue.column },
    { file: expected.file ?? 'rules.yaml', line: expected.line, column: expected.column },
    formatRuleIssue(issue),
  );
  assert.match(issue.message, expected.message);
  return issue;
}

const rules = (text: string) => check({ 'rules.yaml': text });

describe('errors', () => {
  it('unknown condition, with a did-you-mean', () => {
    const c = rules(`scorecard: { id: chat-qa }
rules:
  - id: greeting
    points: -5
    require:
      role: agent
      position: { first: 1 }
      keyword: { any: [您好] }
`);
    const issue = assertOnly(errorsOf(c), {
      line: 8,
      column: 7,
      message: /unknown condition "keyword".*did you mean "keywords"/,
    });
    assert.match(formatRuleIssue(issue), /^rules\.yaml:8:7: error: unknown condition "keyword"/);
  });

  it('unknown condition inside a flow map, and one with no close match', () => {
    const c = rules(`scorecard: { id: chat-qa }
rules:
  - id: forbidden
    points: -10
    detect: { role: agent, keywrods: { any: [不归我管] } }
  - id: odd
    points: -1
    detect: { role: agent, frobnicate: 1 }
`);
    const errors = errorsOf(c);
    assert.equal(errors.length, 2, errors.map(formatRuleIssue).join('\n'));
    assertOnly(
      errors.filter((e) => e.line === 5),
      { line: 5, column: 28, message: /unknown condition "keywrods".*did you mean "keywords"/ },
    );
    const odd = assertOnly(
      errors.filter((e) => e.line === 8),
      { line: 8, column: 28, message: /unknown condition "frobnicate"/ },
    );
    assert.doesNotMatch(odd.message, /did you mean/);
  });

  it('bad regex', () => {
    const c = rules(`scorecard: { id: chat-qa }
rules:
  - id: wechat
    points: -10
    detect:
      role: agent
      regex: '(?:加|添加)(?:微信'
`);
    assertOnly(errorsOf(c), { line: 7, column: 7, message: /regex/ });
  });

  it('unknown metric, with a did-you-mean', () => {
    const c = rules(`scorecard: { id: chat-qa }
rules:
  - id: slow
    points: -10
    detect: { metric: firstResponse, gt: 60 }
`);
    assertOnly(errorsOf(c), {
      line: 5,
      column: 15,
      message: /unknown metric "firstResponse".*did you mean "firstResponseSec"/,
    });
  });

  it('wrong type: a string for a number, a list for a map, an unknown role', () => {
    const points = rules(`scorecard: { id: chat-qa }
rules:
  - id: greeting
    points: '-5'
    require: { role: agent, keywords: { any: [您好] } }
`);
    assertOnly(errorsOf(points), { line: 4, column: 5, message: /number/ });

    const list = rules(`scorecard: { id: chat-qa }
rules:
  - id: greeting
    points: -5
    require:
      role: agent
      keywords: [您好, 你好]
`);
    assertOnly(errorsOf(list), { line: 7, column: 7, message: /map|object/ });

    const role = rules(`scorecard: { id: chat-qa }
rules:
  - id: rude
    points: -5
    detect: { role: admin, keywords: { any: [滚] } }
`);
    // At the offending value, with the roles there are and the one probably meant.
    assertOnly(errorsOf(role), {
      line: 5,
      column: 21,
      message: /"admin" is not one of customer, agent, bot, system/,
    });

    const typo = rules(`scorecard: { id: chat-qa }
rules:
  - id: rude
    points: -5
    detect: { role: agnet, emotion: [angry], position: { frist: 1 } }
`);
    assert.deepEqual(
      errorsOf(typo).map((i) => [i.line, i.column, i.message]),
      [
        [5, 21, '"agnet" is not one of customer, agent, bot, system (did you mean "agent"?)'],
        [
          5,
          38,
          '"angry" is not one of anger, disgust, fear, joy, sadness, surprise, neutral (did you mean "anger"?)',
        ],
        [5, 58, 'unknown key "frist" (did you mean "first"?)'],
        [5, 46, 'position is one of { first: N }, { last: N } or { from: I, to: J }'],
      ],
    );

    const fatal = rules(`scorecard: { id: chat-qa }
rules:
  - id: rude
    fatal: yes
    detect: { role: agent, keywords: { any: [滚] } }
`);
    assertOnly(errorsOf(fatal), { line: 4, column: 5, message: /boolean/ });
  });

  it('duplicate rule id', () => {
    const c = rules(`scorecard: { id: chat-qa }
rules:
  - id: greeting
    points: -5
    require: { role: agent, position: { first: 1 }, keywords: { any: [您好] } }
  - id: greeting
    points: -3
    detect: { role: agent, keywords: { any: [不知道] } }
`);
    assertOnly(errorsOf(c), { line: 6, column: 5, message: /duplicate.*"greeting"/ });
  });

  it('the same rule id from two included packs', () => {
    const pack = (id: string) => `pack: { id: ${id} }
rules:
  - { id: emoji-laugh, points: -2, detect: { role: agent, emoji: { categories: [laugh] } } }
`;
    const c = check({
      'a.yaml': pack('pack-a'),
      'b.yaml': pack('pack-b'),
      'rules.yaml': `scorecard: { id: chat-qa }
include: [pack-a, pack-b]
rules: []
`,
    });
    const errors = errorsOf(c);
    assert.equal(errors.length, 1, errors.map(formatRuleIssue).join('\n'));
    const e = errors[0] as RuleIssue;
    assert.match(e.message, /emoji-laugh/);
    // At the include list, or at the entry that brings in the second copy.
    assert.ok(
      ['rules.yaml:2:1', 'rules.yaml:2:19'].includes(`${e.file}:${e.line}:${e.column}`),
      formatRuleIssue(e),
    );
  });

  it('rule ids: letters, digits, -, _ and .', () => {
    const ok = rules(`scorecard: { id: chat-qa }
rules:
  - { id: 服务规范.greeting_v2-1, points: -5, require: { role: agent, keywords: { any: [您好] } } }
`);
    assert.deepEqual(errorsOf(ok).map(formatRuleIssue), []);
    const spaced = rules(`scorecard: { id: chat-qa }
rules:
  - id: 首句 问候
    points: -5
    require: { role: agent, keywords: { any: [您好] } }
`);
    assertOnly(errorsOf(spaced), { line: 3, column: 5, message: /id/ });
  });

  it('rule ids may start with _ or . (only letters, digits, -, _, . are asked for)', () => {
    const c = rules(`scorecard: { id: chat-qa }
rules:
  - { id: _draft-greeting, points: -5, require: { role: agent, keywords: { any: [您好] } } }
`);
    assert.deepEqual(errorsOf(c).map(formatRuleIssue), []);
  });

  it('duplicate scorecard id across files', () => {
    const c = check({
      'a.yaml': `scorecard: { id: chat-qa }
rules:
  - { id: greeting, points: -5, require: { role: agent, keywords: { any: [您好] } } }
`,
      'b.yaml': `# a copy
scorecard:
  id: chat-qa
rules: []
`,
    });
    assertOnly(errorsOf(c), { file: 'b.yaml', line: 3, column: 3, message: /duplicate.*"chat-qa"/ });
  });

  it('a rule needs detect or require, and not both', () => {
    const missing = rules(`scorecard: { id: chat-qa }
rules:
  - id: greeting
    points: -5
`);
    assertOnly(errorsOf(missing), { line: 3, column: 5, message: /detect.*require/ });

    const both = rules(`scorecard: { id: chat-qa }
rules:
  - { id: ok, points: -1, detect: { role: agent, keywords: { any: [不知道] } } }
  - id: greeting
    points: -5
    detect: { role: agent, keywords: { any: [您好] } }
    require: { role: agent, keywords: { any: [您好] } }
`);
    assertOnly(errorsOf(both), { line: 4, column: 5, message: /detect.*require/ });
  });

  it('include of an unknown id', () => {
    const c = check({
      'emoji.yaml': `pack: { id: emoji-norms }
rules:
  - { id: emoji-laugh, points: -2, detect: { role: agent, emoji: { categories: [laugh] } } }
`,
      'rules.yaml': `scorecard: { id: chat-qa }
include: [emoji-norms, missing-pack]
rules: []
`,
    });
    assertOnly(errorsOf(c), { line: 2, column: 24, message: /missing-pack/ });
  });

  it('include cycle', () => {
    const c = check({
      'pack-a.yaml': `pack: { id: pack-a }
include: [pack-b]
rules:
  - { id: a1, points: -1, detect: { role: agent, keywords: { any: [不知道] } } }
`,
      'pack-b.yaml': `pack: { id: pack-b }
include:
  - pack-a
rules: []
`,
      'rules.yaml': `scorecard: { id: chat-qa }
include: [pack-a]
rules: []
`,
    });
    const errors = errorsOf(c);
    assert.ok(errors.length >= 1, 'a cycle is an error');
    for (const e of errors) {
      assert.match(e.message, /cycle/);
      // At an include entry of the cycle: pack-a → pack-b or pack-b → pack-a.
      const at = `${e.file}:${e.line}:${e.column}`;
      assert.ok(['pack-a.yaml:2:11', 'pack-b.yaml:3:5'].includes(at), at);
    }
  });

  it('weighted mode without categories', () => {
    const c = rules(`scorecard:
  id: weighted-qa
  mode: weighted
rules:
  - { id: greeting, points: -5, require: { role: agent, keywords: { any: [您好] } } }
`);
    assertOnly(errorsOf(c), { line: 3, column: 3, message: /categories/ });
  });

  it('YAML syntax errors at their position', () => {
    const duplicate = parseRuleText(
      'rules.yaml',
      `scorecard: { id: chat-qa }
rules:
  - id: greeting
    points: -5
    points: -3
    require: { role: agent, keywords: { any: [您好] } }
`,
    );
    assertOnly(duplicate.issues, { line: 5, column: 5, message: /unique|duplicate/i });

    const tab = parseRuleText('rules.yaml', 'scorecard:\n\tid: chat-qa\nrules: []\n');
    assertOnly(tab.issues, { line: 2, column: 1, message: /tab/i });
  });

  it('an empty file', () => {
    for (const text of ['', '# 规则稍后补充\n']) {
      const parsed = parseRuleText('rules.yaml', text);
      assert.deepEqual(parsed.sources, []);
      assert.equal(parsed.issues.length, 1);
      assert.equal(parsed.issues[0]?.severity, 'error');
      assert.match(parsed.issues[0]?.message ?? '', /no rules|empty/i);
      assert.deepEqual(compileRuleSet(parsed.sources).ruleSet.scorecards, []);
    }
  });
});

describe('warnings', () => {
  it('a detect with only role/position always fires', () => {
    const c = rules(`scorecard: { id: chat-qa }
rules:
  - id: any-agent
    points: -1
    detect: { role: agent, position: { first: 1 } }
`);
    assert.deepEqual(errorsOf(c), []);
    assertOnly(warningsOf(c), { line: 5, column: 5, message: /role\/position|role|position/ });
    assert.equal(c.ruleSet.scorecards[0]?.rules.length, 1);
  });

  it('points 0 without fatal or realtime changes nothing', () => {
    const c = rules(`scorecard: { id: chat-qa }
rules:
  - id: noop
    points: 0
    detect: { role: agent, keywords: { any: [不知道] } }
  - id: live
    points: 0
    realtime: true
    detect: { role: agent, keywords: { any: [不知道] } }
  - id: fatal
    fatal: true
    detect: { role: agent, keywords: { any: [滚] } }
`);
    assert.deepEqual(errorsOf(c), []);
    const w = warningsOf(c);
    assert.equal(w.length, 1, w.map(formatRuleIssue).join('\n'));
    // At the rule, or at its points.
    assert.ok(['3:5', '4:5'].includes(`${w[0]?.line}:${w[0]?.column}`), formatRuleIssue(w[0] as RuleIssue));
  });

  it('a count that always or never holds', () => {
    const c = rules(`scorecard: { id: chat-qa }
rules:
  - id: always
    points: -1
    detect:
      role: agent
      keywords: { any: [抱歉], count: { gte: 0 } }
  - id: never
    points: -1
    detect:
      role: agent
      emoji: { count: { lt: 0 } }
  - id: fine
    points: -1
    detect: { role: agent, keywords: { any: [抱歉], count: { gte: 6 } } }
`);
    assert.deepEqual(errorsOf(c), []);
    const w = warningsOf(c);
    assert.equal(w.length, 2, w.map(formatRuleIssue).join('\n'));
    assertOnly(
      w.filter((i) => i.line === 7),
      { line: 7, column: 30, message: /always/ },
    );
    assertOnly(
      w.filter((i) => i.line === 12),
      { line: 12, column: 16, message: /never/ },
    );
  });

  it('a count that always or never holds, in pii, regex and messages too', () => {
    const c = rules(`scorecard: { id: chat-qa }
rules:
  - id: pii-always
    points: -1
    detect:
      role: agent
      pii: { count: { gte: 0 } }
  - id: regex-never
    points: -1
    detect:
      role: agent
      regex: { pattern: '\\d{11}', count: { lt: 0 } }
  - id: messages-always
    points: -1
    detect: { role: agent, messages: { gte: 0 } }
`);
    assert.deepEqual(errorsOf(c), []);
    const w = warningsOf(c);
    assert.deepEqual(
      w.map((i) => `${i.line}:${i.column}`),
      ['7:14', '12:35', '15:28'],
      w.map(formatRuleIssue).join('\n'),
    );
    for (const i of w) assert.match(i.message, /always|never/);
  });

  it('a regex that matches empty text', () => {
    const c = rules(`scorecard: { id: chat-qa }
rules:
  - id: maybe-refund
    points: -1
    detect: { role: agent, regex: '(退款)?' }
`);
    assert.deepEqual(errorsOf(c), []);
    assertOnly(warningsOf(c), { line: 5, column: 28, message: /empty/ });
  });

  it('upper-case letters in a regex (it reads lower-cased text)', () => {
    const c = rules(`scorecard: { id: chat-qa }
rules:
  - id: vip
    points: -1
    detect: { role: agent, regex: 'VIP\\d+' }
  - id: digits
    points: -1
    detect: { role: agent, regex: '\\d{6}\\s*\\p{Script=Han}+' }
  - id: lower
    points: -1
    detect: { role: agent, regex: 'vip[a-z]*' }
`);
    assert.deepEqual(errorsOf(c), []);
    assertOnly(warningsOf(c), { line: 5, column: 28, message: /upper|lower/i });
  });
});
