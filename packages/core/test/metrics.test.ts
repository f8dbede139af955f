import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type BusinessHours,
  computeMetrics,
  DEFAULT_SLA,
  percentile,
  resolveSlaPolicy,
  spokenChars,
} from '../src/metrics/index.ts';
import type { Channel, Conversation, ConversationEvent, Message, Role } from '../src/model/conversation.ts';

// Monday 3 March 2025, 09:00 in Shanghai.
const T0 = Date.UTC(2025, 2, 3, 1, 0, 0);
const at = (sec: number) => T0 + Math.round(sec * 1000);

type Line = [sec: number, role: Role, text: string, extra?: { authorId?: string; durationSec?: number }];

function conversation(
  lines: Line[],
  options: { channel?: Channel; endSec?: number; startSec?: number; events?: ConversationEvent[] } = {},
): Conversation {
  const messages = lines.map(([sec, role, text, extra], i): Message => {
    const m: Message = { id: `m${i + 1}`, at: at(sec), role, text };
    if (extra?.authorId !== undefined) m.authorId = extra.authorId;
    if (extra?.durationSec !== undefined) m.durationMs = extra.durationSec * 1000;
    return m;
  });
  const lastEnd = Math.max(...messages.map((m) => m.at + (m.durationMs ?? 0)));
  return {
    id: 'c-1',
    source: 'test',
    channel: options.channel ?? 'chat',
    startedAt: options.startSec === undefined ? (messages[0]?.at ?? T0) : at(options.startSec),
    endedAt: options.endSec === undefined ? lastEnd : at(options.endSec),
    tags: [],
    agents: [],
    messages,
    events: options.events ?? [],
  };
}

const A1 = { authorId: 'a-1' };
const A2 = { authorId: 'a-2' };

describe('computeMetrics on chat', () => {
  const chat = conversation(
    [
      [0, 'customer', '你好，我买的耳机一直没发货'],
      [12, 'agent', '您好，这边帮您查询一下', A1],
      [30, 'customer', '好的'],
      [40, 'customer', '查到了吗？'],
      [125, 'agent', '久等了，已经催促仓库今天发出', A1],
      [130, 'agent', '还有其他可以帮您的吗？', A1],
      [200, 'customer', '没有了，谢谢'],
      [210, 'agent', '不客气，祝您生活愉快', A1],
    ],
    { endSec: 240 },
  );

  it('measures each response from the first unanswered message of a customer run', () => {
    const m = computeMetrics(chat);
    assert.equal(m.firstResponseSec, 12);
    assert.deepEqual(m.responses, [12, 95, 10]);
    assert.equal(m.avgResponseSec, 39);
    assert.equal(m.medianResponseSec, 12);
    // Linear interpolation over [10, 12, 95]: rank 1.8 → 12 + 0.8 × 83.
    assert.equal(m.p90ResponseSec, 78.4);
    assert.equal(m.maxResponseSec, 95);
    assert.equal(m.maxCustomerWaitSec, 95);
    assert.equal(m.unansweredWaitSec, null);
    assert.equal(m.handleSec, 240);
  });

  it('counts messages, characters and agents', () => {
    const m = computeMetrics(chat);
    assert.deepEqual(m.messages, { customer: 4, agent: 4, bot: 0, system: 0 });
    assert.equal(m.customerMessageChars, '你好，我买的耳机一直没发货好的查到了吗？没有了，谢谢'.length);
    assert.equal(
      m.agentMessageChars,
      '您好，这边帮您查询一下久等了，已经催促仓库今天发出还有其他可以帮您的吗？不客气，祝您生活愉快'.length,
    );
    assert.equal(m.agentsInvolved, 1);
    assert.equal(m.transfers, 0);
    assert.equal(m.botHandoff, false);
    assert.equal(m.botHandoffSec, null);
    assert.equal(m.voice, undefined);
  });

  it('meets the default 60 s chat SLA with a 12 s first response', () => {
    const m = computeMetrics(chat);
    assert.equal(m.slaMet, true);
    assert.equal(m.slaTargetSec, 60);
    assert.equal(m.slaElapsedSec, 12);
    assert.equal('firstResponseBusinessSec' in m, false);
  });

  it('misses the SLA on a slow first response', () => {
    const slow = conversation([
      [0, 'customer', '在吗'],
      [75.25, 'agent', '在的，请问有什么可以帮您', A1],
    ]);
    const m = computeMetrics(slow);
    assert.equal(m.firstResponseSec, 75.25);
    assert.equal(m.slaMet, false);
    assert.equal(m.slaElapsedSec, 75.25);
  });

  it('misses the SLA when a later response exceeds responseSec', () => {
    const m = computeMetrics(chat, { sla: { chat: { firstResponseSec: 60, responseSec: 90 } } });
    assert.equal(m.slaMet, false, 'the 95 s response is over 90 s');
    assert.equal(
      computeMetrics(chat, { sla: { chat: { firstResponseSec: 60, responseSec: 95 } } }).slaMet,
      true,
    );
  });

  it('measures from the customer when the agent speaks first', () => {
    const outbound = conversation([
      [0, 'agent', '您好，我是售后客服小王，关于您的退款申请', A1],
      [20, 'customer', '嗯，什么时候能到账'],
      [26, 'agent', '预计1到3个工作日', A1],
    ]);
    const m = computeMetrics(outbound);
    assert.equal(m.firstResponseSec, 6);
    assert.deepEqual(m.responses, [6]);
    assert.equal(m.maxCustomerWaitSec, 6);
    assert.equal(m.slaMet, true);
  });
});

