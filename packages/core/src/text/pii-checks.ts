// Digit helpers, checksums and number-plan tables behind PII detection. The checks read ASCII
// digits (full-width input is folded first), skip separators, and allocate nothing.

const FULL_WIDTH_RE = /[\u3000\uff08\uff09\uff0b\uff0d\uff10-\uff19\uff38\uff58]/g;

/**
 * Folds full-width digits, ＋－（）, the ID check letter Ｘｘ and the ideographic space to ASCII,
 * one UTF-16 unit for one, so offsets found in the folded text are offsets in the original.
 */
export function foldFullWidth(text: string): string {
  return text.replace(FULL_WIDTH_RE, (c) =>
    c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

export function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** ASCII letter, digit or underscore: what `\w` matches. */
export function isWordCode(c: number): boolean {
  return isDigitCode(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

const NON_DIGIT_RE = /\D/g;

export function onlyDigits(s: string): string {
  return s.replace(NON_DIGIT_RE, '');
}

// GB/T 2260 province-level codes, the first two digits of an ID (83: Taiwan residents' residence
// permits).
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61,
  62, 63, 64, 65, 71, 81, 82, 83,
]);
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
// Check character code for each remainder of the weighted sum mod 11: 1 0 X 9 8 7 6 5 4 3 2.
const ID_CHECK = [49, 48, 88, 57, 56, 55, 54, 53, 52, 51, 50];
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1) return false;
  return day <= (month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0));
}

/**
 * A resident ID of 17 digits and a digit or X (separators between them are skipped): known
 * province, a real birth date in 1900–2099 and the GB 11643 (ISO 7064 MOD 11-2) check character.
 */
export function isValidCnId(id: string): boolean {
  let k = 0;
  let sum = 0;
  let head = 0; // digits 0–13: region (6), year (4), month (2), day (2)
  let check = -1;
  for (let i = 0; i < id.length; i++) {
    let c = id.charCodeAt(i);
    if (c === 120) c = 88; // x → X
    if (k === 17) {
      if (check !== -1 || (c !== 88 && !isDigitCode(c))) return false;
      check = c;
      continue;
    }
    if (c === 88) return false; // X only as the check character
    if (!isDigitCode(c)) continue;
    const d = c - 48;
    sum += d * (ID_WEIGHTS[k] ?? 0);
    if (k < 14) head = head * 10 + d;
    k++;
  }
  if (check === -1) return false;
  // head = RRRRRRYYYYMMDD as a number (< 2^53).
  const day = head % 100;
  const month = Math.floor(head / 100) % 100;
  const year = Math.floor(head / 10_000) % 10_000;
  const province = Math.floor(head / 1e12);
  return PROVINCES.has(province) && isRealDate(year, month, day) && ID_CHECK[sum % 11] === check;
}

/** Luhn (mod 10) over the digits of `number`; separators are skipped. */
export function isLuhnValid(number: string): boolean {
  let sum = 0;
  let isDoubled = false;
  for (let i = number.length - 1; i >= 0; i--) {
    const c = number.charCodeAt(i);
    if (!isDigitCode(c)) continue;
    let d = c - 48;
    if (isDoubled) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    isDoubled = !isDoubled;
  }
  return sum % 10 === 0;
}

/**
 * Whether the issuer prefix (IIN) of `number` (separators skipped) belongs to a card network
 * that serves Chinese or international customers, at one of that network's card lengths. Luhn
 * alone passes one random number in ten; this table keeps most order and tracking numbers out.
 */
export function hasCardIssuerPrefix(number: string): boolean {
  let n = 0;
  let p5 = 0;
  for (let i = 0; i < number.length; i++) {
    const c = number.charCodeAt(i);
    if (!isDigitCode(c)) continue;
    if (n < 5) p5 = p5 * 10 + c - 48;
    n++;
  }
  if (n < 13) return false;
  const p4 = Math.floor(p5 / 10);
  const p3 = Math.floor(p5 / 100);
  const p2 = Math.floor(p5 / 1000);
  // Visa at 16 only: legacy 13-digit and rare 19-digit Visas lose to courier waybills (韵达 13
  // digits from 43/46) and order numbers of those lengths, which pass Luhn one time in ten.
  if (p2 >= 40 && p2 <= 49) return n === 16; // Visa
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return n === 16; // Mastercard
  if (p2 === 34 || p2 === 37) return n === 15; // American Express
  if (p2 === 62) return n >= 16; // UnionPay
  if (p4 >= 3528 && p4 <= 3589) return n >= 16; // JCB
  if (p2 === 30 || p2 === 36 || p2 === 38 || p2 === 39) return n >= 14; // Diners Club
  if (p4 === 6011 || (p3 >= 644 && p3 <= 649) || p2 === 65) return n >= 16; // Discover
  // Legacy domestic debit cards still in use: ICBC 9558, Agricultural Bank of China 95599.
  if (p4 === 9558 || p5 === 95599) return n === 19;
  return false;
}

/** ITU-T E.164 country codes of one and two digits; every other code has three. */
const TWO_DIGIT_CC = new Set([
  20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 51, 52, 53, 54, 55, 56, 57, 58, 60,
  61, 62, 63, 64, 65, 66, 81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98,
]);

/** Length of the country code that starts `digits` (the digits after '+'). */
export function countryCodeLength(digits: string): number {
  if (digits[0] === '1' || digits[0] === '7') return 1;
  return TWO_DIGIT_CC.has(Number(digits.slice(0, 2))) ? 2 : 3;
}

export function countDigits(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (isDigitCode(s.charCodeAt(i))) n++;
  return n;
}
