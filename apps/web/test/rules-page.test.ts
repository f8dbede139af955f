import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { flowYaml } from '../src/pages/rules/flow-yaml.ts';
import { issueRange, offsetOf, serverIssues } from '../src/pages/rules/issue-position.ts';
import { diffHunks, diffLines } from '../src/pages/rules/line-diff.ts';
import {
  parsePastedConversation,
  preparePreview,
  runPreview,
} from '../src/pages/rules/preview-conversation.ts';
import { type EngineReply, RuleAnalysis } from '../src/pages/rules/rule-analysis.ts';
import { type ContextFile, checkDraft } from '../src/pages/rules/rule-check.ts';
import { overviewOf } from '../src/pages/rules/rule-overview-data.ts';
import type { StoredConversation } from '../src/pages/rules/rules-api.ts';

// The rules page's logic that runs in the rule worker and the browser: the check of a draft with
// its place-accurate issues, pasted conversations, the preview, diffs and the overview.

const PACK = `pack:
  id: team-pack
  name: Team pack
rules:
  - id: no-wechat
    name: No WeChat
    points: -10
    detect: { role: agent, regex: '加(?:我)?微信' }
`;

const CARD = `scorecard:
  id: team-card
  name: Team card
  appliesTo: { channels: [chat] }
include: [team-pack]
rules:
  - id: greeting
    name: Greeting
    category: service
    points: -5
    require: { role: agent, position: { first: 1 }, keywords: { any: [您好, hello] } }
  - id: laugh-while-refusing
    severity: major
    points: -8
    detect: { role: agent, keywords: { any: [没办法] }, emoji: { categories: [laugh] } }
`;

const context: ContextFile[] = [
  { ruleSetId: 'team-card', file: 'team-card.yaml', text: CARD },
  { ruleSetId: 'team-pack', file: 'team-pack.yaml', text: PACK },
];

describe('checking a draft as the server does', () => {
  it('reports an unknown condition at its line, underlining the key', () => {
    const text = CARD.replace('keywords: { any: [没办法] }', 'keyword: { any: [没办法] }');
    const check = checkDraft({ ruleSetId: 'team-card', file: 'team-card.yaml', text }, context);
    assert.equal(check.others.length, 0);
    const [issue] = check.issues;
    assert.ok(issue);
    assert.equal(issue.severity, 'error');
    assert.equal(issue.line, 15);
    assert.match(
      issue.message,
      /unknown condition "keyword" \(did you mean "keywords"\?\) \(at rules\[1\]\.detect\.keyword\)/,
    );
    assert.equal(text.slice(issue.from, issue.to), 'keyword');
    assert.equal(issue.origin, 'browser');
  });

  it('reports a bad indentation as YAML errors at their line', () => {
    const text = CARD.replace('    category: service', '   category: service');
    const check = checkDraft({ ruleSetId: 'team-card', file: 'team-card.yaml', text }, context);
    assert.ok(check.issues.length > 0);
    assert.ok(check.issues.every((i) => i.message.startsWith('YAML:')));
    assert.equal(check.issues[0]?.line, 9);
    // The underline reaches the mis-indented line, not only the value it is read into.
    const first = check.issues[0];
    assert.ok(first);
    assert.match(text.slice(first.from, first.to), /category: service/);
  });

  it('underlines a line indented too deep together with the value YAML reads it into', () => {
    const text = CARD.replace('    category: service', '     category: service');
    const check = checkDraft({ ruleSetId: 'team-card', file: 'team-card.yaml', text }, context);
    const first = check.issues[0];
    assert.equal(first?.line, 8);
    assert.equal(text.slice(first?.from, first?.to), 'Greeting\n     category: service');
  });

  it('puts the problems the draft causes in other rule sets apart', () => {
    const text = PACK.replace('id: team-pack', 'id: renamed-pack');
    const check = checkDraft({ ruleSetId: 'team-pack', file: 'team-pack.yaml', text }, context);
    assert.deepEqual(check.issues, []);
    assert.equal(check.others.length, 1);
    assert.equal(check.others[0]?.file, 'team-card.yaml');
    assert.match(check.others[0]?.message ?? '', /include "team-pack": no scorecard or pack has this id/);
  });

  it('compiles the draft in place of its published version, with the context and the library', () => {
    const text = CARD.replace('points: -5', 'points: -7');
    const check = checkDraft({ ruleSetId: 'team-card', file: 'team-card.yaml', text }, [
      ...context,
      { ruleSetId: 'team-pack', file: 'team-pack.yaml', text: PACK, isLibrary: true },
    ]);
    assert.deepEqual(check.issues, []);
    const card = check.ruleSet.scorecards.find((s) => s.id === 'team-card');
    assert.deepEqual(
      card?.rules.map((r) => [r.id, r.points]),
      [
        ['no-wechat', -10],
        ['greeting', -7],
        ['laugh-while-refusing', -8],
      ],
    );
  });
});