describe('computeMetrics without an agent reply', () => {
  it('reports no first response and a missed SLA when the customer waited past the target', () => {
    const abandoned = conversation(
      [
        [0, 'customer', '你好'],
        [30, 'customer', '有人吗？'],
      ],
      { endSec: 300 },
    );
    const m = computeMetrics(abandoned);
    assert.equal(m.firstResponseSec, null, 'never 0 for no reply');
    assert.deepEqual(m.responses, []);
    assert.equal(m.avgResponseSec, null);
    assert.equal(m.medianResponseSec, null);
    assert.equal(m.p90ResponseSec, null);
    assert.equal(m.maxResponseSec, null);
    assert.equal(m.maxCustomerWaitSec, null);
    assert.equal(m.unansweredWaitSec, 300);
    assert.equal(m.slaMet, false);
    assert.equal(m.slaElapsedSec, 300);
  });

  it('cannot judge the SLA when the conversation ended before the target passed', () => {
    const short = conversation([
      [0, 'customer', '你好'],
      [20, 'customer', '算了'],
    ]);
    const m = computeMetrics(short);
    assert.equal(m.firstResponseSec, null);
    assert.equal(m.slaMet, null);
    assert.equal(m.slaElapsedSec, 20);
    assert.equal(m.unansweredWaitSec, 20);
  });

  it('has no SLA judgement without a customer message', () => {
    const m = computeMetrics(conversation([[0, 'agent', '您好，您的快递已签收', A1]]));
    assert.equal(m.slaMet, null);
    assert.equal(m.slaElapsedSec, null);
    assert.equal(m.firstResponseSec, null);
  });
});

describe('computeMetrics with bots', () => {
  it('measures a bot → human handoff from the bot’s handoff message', () => {
    const handoff = conversation([
      [0, 'customer', '我要退货'],
      [2, 'bot', '您好，我是智能助手。退货请在订单页点击申请售后'],
      [30, 'customer', '转人工'],
      [31, 'bot', '正在为您转接人工客服，请稍候'],
      [91, 'agent', '您好，我是客服小李，请问要退哪个订单？', A1],
    ]);
    const m = computeMetrics(handoff);
    assert.equal(m.botHandoff, true);
    assert.equal(m.botHandoffSec, 60);
    assert.equal(m.firstResponseSec, 91, 'the first human response includes the bot part');
    assert.deepEqual(m.responses, [91]);
    assert.equal(m.slaElapsedSec, 60, 'the SLA counts the wait for a human from the handoff');
    assert.equal(m.slaMet, true);
    assert.equal(m.maxCustomerWaitSec, 2, 'bot replies end a wait');
    assert.equal(m.unansweredWaitSec, null);
    assert.deepEqual(m.messages, { customer: 2, agent: 1, bot: 2, system: 0 });
  });

  it('measures the handoff from the customer’s request when the customer wrote after the bot', () => {
    const idle = conversation([
      [0, 'customer', '运费怎么算'],
      [2, 'bot', '满99元包邮，不满收取8元运费'],
      [300, 'customer', '我要找人工'],
      [310, 'agent', '您好，请讲', A1],
    ]);
    const m = computeMetrics(idle);
    assert.equal(m.botHandoffSec, 10);
    assert.equal(m.slaElapsedSec, 10);
    assert.equal(m.slaMet, true);
    assert.equal(m.firstResponseSec, 310);
  });

  it('does not call a bot greeting before the customer speaks a handoff', () => {
    const greeted = conversation([
      [0, 'bot', '欢迎光临，有什么可以帮您？'],
      [5, 'customer', '发票怎么开'],
      [20, 'agent', '您好，在订单详情页申请即可', A1],
    ]);
    const m = computeMetrics(greeted);
    assert.equal(m.botHandoff, false);
    assert.equal(m.botHandoffSec, null);
    assert.equal(m.firstResponseSec, 15);
    assert.equal(m.slaElapsedSec, 15);
  });

  it('has no SLA judgement when the bot handled the conversation and had the last word', () => {
    const contained = conversation(
      [
        [0, 'customer', '营业时间'],
        [1, 'bot', '每天9:00-21:00'],
      ],
      { endSec: 600 },
    );
    const m = computeMetrics(contained);
    assert.equal(m.firstResponseSec, null);
    assert.equal(m.slaMet, null);
    assert.equal(m.botHandoff, false);
    assert.equal(m.maxCustomerWaitSec, 1);
  });

  it('misses the SLA when the customer asked after the bot and no human came', () => {
    const stranded = conversation(
      [
        [0, 'customer', '营业时间'],
        [1, 'bot', '每天9:00-21:00'],
        [10, 'customer', '我要投诉，转人工'],
      ],
      { endSec: 400 },
    );
    const m = computeMetrics(stranded);
    assert.equal(m.slaMet, false);
    assert.equal(m.slaElapsedSec, 390);
    assert.equal(m.unansweredWaitSec, 390);
  });
});

