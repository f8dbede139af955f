import type { SummaryReport } from './summary.ts';

export type Locale = 'zh' | 'en';

const TEXT = {
  zh: {
    title: 'Serviq 质检汇总',
    conversations: '会话数',
    messages: '消息数',
    rejected: '被拒记录',
    averageScore: '平均分',
    passRate: '合格率',
    fatal: '致命项会话',
    frt: '首次响应 p50 / p90',
    noReply: '无客服回复',
    sla: 'SLA 达标率',
    csat: '平均满意度 (CSAT)',
    rated: '个评价',
    topHits: '违规最多的规则',
    emojiPerAgent: '坐席表情使用 (每条消息表情数 · 含表情消息占比 · 客户负面时发送)',
    emotions: '客户情绪分布 (按消息)',
    endEmotions: '会话结束时客户情绪',
    none: '无',
    seconds: '秒',
  },
  en: {
    title: 'Serviq QA summary',
    conversations: 'Conversations',
    messages: 'Messages',
    rejected: 'Rejected records',
    averageScore: 'Average score',
    passRate: 'Pass rate',
    fatal: 'With a fatal item',
    frt: 'First response p50 / p90',
    noReply: 'No agent reply',
    sla: 'SLA met',
    csat: 'Average CSAT',
    rated: 'rated',
    topHits: 'Most violated rules',
    emojiPerAgent:
      'Emoji use per agent (emoji per message · share of messages with emoji · sent while customer negative)',
    emotions: 'Customer emotion mix (messages)',
    endEmotions: 'Customer emotion at the end',
    none: 'none',
    seconds: 's',
  },
} as const;

const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);

function duration(sec: number | null, unit: string): string {
  if (sec === null) return '–';
  if (sec < 120) return `${Math.round(sec * 10) / 10}${unit}`;
  if (sec < 7200) return `${Math.round(sec / 6) / 10} min`;
  return `${Math.round(sec / 360) / 10} h`;
}

function mix(o: Record<string, number>): string {
  const total = Object.values(o).reduce((a, b) => a + b, 0);
  if (total === 0) return '–';
  return Object.entries(o)
    .map(([k, n]) => `${k} ${((n / total) * 100).toFixed(1)}%`)
    .join('  ');
}

/** A readable report for a terminal. */
export function formatSummary(r: SummaryReport, locale: Locale = 'zh', maxAgents = 15): string {
  const t = TEXT[locale];
  const lines = [
    `── ${t.title} ──`,
    `${t.conversations}: ${r.conversations}   ${t.messages}: ${r.messages}   ${t.rejected}: ${r.rejected}`,
    `${t.averageScore}: ${r.averageScore ?? '–'}   ${t.passRate}: ${pct(r.passRate)}   ${t.fatal}: ${r.fatalConversations}`,
    `${t.frt}: ${duration(r.firstResponseP50Sec, t.seconds)} / ${duration(r.firstResponseP90Sec, t.seconds)}   ${t.noReply}: ${r.noAgentReply}`,
    `${t.sla}: ${pct(r.slaMetRate)}   ${t.csat}: ${r.averageCsat ?? '–'} (${r.ratedConversations} ${t.rated})`,
    '',
    `${t.topHits}:`,
  ];
  if (r.topHits.length === 0) lines.push(`  ${t.none}`);
  for (const h of r.topHits) {
    lines.push(`  ${String(h.conversations).padStart(7)}  ${pct(h.rate).padStart(6)}  ${h.rule} (${h.name})`);
  }
  lines.push('', `${t.emojiPerAgent}:`);
  const agents = r.agents.slice(0, maxAgents);
  if (agents.length === 0) lines.push(`  ${t.none}`);
  for (const a of agents) {
    const share = a.messages ? a.messagesWithEmoji / a.messages : 0;
    lines.push(
      `  ${a.id.padEnd(14)} ${a.emojiPerMessage.toFixed(2).padStart(5)}  ${pct(share).padStart(6)}  ${String(a.emojiWhileCustomerNegative).padStart(5)}   (${a.messages})`,
    );
  }
  if (r.agents.length > maxAgents) lines.push(`  … +${r.agents.length - maxAgents}`);
  lines.push('', `${t.emotions}: ${mix(r.customerEmotions)}`, `${t.endEmotions}: ${mix(r.endEmotions)}`);
  return `${lines.join('\n')}\n`;
}