describe('issue positions', () => {
  const text = "a: 1\n  regex: '(x'\n  points: -5\n";
  it('finds offsets of 1-based lines and columns', () => {
    assert.equal(offsetOf(text, 1, 1), 0);
    assert.equal(offsetOf(text, 2, 10), 14);
    assert.equal(offsetOf(text, 9, 1), text.length);
  });
  it('underlines a quoted string, a key, or one character at the end of a line', () => {
    const quoted = issueRange(text, 2, 10);
    assert.equal(text.slice(quoted.from, quoted.to), "'(x'");
    const key = issueRange(text, 3, 3);
    assert.equal(text.slice(key.from, key.to), 'points');
    const end = issueRange(text, 4, 1);
    assert.equal(end.to - end.from, 1);
  });
  it('places the server’s errors of the draft at their line and column, others apart', () => {
    const { issues, others } = serverIssues(text, [
      {
        field: 'source',
        line: 2,
        reason: 'x.yaml:2:10: error: bad regex: /(x/gu: Unterminated group (at rules[0].detect.regex)',
      },
      { reason: 'zh-chat.yaml:3:5: error: include "p": no scorecard or pack has this id' },
    ]);
    assert.equal(issues[0]?.origin, 'server');
    assert.equal(text.slice(issues[0]?.from, issues[0]?.to), "'(x'");
    assert.match(issues[0]?.message ?? '', /^bad regex/);
    assert.deepEqual(others, [
      {
        severity: 'error',
        file: 'zh-chat.yaml',
        line: 3,
        message: 'include "p": no scorecard or pack has this id',
      },
    ]);
  });
});

describe('pasted conversations', () => {
  it('reads one message per line, Chinese role names, gaps and continued lines', () => {
    const r = parsePastedConversation('客户: 在吗\n第二行\nagent +90s: 您好\nc: ok', 'chat');
    assert.ok(r.ok);
    const { messages } = r.conversation;
    assert.deepEqual(
      messages.map((m) => [m.role, m.text]),
      [
        ['customer', '在吗\n第二行'],
        ['agent', '您好'],
        ['customer', 'ok'],
      ],
    );
    assert.equal((messages[1]?.at ?? 0) - (messages[0]?.at ?? 0), 90_000);
    assert.equal((messages[2]?.at ?? 0) - (messages[1]?.at ?? 0), 10_000);
    assert.equal(r.conversation.channel, 'chat');
  });
  it('reads canonical JSON and the rule cases’ shorthand', () => {
    const canonical = parsePastedConversation(
      JSON.stringify({
        channel: 'email',
        messages: [{ role: 'customer', text: 'hi', at: '2026-01-05T01:00:00Z' }],
      }),
      'chat',
    );
    assert.ok(canonical.ok);
    assert.equal(canonical.conversation.channel, 'email');
    const shorthand = parsePastedConversation(
      JSON.stringify({ messages: [{ customer: 'hi' }, { agent: 'hello', after: 30 }] }),
      'voice',
    );
    assert.ok(shorthand.ok);
    assert.equal(shorthand.conversation.channel, 'voice');
    assert.equal(shorthand.conversation.messages[1]?.role, 'agent');
  });
  it('says what is wrong', () => {
    assert.deepEqual(parsePastedConversation('  ', 'chat'), { ok: false, problem: { code: 'empty' } });
    assert.deepEqual(parsePastedConversation('hello there\nagent: hi', 'chat'), {
      ok: false,
      problem: { code: 'line', line: 1 },
    });
    const json = parsePastedConversation('{"messages": [', 'chat');
    assert.equal(!json.ok && json.problem.code, 'json');
    const invalid = parsePastedConversation('{"messages": [{"role": "boss", "text": "x"}]}', 'chat');
    assert.equal(!invalid.ok && invalid.problem.code, 'invalid');
  });
});

