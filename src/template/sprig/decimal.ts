/**
 * Exact decimal arithmetic for Sprig's float math (`addf 1.1 2.2` is 3.3,
 * not 3.3000000000000003): each float64 operand becomes the decimal its
 * shortest representation spells, the operation is exact (division rounds
 * half away from zero at 16 decimal places), and the result is read back
 * as the nearest float64.
 */

import { fail } from './define.ts';

/** coefficient × 10^exponent */
export class Decimal {
  constructor(
    readonly coefficient: bigint,
    readonly exponent: number,
  ) {}

  /** The decimal spelled by the shortest round-tripping representation of `f`. */
  static fromFloat(f: number): Decimal {
    if (Number.isNaN(f)) fail('Cannot create a Decimal from NaN');
    if (!Number.isFinite(f)) fail(`Cannot create a Decimal from ${f > 0 ? '+Inf' : '-Inf'}`);
    const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(f));
    if (!m) return new Decimal(0n, 0);
    const frac = m[3] ?? '';
    const exp = Number(m[4] ?? '0') - frac.length;
    const coef = BigInt(m[2]! + frac);
    return new Decimal(m[1] === '-' ? -coef : coef, exp);
  }

  private align(other: Decimal): [bigint, bigint, number] {
    const e = Math.min(this.exponent, other.exponent);
    return [this.coefficient * 10n ** BigInt(this.exponent - e), other.coefficient * 10n ** BigInt(other.exponent - e), e];
  }

  add(other: Decimal): Decimal {
    const [a, b, e] = this.align(other);
    return new Decimal(a + b, e);
  }

  sub(other: Decimal): Decimal {
    const [a, b, e] = this.align(other);
    return new Decimal(a - b, e);
  }

  mul(other: Decimal): Decimal {
    return new Decimal(this.coefficient * other.coefficient, this.exponent + other.exponent);
  }

  /** Quotient rounded half away from zero to `places` decimal places. */
  div(other: Decimal, places = 16): Decimal {
    if (other.coefficient === 0n) fail('decimal division by zero');
    // this / other = (a × 10^ea) / (b × 10^eb); scale so the quotient has `places` fractional digits.
    const shift = places + this.exponent - other.exponent;
    let num = this.coefficient;
    let den = other.coefficient;
    if (shift >= 0) num *= 10n ** BigInt(shift);
    else den *= 10n ** BigInt(-shift);
    const negative = num < 0n !== den < 0n;
    const an = num < 0n ? -num : num;
    const ad = den < 0n ? -den : den;
    let q = an / ad;
    const r = an % ad;
    if (2n * r >= ad) q += 1n;
    return new Decimal(negative ? -q : q, -places);
  }

  /** Nearest float64. */
  toFloat(): number {
    return Number(`${this.coefficient}e${this.exponent}`);
  }
}