describe('computeMetrics edge cases', () => {
  it('counts transfer events and the distinct agents who wrote', () => {
    const transferred = conversation(
      [
        [0, 'customer', '我的会员扣费有问题'],
        [10, 'agent', '您好，我帮您转给会员专员', A1],
        [12, 'system', '会话已转接'],
        [40, 'agent', '您好，我是会员专员', A2],
        [50, 'customer', '为什么自动续费了'],
        [70, 'agent', '我帮您关闭并退款', A2],
      ],
      {
        events: [
          { at: at(11), type: 'transfer', agentId: 'a-2' },
          { at: at(11), type: 'assign', agentId: 'a-2' },
        ],
      },
    );
    const m = computeMetrics(transferred);
    assert.equal(m.transfers, 1);
    assert.equal(m.agentsInvolved, 2);
    assert.deepEqual(m.responses, [10, 20]);
    assert.equal(m.messages.system, 1);
  });

  it('ignores system messages for waits and responses', () => {
    const m = computeMetrics(
      conversation([
        [0, 'customer', '你好'],
        [5, 'system', '客服正在输入'],
        [20, 'agent', '您好', A1],
      ]),
    );
    assert.equal(m.firstResponseSec, 20);
    assert.equal(m.maxCustomerWaitSec, 20);
  });

  it('counts an unlabelled agent once when no agent is labelled', () => {
    const m = computeMetrics(
      conversation([
        [0, 'customer', '你好'],
        [5, 'agent', '您好'],
        [9, 'agent', '请问有什么可以帮您'],
      ]),
    );
    assert.equal(m.agentsInvolved, 1);
  });

  it('answers with equal timestamps only in message order', () => {
    const same = conversation([
      [0, 'agent', '您好', A1],
      [0, 'customer', '你好'],
      [0, 'agent', '请讲', A1],
    ]);
    const m = computeMetrics(same);
    assert.deepEqual(m.responses, [0]);
    assert.equal(m.firstResponseSec, 0);
  });

  it('clamps negative gaps from clock skew to 0', () => {
    const skewed = conversation([
      [10, 'customer', '你好'],
      [7, 'agent', '您好，请问有什么可以帮您', A1],
    ]);
    const m = computeMetrics(skewed);
    assert.deepEqual(m.responses, [0]);
    assert.equal(m.maxCustomerWaitSec, 0);
    assert.equal(m.handleSec, 3, 'from the earliest to the latest message');
  });

  it('spans handle time over messages outside startedAt/endedAt', () => {
    const m = computeMetrics(
      conversation(
        [
          [0, 'customer', '你好'],
          [30, 'agent', '您好', A1],
        ],
        { startSec: -60, endSec: 20 },
      ),
    );
    assert.equal(m.handleSec, 90);
  });

  it('handles a conversation without messages', () => {
    const empty: Conversation = { ...conversation([]), startedAt: T0, endedAt: at(30) };
    const m = computeMetrics(empty);
    assert.equal(m.handleSec, 30);
    assert.equal(m.firstResponseSec, null);
    assert.equal(m.maxCustomerWaitSec, null);
    assert.equal(m.slaMet, null);
    assert.equal(m.agentsInvolved, 0);
    assert.deepEqual(m.messages, { customer: 0, agent: 0, bot: 0, system: 0 });
  });

  it('rounds every duration to milliseconds', () => {
    const m = computeMetrics(
      conversation([
        [0, 'customer', 'a'],
        [0.1, 'agent', 'b', A1],
        [0.3, 'customer', 'c'],
        [0.6, 'agent', 'd', A1],
        [1, 'customer', 'e'],
        [1.3, 'agent', 'f', A1],
      ]),
    );
    assert.deepEqual(m.responses, [0.1, 0.3, 0.3]);
    assert.equal(m.avgResponseSec, 0.233);
    assert.equal(m.medianResponseSec, 0.3);
    assert.equal(m.p90ResponseSec, 0.3);
  });
});