const stored = (emotion: 'anger' | 'neutral'): StoredConversation => ({
  id: '0b6a0f5e-1111-4222-8333-444455556666',
  source: 'demo',
  externalId: 'c-1',
  channel: 'chat',
  queue: null,
  tags: [],
  agentId: 'a-1',
  teamId: 't-1',
  startedAt: '2026-01-05T01:00:00.000Z',
  endedAt: '2026-01-05T01:01:00.000Z',
  csat: null,
  score: 100,
  language: 'zh',
  industry: null,
  customerId: 'u-1',
  agentIds: ['a-1'],
  ratingComment: null,
  isResolved: null,
  messages: [
    {
      id: 'm1',
      at: '2026-01-05T01:00:00.000Z',
      role: 'customer',
      authorId: null,
      text: '订单还没到',
      durationMs: null,
    },
    {
      id: 'm2',
      at: '2026-01-05T01:00:20.000Z',
      role: 'agent',
      authorId: 'a-1',
      text: '您好，我查一下',
      durationMs: null,
    },
  ],
  analysis: {
    score: 100,
    scorecard: 'angry-card',
    hits: [],
    sentiment: {
      customer: null,
      messages: [{ index: 0, polarity: -0.8, label: 'negative', emotion, confidence: 0.9 }],
    },
  } as unknown as StoredConversation['analysis'],
});

describe('the preview', () => {
  const ANGRY = `scorecard: { id: angry-card, appliesTo: { channels: [chat] } }
rules:
  - id: angry-customer
    points: -10
    detect: { customerEmotion: [anger] }
`;

  it('uses the emotions the server stored for a stored conversation', () => {
    const { ruleSet } = checkDraft({ ruleSetId: 'a', file: 'a.yaml', text: ANGRY }, []);
    const angry = preparePreview({ kind: 'stored', stored: stored('anger') });
    assert.ok(angry.ok);
    const view = runPreview(angry.prepared, ruleSet);
    assert.equal(view.sentiment, 'stored');
    assert.equal(view.storedSentiments, 1);
    assert.deepEqual(
      view.hits.map((h) => h.id),
      ['angry-customer'],
    );
    assert.equal(view.score, 90);
    assert.deepEqual(view.stored, { id: stored('anger').id, score: 100, scorecard: 'angry-card', hits: [] });
    const calm = preparePreview({ kind: 'stored', stored: stored('neutral') });
    assert.ok(calm.ok);
    assert.deepEqual(runPreview(calm.prepared, ruleSet).hits, []);
  });

  it('runs in the rule worker and again on every check, with evidence and N/A reasons', () => {
    const engine = new RuleAnalysis();
    assert.deepEqual(engine.handle({ kind: 'context', files: context }), []);
    const draft = { ruleSetId: 'team-card', file: 'team-card.yaml', text: CARD };
    const [checked] = engine.handle({ kind: 'check', draft });
    assert.equal(checked?.kind, 'checked');
    const text = 'customer: 能退款吗\nagent +30s: 这个我也没办法呀😂';
    const [first] = engine.handle({
      kind: 'preview',
      seq: 1,
      request: { kind: 'paste', text, channel: 'chat' },
    });
    const view = (r: EngineReply | undefined) => {
      assert.equal(r?.kind, 'previewed');
      if (r?.kind !== 'previewed' || !r.answer.ok) throw new Error('no preview');
      return r.answer.view;
    };
    const v1 = view(first);
    assert.equal(v1.sentiment, 'lexicon');
    assert.equal(v1.scorecard, 'team-card');
    const laugh = v1.hits.find((h) => h.id === 'laugh-while-refusing');
    assert.ok(laugh);
    assert.deepEqual(
      laugh.evidence.map((e) => v1.messages[e.message]?.text.slice(e.start, e.end)),
      ['没办法', '😂'],
    );
    assert.equal(laugh.isDraft, true);
    assert.ok(v1.hits.some((h) => h.id === 'greeting'));
    // The draft changes: the same conversation is previewed again under the same request.
    const replies = engine.handle({
      kind: 'check',
      draft: { ...draft, text: CARD.replace('[没办法]', '[不归我管]') },
    });
    assert.equal(replies.length, 2);
    assert.equal(replies[1]?.kind === 'previewed' && replies[1].seq, 1);
    assert.ok(!view(replies[1]).hits.some((h) => h.id === 'laugh-while-refusing'));
    const [bad] = engine.handle({
      kind: 'preview',
      seq: 2,
      request: { kind: 'paste', text: '', channel: 'chat' },
    });
    assert.deepEqual(bad, { kind: 'previewed', seq: 2, answer: { ok: false, problem: { code: 'empty' } } });
  });
});

