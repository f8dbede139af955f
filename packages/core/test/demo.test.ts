import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { DEMO_AGENTS, DEMO_DEFAULT_START_AT, type DemoOptions, generateDemo } from '../src/demo/index.ts';
import { normalizeConversation } from '../src/import/normalize-conversation.ts';
import type { ConversationInput } from '../src/model/conversation.ts';

type Lang = DemoOptions['lang'];

function collect(conversations: number, seed: number, lang: Lang, extra: Partial<DemoOptions> = {}) {
  return [...generateDemo({ conversations, seed, lang, ...extra })];
}

function hashRun(options: DemoOptions): string {
  const h = createHash('sha256');
  for (const c of generateDemo(options)) h.update(`${JSON.stringify(c)}\n`);
  return h.digest('hex');
}

const epoch = (iso: string | number) => (typeof iso === 'number' ? iso : Date.parse(iso));
const offsetOf = (iso: string) => iso.slice(-6);
const persona = (c: ConversationInput) => (c.meta as { persona: string }).persona;
const agentPersona = new Map(DEMO_AGENTS.map((a) => [a.id, a.persona]));

// Counts Unicode pictographs (a ZWJ or skin-tone sequence counts once) and platform bracket codes.
const EMOJI =
  /\p{Extended_Pictographic}(?:\p{Emoji_Modifier}|\uFE0F|\u200D\p{Extended_Pictographic})*|\[[\u4e00-\u9fa5A-Za-z]{1,4}\]/gu;
const emojiCount = (text: string) => text.match(EMOJI)?.length ?? 0;

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
function isValidIdNumber(id: string): boolean {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * (ID_WEIGHTS[i] as number);
  return '10X98765432'[sum % 11] === id[17];
}