describe('SLA policies', () => {
  it('has per-channel defaults and none for voice and other', () => {
    assert.equal(DEFAULT_SLA.chat?.firstResponseSec, 60);
    assert.equal(DEFAULT_SLA.miniprogram?.firstResponseSec, 60);
    assert.equal(DEFAULT_SLA.social?.firstResponseSec, 60);
    assert.equal(DEFAULT_SLA.sms?.firstResponseSec, 3600);
    assert.equal(DEFAULT_SLA.email?.firstResponseSec, 86_400);
    assert.equal(resolveSlaPolicy('voice'), undefined);
    assert.equal(resolveSlaPolicy('other'), undefined);
  });

  it('resolves the channel, then default, then the built-in policy; null switches SLA off', () => {
    const own = { firstResponseSec: 30 };
    const fallback = { firstResponseSec: 600 };
    assert.equal(resolveSlaPolicy('chat', { chat: own, default: fallback }), own);
    assert.equal(resolveSlaPolicy('email', { chat: own, default: fallback }), fallback);
    assert.equal(resolveSlaPolicy('email', { chat: own }), DEFAULT_SLA.email);
    assert.equal(resolveSlaPolicy('chat', { chat: null, default: fallback }), undefined);
    const m = computeMetrics(conversation([[0, 'customer', '你好']], { endSec: 999 }), {
      sla: { chat: null },
    });
    assert.equal(m.slaMet, null);
    assert.equal('slaTargetSec' in m, false);
  });

  it('rejects a policy without a valid target', () => {
    const c = conversation([[0, 'customer', '你好']]);
    assert.throws(
      () => computeMetrics(c, { sla: { chat: { firstResponseSec: -1 } } }),
      /firstResponseSec must be a non-negative number/,
    );
  });
});

describe('computeMetrics on email with business hours', () => {
  const office: [string, string][] = [['09:00', '18:00']];
  const hours: BusinessHours = {
    timeZone: 'Asia/Shanghai',
    weekly: { mon: office, tue: office, wed: office, thu: office, fri: office },
  };
  const sla = { email: { firstResponseSec: 4 * 3600, businessHours: hours } };
  // Friday 7 March 17:00 → Monday 10 March 10:00, Shanghai.
  const fridayFive = Date.UTC(2025, 2, 7, 9, 0, 0);
  const mondayTen = Date.UTC(2025, 2, 10, 2, 0, 0);
  const email: Conversation = {
    id: 'e-1',
    source: 'test',
    channel: 'email',
    startedAt: fridayFive,
    endedAt: mondayTen,
    tags: [],
    agents: [],
    messages: [
      { id: 'm1', at: fridayFive, role: 'customer', text: '发票抬头开错了，请帮忙重开' },
      { id: 'm2', at: mondayTen, role: 'agent', authorId: 'a-1', text: '您好，已为您重新开具' },
    ],
    events: [],
  };

  it('counts only open time of a reply across the weekend', () => {
    const m = computeMetrics(email, { sla });
    assert.equal(m.firstResponseSec, 65 * 3600);
    assert.equal(m.firstResponseBusinessSec, 2 * 3600);
    assert.equal(m.slaElapsedSec, 2 * 3600);
    assert.equal(m.slaTargetSec, 4 * 3600);
    assert.equal(m.slaMet, true);
  });

  it('misses the wall-clock 24 h default SLA with the same reply', () => {
    const m = computeMetrics(email);
    assert.equal(m.slaMet, false);
    assert.equal(m.slaElapsedSec, 65 * 3600);
    assert.equal('firstResponseBusinessSec' in m, false);
  });

  it('judges an unanswered email by open time waited', () => {
    const unanswered = { ...email, messages: email.messages.slice(0, 1) };
    const m = computeMetrics(unanswered, { sla });
    assert.equal(m.firstResponseBusinessSec, null);
    assert.equal(m.slaElapsedSec, 2 * 3600);
    assert.equal(m.slaMet, null, 'two open hours are within the four-hour target');
    const later = computeMetrics({ ...unanswered, endedAt: mondayTen + 3 * 3_600_000 }, { sla });
    assert.equal(later.slaMet, false);
  });
});