describe('which hits come from the draft', () => {
  it('marks the rules of a draft pack that the scoring scorecard includes', () => {
    const engine = new RuleAnalysis();
    engine.handle({ kind: 'context', files: context });
    engine.handle({ kind: 'check', draft: { ruleSetId: 'team-pack', file: 'team-pack.yaml', text: PACK } });
    const text = 'customer: 在吗\nagent: 加我微信吧';
    const [reply] = engine.handle({
      kind: 'preview',
      seq: 1,
      request: { kind: 'paste', text, channel: 'chat' },
    });
    assert.ok(reply?.kind === 'previewed' && reply.answer.ok);
    const marks = Object.fromEntries(reply.answer.view.hits.map((h) => [h.id, h.isDraft]));
    assert.deepEqual(marks, { 'no-wechat': true, greeting: false });
    const [checked] = engine.handle({
      kind: 'check',
      draft: {
        ruleSetId: 'team-pack',
        file: 'team-pack.yaml',
        text: PACK.replace('id: team-pack', 'id: lone-pack'),
      },
    });
    assert.deepEqual(checked?.kind === 'checked' && checked.check.unincludedPacks, ['lone-pack']);
  });
});

describe('the overview', () => {
  it('lists a scorecard’s own rules with their place and its included rules with their origin', () => {
    const check = checkDraft({ ruleSetId: 'team-card', file: 'team-card.yaml', text: CARD }, context);
    const [doc] = overviewOf(check);
    assert.equal(doc?.kind, 'scorecard');
    assert.equal(doc?.scorecard?.appliesTo, '{ channels: [chat] }');
    assert.deepEqual(
      doc?.rows.map((r) => [r.id, r.at?.line ?? null, r.from ?? null, r.points]),
      [
        ['greeting', 7, null, -5],
        ['laugh-while-refusing', 12, null, -8],
        ['no-wechat', null, 'team-pack', -10],
      ],
    );
    assert.equal(doc?.rows[2]?.condition, "detect: { role: agent, regex: '加(?:我)?微信' }");
  });
});

describe('diffs and YAML flow text', () => {
  it('diffs lines with removals before additions and folds unchanged runs', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].join('\n');
    const after = ['a', 'b', 'c', 'd', 'E', 'f', 'g', 'h', 'i', 'j'].join('\n');
    const lines = diffLines(before, after);
    assert.deepEqual(
      lines.filter((l) => l.kind !== 'same').map((l) => `${l.kind}:${l.text}`),
      ['del:e', 'add:E', 'add:j'],
    );
    const hunks = diffHunks(lines, 1);
    assert.deepEqual(hunks[0], { kind: 'gap', count: 3 });
    assert.equal(
      diffLines('x', 'x').every((l) => l.kind === 'same'),
      true,
    );
  });
  it('writes conditions as YAML flow, quoting what YAML would misread', () => {
    assert.equal(
      flowYaml({ role: 'agent', keywords: { any: ['您好', '[微笑]', '12315', 'yes'] }, gt: 5 }),
      "{ role: agent, keywords: { any: [您好, '[微笑]', '12315', 'yes'] }, gt: 5 }",
    );
    assert.equal(flowYaml("it's: x"), "'it''s: x'");
  });
});
