import type { PiiKind } from './pii.ts';
import { countryCodeLength, foldFullWidth, onlyDigits } from './pii-checks.ts';

const LANDLINE_PARTS = /^(?:\((0\d{2,3})\) ?|(0\d{2,3})[ -])([1-9]\d{2,3}[ -]?\d{4})(?:-\d{1,6})?$/;

// Masks show a fixed number of stars, so the output reveals neither the hidden digits nor how
// many there were.
function maskPhone(raw: string, digits: string): string {
  const last4 = digits.slice(-4);
  if (raw.startsWith('+')) return `+${digits.slice(0, countryCodeLength(digits))} ***-***-${last4}`;
  const landline = LANDLINE_PARTS.exec(raw);
  // The extension is dropped with the rest of the hidden digits.
  if (landline) return `${landline[1] ?? landline[2]}-****${onlyDigits(landline[3] ?? '').slice(-4)}`;
  return `***-***-${last4}`;
}

function maskEmail(raw: string): string {
  const at = raw.lastIndexOf('@');
  return at < 1 ? '***' : `${raw[0]}***${raw.slice(at)}`;
}

/**
 * The readable mask of one PII value: 138****5678, 110105********002X, ************1234,
 * j***@example.com, +1 ***-***-0132, 010-****5678.
 */
export function maskPii(kind: PiiKind, raw: string): string {
  if (kind === 'email') return maskEmail(raw);
  const folded = foldFullWidth(raw);
  const digits = onlyDigits(folded);
  switch (kind) {
    case 'mobile_cn': {
      const national = digits.slice(-11);
      return `${digits.length > 11 ? '+86 ' : ''}${national.slice(0, 3)}****${national.slice(7)}`;
    }
    case 'id_cn': {
      // The check character X is not a digit: keep the last four characters either way.
      const isCheckX = /[Xx]$/.test(folded);
      return `${digits.slice(0, 6)}********${isCheckX ? `${digits.slice(-3)}X` : digits.slice(-4)}`;
    }
    case 'bank_card':
      return `************${digits.slice(-4)}`;
    case 'phone':
      return maskPhone(folded, digits);
  }
}
