import type { DemoIndustry, DemoLang } from './demo-phrasebook.ts';
import type { Prng } from './prng.ts';

/** Synthetic identifiers that look real: PII (phones, ID and card numbers, e-mail) and non-PII (orders, parcels). */

const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '153',
  '155',
  '156',
  '157',
  '158',
  '159',
  '166',
  '173',
  '175',
  '176',
  '177',
  '178',
  '180',
  '181',
  '182',
  '183',
  '185',
  '186',
  '187',
  '188',
  '189',
  '191',
  '198',
  '199',
];

/** A Chinese mobile number, mostly written plain, sometimes spaced, dashed or with +86. */
export function chineseMobile(rng: Prng): string {
  const n = rng.pick(MOBILE_PREFIXES) + rng.digits(8);
  const style = rng.next();
  if (style < 0.8) return n;
  if (style < 0.9) return `${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`;
  if (style < 0.95) return `${n.slice(0, 3)}-${n.slice(3, 7)}-${n.slice(7)}`;
  return `+86 ${n}`;
}

/** North American numbers in the 555-01xx range reserved for fiction, or UK drama-range mobiles. */
function westernPhone(rng: Prng): string {
  if (rng.chance(0.7)) return `(${rng.pick(['312', '415', '646', '214', '206'])}) 555-01${rng.digits(2)}`;
  return `+44 7700 900${rng.digits(3)}`;
}

const REGION_CODES = [
  '110101',
  '310104',
  '440305',
  '330106',
  '510107',
  '420111',
  '320102',
  '610113',
  '370202',
];
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643 check character of the first 17 digits of a resident ID number. */
export function idCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] as number);
  return ID_CHECK[sum % 11] as string;
}

/** An 18-character resident ID number with a real birth date and a valid check character. */
export function chineseIdNumber(rng: Prng): string {
  const year = rng.int(1962, 2004);
  const month = rng.int(1, 12);
  const day = rng.int(1, 28);
  const body = `${rng.pick(REGION_CODES)}${year}${month < 10 ? '0' : ''}${month}${day < 10 ? '0' : ''}${day}${rng.digits(3)}`;
  return body + idCheckCharacter(body);
}

/** A card number that passes the Luhn check (UnionPay-style for zh, Visa-style for en). */
export function bankCard(rng: Prng, lang: DemoLang): string {
  const body = (lang === 'zh' ? '622202' : '4') + rng.digits(lang === 'zh' ? 9 : 14);
  return body + luhnCheckDigit(body);
}

/** Digits that FAIL the Luhn check, so a long order number can never be read as a card number. */
function nonCardDigits(rng: Prng, first: string, n: number): string {
  const body = first + rng.digits(n - 2);
  const last = rng.int(0, 9);
  const check = luhnCheckDigit(body);
  return body + (last === check ? (check + 1) % 10 : last);
}

function luhnCheckDigit(body: string): number {
  let sum = 0;
  // Walking right to left over the body, the check digit's neighbour is doubled first.
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

const ZH_MAIL = ['qq.com', '163.com', '126.com', 'foxmail.com', 'sina.com', 'outlook.com'];
const EN_MAIL = ['gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com', 'example.com'];
const MAIL_NAMES = [
  'lily',
  'chen',
  'wang',
  'mike',
  'sunny',
  'zhang',
  'emma',
  'jack',
  'amy',
  'leo',
  'xiaoyu',
  'tom',
];

export function email(rng: Prng, lang: DemoLang): string {
  const domain = rng.pick(lang === 'zh' ? ZH_MAIL : EN_MAIL);
  if (lang === 'zh' && domain === 'qq.com' && rng.chance(0.6))
    return `${rng.int(10000, 9999999)}${rng.digits(3)}@qq.com`;
  const sep = rng.pick(['', '.', '_']);
  return `${rng.pick(MAIL_NAMES)}${sep}${rng.pick(MAIL_NAMES)}${rng.int(1, 99)}@${domain}`;
}

export function phone(rng: Prng, lang: DemoLang): string {
  return lang === 'zh' || rng.chance(0.15) ? chineseMobile(rng) : westernPhone(rng);
}

/**
 * Order numbers are NOT PII, but they are long digit runs a careless detector mistakes for phones, IDs or
 * cards: 19-digit marketplace numbers, 12-digit numbers, dated numbers with a dash, prefixed numbers. The
 * bare digit runs fail the Luhn check, so the data never holds an order number that is a valid card number.
 */
export function orderNumber(rng: Prng, lang: DemoLang, industry: DemoIndustry): string {
  if (industry === 'telecom')
    return lang === 'zh' ? `GD${nonCardDigits(rng, '2', 14)}` : `CASE-${rng.digits(8)}`;
  if (industry === 'finance')
    return lang === 'zh' ? `JY${nonCardDigits(rng, '2', 16)}` : `TXN${rng.digits(10)}`;
  const r = rng.next();
  if (lang === 'en') {
    if (r < 0.4) return `${rng.digits(3)}-${rng.digits(7)}-${rng.digits(7)}`;
    if (r < 0.7) return `#US${rng.digits(9)}`;
    return `ORD-2025-${rng.digits(6)}`;
  }
  if (r < 0.4) return nonCardDigits(rng, String(rng.int(2, 4)), 19);
  if (r < 0.7) return nonCardDigits(rng, '3', 12);
  if (r < 0.9) return `250${rng.int(301, 331)}-${nonCardDigits(rng, String(rng.int(1, 9)), 15)}`;
  return `DD${rng.digits(16)}`;
}

export function trackingNumber(rng: Prng, courier: string): string {
  switch (courier) {
    case '顺丰':
      return `SF${nonCardDigits(rng, '1', 13)}`;
    case '圆通':
      return `YT${nonCardDigits(rng, '8', 13)}`;
    case '京东物流':
      return `JDX0${rng.digits(11)}`;
    case 'UPS':
      return `1Z${rng.digits(6)}A${rng.digits(9)}`;
    case 'USPS':
      return `9400${rng.digits(18)}`;
    case 'Royal Mail':
      return `RM${rng.digits(9)}GB`;
    default:
      return `7${rng.digits(11)}`;
  }
}
