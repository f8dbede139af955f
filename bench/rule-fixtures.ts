// Rule files for the rule benchmarks, generated deterministically into bench/data.
import { mkdirSync, writeFileSync } from 'node:fs';
import { Prng } from '@serviq/core';

// Characters of everyday customer-service Chinese, so generated keywords look like real ones
// (product names, sensitive words) and some of them really occur in the demo text.
const HAN =
  '退款订单物流快递客服投诉商品质量问题售后换货账户会员积分优惠活动价格发票地址电话信息处理申请审核到账银行支付宝微信';
const LATIN = [
  'refund',
  'order',
  'delivery',
  'account',
  'invoice',
  'voucher',
  'warranty',
  'upgrade',
  'billing',
  'plan',
];

function keyword(rand: () => number, i: number): string {
  if (i % 5 === 4) {
    const a = LATIN[Math.floor(rand() * LATIN.length)] as string;
    const b = LATIN[Math.floor(rand() * LATIN.length)] as string;
    return `${a} ${b}`;
  }
  const length = 2 + Math.floor(rand() * 3);
  let out = '';
  for (let k = 0; k < length; k++) out += HAN[Math.floor(rand() * HAN.length)];
  return out;
}

const quote = (s: string) => JSON.stringify(s);

/**
 * A scorecard with every rule of zh-chat (and its emoji norms) plus 20 rules of 100 keywords
 * each: 2,000 keywords a deployment adds (product names, sensitive words).
 */
export function writeExtraKeywordRules(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const prng = new Prng(7);
  const rand = () => prng.next();
  const lines = [
    'scorecard:',
    '  id: bench-zh-2000',
    '  appliesTo: { languages: [zh, mixed, und] }',
    '  priority: 100',
    'include: [zh-chat]',
    'rules:',
  ];
  for (let r = 0; r < 20; r++) {
    const words = Array.from({ length: 100 }, (_, i) => quote(keyword(rand, i)));
    lines.push(
      `  - id: extra-${r}`,
      '    points: -1',
      `    detect: { role: ${r % 2 === 0 ? 'agent' : 'customer'}, keywords: { any: [${words.join(', ')}] } }`,
    );
  }
  const file = `${dir}/bench-zh-2000.yaml`;
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** 500 rules of every kind of condition, for the compile-time benchmark. */
export function fiveHundredRules(): string {
  const prng = new Prng(11);
  const rand = () => prng.next();
  const lines = ['scorecard:', '  id: bench-500', 'rules:'];
  for (let r = 0; r < 500; r++) {
    const words = Array.from({ length: 5 }, (_, i) => quote(keyword(rand, i)));
    let detect: string;
    switch (r % 6) {
      case 0:
        detect = `{ role: agent, keywords: { any: [${words.join(', ')}] } }`;
        break;
      case 1:
        detect = `{ role: agent, regex: ${quote(`(?:${keyword(rand, 0)}|${keyword(rand, 1)})\\d{2,}`)} }`;
        break;
      case 2:
        detect = `{ role: agent, similar: { examples: [${words.slice(0, 3).join(', ')}], threshold: 0.6 } }`;
        break;
      case 3:
        detect = `{ sequence: [{ role: customer, keywords: { any: [${words[0]}] } }, { not: { role: agent, keywords: { any: [${words[1]}] } }, withinTurns: 2 }] }`;
        break;
      case 4:
        detect = `{ role: agent, metric: responseSec, gt: ${30 + r} }`;
        break;
      default:
        detect = `{ all: [{ role: agent, emoji: { categories: [laugh] } }, { customerSentiment: [negative] }] }`;
    }
    lines.push(`  - id: rule-${r}`, `    points: -1`, `    detect: ${detect}`);
  }
  return `${lines.join('\n')}\n`;
}