describe('computeMetrics on voice', () => {
  const call = conversation(
    [
      [0, 'agent', '您好，很高兴为您服务', { ...A1, durationSec: 4 }],
      [4.5, 'customer', '我的快递三天了还没到，怎么回事', { durationSec: 6 }],
      [10, 'agent', '抱歉', { ...A1, durationSec: 2 }],
      [16, 'customer', '你们到底能不能查一下', { durationSec: 6 }],
      [19, 'agent', '我马上帮您查询物流信息', { ...A1, durationSec: 6 }],
      [23, 'customer', '嗯', { durationSec: 0.5 }],
      [35, 'agent', '查到了，包裹明天送达', { ...A1, durationSec: 6 }],
      [42, 'customer', '好的谢谢', { durationSec: 2 }],
      [43.5, 'customer', 'OK thanks', { durationSec: 1.5 }],
      [46, 'agent', '不客气，再见', { ...A1, durationSec: 2 }],
    ],
    { channel: 'voice' },
  );

  it('measures talk, silences, overlaps and interruptions', () => {
    const v = computeMetrics(call).voice;
    assert.ok(v);
    assert.deepEqual(
      v.talkSec,
      { agent: 20, customer: 15.5 },
      'the customer’s own overlapping segments count once',
    );
    assert.equal(v.talkRatioAgent, 0.563);
    assert.equal(v.silences, 2, 'the 4 s and 10 s gaps; 0.5 s and 1 s pauses are not silences');
    assert.equal(v.silenceSec, 14);
    assert.equal(v.longestSilenceSec, 10);
    assert.equal(v.overlaps, 3);
    assert.equal(v.overlapSec, 4);
    assert.equal(v.interruptionsByAgent, 1, 'the agent talked over the customer for 3 s');
    assert.equal(v.interruptionsByCustomer, 0, 'a 0.5 s "嗯" is a back-channel');
  });

  it('measures speech rate in spoken characters per minute', () => {
    const v = computeMetrics(call).voice;
    // Agent: 9 + 2 + 11 + 9 + 5 characters in 20 s; customer: 14 + 10 + 1 + 4 + 8 in 16 s.
    assert.equal(v?.speechRateAgentCpm, 108);
    assert.equal(v?.speechRateCustomerCpm, 138.8);
  });

  it('makes silence and interruption thresholds configurable', () => {
    const v = computeMetrics(call, { voice: { silenceSec: 1, interruptionMinSec: 0.5 } }).voice;
    assert.equal(v?.silences, 4, 'a 1 s pause now counts, 0.5 s still does not');
    assert.equal(v?.silenceSec, 16);
    assert.equal(v?.interruptionsByAgent, 2);
    assert.equal(v?.interruptionsByCustomer, 1);
  });

  it('measures voice responses from the end of the customer’s turn, with no default SLA', () => {
    const m = computeMetrics(call);
    assert.deepEqual(m.responses, [0, 0, 11.5, 1]);
    assert.equal(m.firstResponseSec, 0);
    assert.equal(m.maxCustomerWaitSec, 11.5);
    assert.equal(m.handleSec, 48);
    assert.equal(m.slaMet, null);
    assert.equal('slaTargetSec' in m, false);
  });

  it('has no voice metrics for text conversations and null rates without speech', () => {
    const silent = conversation([[0, 'agent', '', { ...A1, durationSec: 3 }]], { channel: 'voice' });
    const v = computeMetrics(silent).voice;
    assert.equal(v?.speechRateAgentCpm, null);
    assert.equal(v?.speechRateCustomerCpm, null);
    assert.equal(v?.talkRatioAgent, 1);
  });
});

describe('spokenChars and percentile', () => {
  it('counts letters, digits and ideographs but not spaces, punctuation or emoji', () => {
    assert.equal(spokenChars('您好，很高兴为您服务！'), 9);
    assert.equal(spokenChars('OK thanks, bye.'), 11);
    assert.equal(spokenChars('订单号 A123　好的😊'), 9);
    assert.equal(spokenChars('𠮷野家'), 3);
  });

  it('interpolates linearly between closest ranks', () => {
    assert.equal(percentile([], 0.5), null);
    assert.equal(percentile([7], 0.9), 7);
    assert.equal(percentile([1, 2, 3, 4], 0.5), 2.5);
    assert.equal(percentile([10, 20, 30, 40, 50], 0.9), 46);
    assert.equal(percentile([10, 20, 30, 40, 50], 0), 10);
    assert.equal(percentile([10, 20, 30, 40, 50], 1), 50);
  });
});