describe('serviq demo generator', () => {
  it('is deterministic per seed and differs between seeds', () => {
    for (const lang of ['zh', 'en', 'mixed'] as const) {
      const a = hashRun({ conversations: 1500, seed: 42, lang });
      assert.equal(hashRun({ conversations: 1500, seed: 42, lang }), a, lang);
      assert.notEqual(hashRun({ conversations: 1500, seed: 43, lang }), a, lang);
    }
  });

  for (const lang of ['zh', 'en', 'mixed'] as const) {
    it(`emits 2,000 valid ${lang} conversations in the canonical import format`, () => {
      const ids = new Set<string>();
      for (const raw of generateDemo({ conversations: 2000, seed: 7, lang })) {
        const result = normalizeConversation(raw);
        assert.ok(result.ok, `${raw.id}: ${JSON.stringify(!result.ok && result.issues)}`);
        const c = result.value;
        assert.match(c.id, /^demo-\d{6}$/);
        assert.ok(!ids.has(c.id));
        ids.add(c.id);
        assert.equal(c.source, 'demo');
        assert.deepEqual(c.meta?.synthetic, true);
        assert.ok(
          c.messages.length >= 4 && c.messages.length <= 40,
          `${c.id} has ${c.messages.length} messages`,
        );
        assert.deepEqual(
          c.messages.map((m) => m.id),
          c.messages.map((_, i) => `m${i + 1}`),
        );
        assert.ok(c.agents.length >= 1);
        for (const a of c.agents) assert.match(a.id, /^a-\d\d$/);
        for (const m of c.messages) {
          if (m.role === 'agent')
            assert.ok(
              c.agents.some((a) => a.id === m.authorId),
              `${c.id} ${m.id} author`,
            );
          if (m.role === 'bot') assert.equal(m.authorId, 'bot-01');
        }
        assert.ok(c.events.some((e) => e.type === 'assign'));
        assert.ok(c.events.some((e) => e.type === 'close'));
        assert.ok(c.endedAt >= c.startedAt);
        assert.ok(c.ticket?.category?.includes('/'));
        if (c.rating?.csat !== undefined) assert.ok(c.rating.csat >= 1 && c.rating.csat <= 5);
      }
    });
  }

  it('averages about 20 messages per conversation', () => {
    const all = collect(5000, 11, 'mixed');
    const avg = all.reduce((n, c) => n + c.messages.length, 0) / all.length;
    assert.ok(avg > 18 && avg < 22, `average ${avg}`);
  });

  it('streams: the first conversations of a huge run come without generating the rest', () => {
    const it = generateDemo({ conversations: 1e9, seed: 1, lang: 'zh' });
    const first = it.next().value as ConversationInput;
    assert.equal(first.id, 'demo-000001');
    it.return(undefined);
  });

  it('puts zh conversations at +08:00, spreads en over several offsets, keeps to the days asked', () => {
    const startAt = Date.parse('2025-06-02T00:00:00+08:00');
    const zh = collect(2000, 3, 'zh', { startAt, days: 7 });
    for (const c of zh) {
      assert.ok(c.messages.every((m) => offsetOf(String(m.at)) === '+08:00'));
      const t = epoch(c.startedAt as string);
      assert.ok(t >= startAt && t < startAt + 7 * 86_400_000, String(c.startedAt));
    }
    // Business hours mostly, some at night.
    const hours = zh.map((c) => Number(String(c.startedAt).slice(11, 13)));
    const daytime = hours.filter((h) => h >= 8 && h < 23).length / hours.length;
    assert.ok(daytime > 0.8 && daytime < 0.99, `daytime share ${daytime}`);
    const offsets = new Set(collect(1000, 3, 'en').map((c) => offsetOf(String(c.startedAt))));
    assert.ok(offsets.has('-05:00') && offsets.has('+00:00'), [...offsets].join());
    assert.equal(
      epoch(collect(1, 1, 'zh', { days: 1 })[0]?.startedAt as string) >= DEMO_DEFAULT_START_AT,
      true,
    );
  });

  it('mixes about 60 % zh and 40 % en, with some code-mixed messages', () => {
    const all = collect(4000, 5, 'mixed');
    const zhShare = all.filter((c) => c.language === 'zh').length / all.length;
    assert.ok(zhShare > 0.55 && zhShare < 0.65, `zh share ${zhShare}`);
    const codeMixed = all.some((c) =>
      c.messages.some(
        (m) => /[\u4e00-\u9fa5]/.test(m.text ?? '') && /\b(status|refund|order|package)\b/.test(m.text ?? ''),
      ),
    );
    assert.ok(codeMixed);
  });

  it('covers the channels, the bot hand-off, transfers, holds, VIPs and industries', () => {
    const all = collect(3000, 9, 'zh');
    const channels = new Set(all.map((c) => c.channel));
    for (const ch of ['chat', 'miniprogram', 'voice', 'email', 'social', 'sms'])
      assert.ok(channels.has(ch as never), ch);
    assert.ok(all.filter((c) => c.channel === 'chat').length > all.length * 0.4);
    const botRun = all.find((c) => c.messages[1]?.role === 'bot');
    assert.ok(botRun?.events?.some((e) => e.type === 'handoff'));
    const transferred = all.find((c) => c.events?.some((e) => e.type === 'transfer'));
    const to = transferred?.events?.find((e) => e.type === 'transfer')?.agentId;
    assert.ok(to && transferred?.messages.some((m) => m.authorId === to), 'the new agent continues');
    assert.ok(all.some((c) => c.events?.some((e) => e.type === 'hold')));
    assert.ok(all.some((c) => c.customer?.vip && c.tags?.includes('vip')));
    const industries = new Set(all.map((c) => c.industry));
    assert.deepEqual([...industries].sort(), ['ecommerce', 'finance', 'telecom']);
    const rated = all.filter((c) => c.rating?.csat).length / all.length;
    assert.ok(rated > 0.35 && rated < 0.45, `rated share ${rated}`);
  });

  it('gives voice segments durations of ~4–5 Chinese characters per second, and e-mail replies in hours', () => {
    const all = collect(3000, 13, 'zh');
    const voice = all.filter((c) => c.channel === 'voice').flatMap((c) => c.messages);
    assert.ok(voice.length > 100 && voice.every((m) => typeof m.durationMs === 'number'));
    const chars = voice.reduce((n, m) => n + (m.text ?? '').length, 0);
    const seconds = voice.reduce((n, m) => n + (m.durationMs ?? 0), 0) / 1000;
    assert.ok(chars / seconds > 3.5 && chars / seconds < 5.5, `${chars / seconds} chars/s`);
    let replies = 0;
    let hours = 0;
    for (const c of all.filter((x) => x.channel === 'email')) {
      c.messages.forEach((m, i) => {
        const prev = c.messages[i - 1];
        if (m.role === 'agent' && prev?.role === 'customer') {
          replies++;
          hours += (epoch(m.at as string) - epoch(prev.at as string)) / 3_600_000;
        }
      });
    }
    assert.ok(hours / replies > 2, `e-mail replies after ${hours / replies} h on average`);
  });

  it('puts PII in customer messages: mobiles, e-mails and ID numbers with valid check characters', () => {
    const texts = collect(3000, 17, 'zh').flatMap((c) =>
      c.messages.filter((m) => m.role === 'customer').map((m) => m.text ?? ''),
    );
    const ids = texts.flatMap((t) => t.match(/(?<![0-9A-Za-z])\d{17}[\dX](?![0-9A-Za-z])/g) ?? []);
    assert.ok(ids.length > 20);
    for (const id of ids) assert.ok(isValidIdNumber(id), id);
    assert.ok(texts.some((t) => /(?<!\d)1[3-9]\d{9}(?!\d)/.test(t)));
    assert.ok(texts.some((t) => /[\w.]+@[\w.]+\.com/.test(t)));
    assert.ok(texts.some((t) => t.includes('#E-s[数字x]')));
    assert.ok(texts.some((t) => /👍🏻|🤷‍♀️/.test(t)));
  });

  it('shows each persona’s habits', () => {
    const all = collect(6000, 21, 'mixed');
    const emojiPerMessage = (p: string) => {
      const msgs = all.flatMap((c) =>
        c.messages.filter((m) => m.role === 'agent' && agentPersona.get(m.authorId as string) === p),
      );
      return msgs.reduce((n, m) => n + emojiCount(m.text ?? ''), 0) / msgs.length;
    };
    const overuser = emojiPerMessage('emoji-overuser');
    const polite = emojiPerMessage('polite-expert');
    assert.ok(overuser > 0.6 && overuser > 10 * polite, `emoji per message ${overuser} vs ${polite}`);

    // Over-users laugh even at angry customers.
    const laughsAtAnger = all.some((c) =>
      c.messages.some((m, i) => {
        const prev = c.messages[i - 1];
        return (
          agentPersona.get(m.authorId as string) === 'emoji-overuser' &&
          /😂|\[捂脸\]|🤣/.test(m.text ?? '') &&
          prev?.role === 'customer' &&
          /投诉|差评|！|ridiculous|manager/.test(prev.text ?? '')
        );
      }),
    );
    assert.ok(laughsAtAnger);

    const medianReplySec = (p: string) => {
      const gaps: number[] = [];
      for (const c of all.filter((x) => x.channel === 'chat')) {
        c.messages.forEach((m, i) => {
          const prev = c.messages[i - 1];
          if (
            m.role === 'agent' &&
            prev?.role === 'customer' &&
            agentPersona.get(m.authorId as string) === p
          ) {
            gaps.push((epoch(m.at as string) - epoch(prev.at as string)) / 1000);
          }
        });
      }
      gaps.sort((a, b) => a - b);
      return gaps[Math.floor(gaps.length / 2)] as number;
    };
    assert.ok(medianReplySec('slow-responder') >= 60, `slow ${medianReplySec('slow-responder')} s`);
    assert.ok(medianReplySec('polite-expert') < 40, `polite ${medianReplySec('polite-expert')} s`);

    const byPersona = (p: string) => all.filter((c) => persona(c) === p);
    const firstAgentText = (c: ConversationInput) => c.messages.find((m) => m.role === 'agent')?.text ?? '';
    const politeGreets = byPersona('polite-expert').filter((c) =>
      /您好|Hello|Hi there|Good day|Thank you for calling/.test(firstAgentText(c)),
    );
    assert.ok(politeGreets.length / byPersona('polite-expert').length > 0.9);
    const curtGreets = byPersona('curt').filter((c) => /您好|你好|Hello|Hi\b/.test(firstAgentText(c)));
    assert.ok(curtGreets.length / byPersona('curt').length < 0.2);
    const forbidden = /不归我管|你自己看|这不是我们的问题|not my problem|Not my department/;
    assert.ok(byPersona('curt').some((c) => c.messages.some((m) => forbidden.test(m.text ?? ''))));
    assert.ok(
      !byPersona('polite-expert').some((c) =>
        c.messages.some(
          (m) =>
            m.role === 'agent' &&
            forbidden.test(m.text ?? '') &&
            agentPersona.get(m.authorId as string) === 'polite-expert',
        ),
      ),
    );
  });

  it('correlates CSAT with persona and outcome', () => {
    const all = collect(8000, 23, 'mixed');
    const meanCsat = (list: ConversationInput[]) => {
      const rated = list.filter((c) => c.rating?.csat);
      return rated.reduce((n, c) => n + (c.rating?.csat ?? 0), 0) / rated.length;
    };
    const of = (p: string) => meanCsat(all.filter((c) => persona(c) === p));
    assert.ok(of('polite-expert') >= 4, `polite ${of('polite-expert')}`);
    assert.ok(of('curt') < 3.2, `curt ${of('curt')}`);
    assert.ok(of('slow-responder') < 3.2, `slow ${of('slow-responder')}`);
    assert.ok(meanCsat(all.filter((c) => c.resolved)) - meanCsat(all.filter((c) => !c.resolved)) > 1);
  });
});
