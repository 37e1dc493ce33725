/**
 * How the text-only formats (properties, ini) type a plain value the way a
 * config author means it:
 *
 * - `true` / `false` → boolean (exactly these spellings);
 * - a decimal integer without leading zeros (`0`, `8080`, `-5`) → number, or
 *   bigint with `bigIntegers`; an integer too large to be exact as a number
 *   stays text unless `bigIntegers` is on, so no digit is silently lost;
 * - a decimal number (`1.5`, `-0.25`, `2e3`, `1.5E-3`) → number;
 * - everything else, `null` and numbers with leading zeros (`007`) or a `+`
 *   sign included → the text itself.
 */

const INTEGER = /^-?(?:0|[1-9][0-9]*)$/;
const DECIMAL = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

/** The typed value of a plain (unquoted) text value. */
export function typedScalar(text: string, bigIntegers: boolean): string | number | bigint | boolean {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (INTEGER.test(text)) {
    if (bigIntegers) return BigInt(text);
    const n = Number(text);
    return Number.isSafeInteger(n) ? n : text;
  }
  if (DECIMAL.test(text)) {
    const n = Number(text);
    if (Number.isFinite(n)) return n;
  }
  return text;
}
