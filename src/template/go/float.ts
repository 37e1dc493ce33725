/**
 * Go's strconv.FormatFloat for float64: shortest digits (what `%v` prints),
 * fixed precision with exact decimal expansion and round-half-even, and the
 * binary (`%b`) and hexadecimal (`%x`) forms.
 */

interface Decimal {
  /** Significant digits, no leading or trailing zeros ('' for zero). */
  d: string;
  /** Position of the decimal point relative to the start of d. */
  dp: number;
}

const float64View = new DataView(new ArrayBuffer(8));

function floatBits(v: number): { mant: bigint; exp: number } {
  float64View.setFloat64(0, v);
  const hi = float64View.getUint32(0);
  const lo = float64View.getUint32(4);
  const biasedExp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp: number;
  if (biasedExp === 0) {
    exp = -1074;
  } else {
    mant |= 1n << 52n;
    exp = biasedExp - 1075;
  }
  return { mant, exp }; // |v| = mant * 2^exp
}

/** Shortest digits that read back as v (v finite, positive or zero). */
function shortestDecimal(v: number): Decimal {
  if (v === 0) return { d: '', dp: 0 };
  const s = v.toExponential();
  const e = s.indexOf('e');
  const digits = s.charCodeAt(1) === 0x2e ? s[0]! + s.slice(2, e) : s.slice(0, e);
  return { d: digits, dp: Number(s.slice(e + 1)) + 1 };
}

/** All digits of v's exact binary value (v finite, positive or zero). */
const powersOfFive = new Map<number, bigint>();

function powerOfFive(k: number): bigint {
  let p = powersOfFive.get(k);
  if (p === undefined) {
    p = 5n ** BigInt(k);
    powersOfFive.set(k, p);
  }
  return p;
}

function exactDecimal(v: number): Decimal {
  if (v === 0) return { d: '', dp: 0 };
  if (Number.isInteger(v) && v < 2 ** 53) {
    const digits = String(v);
    let end = digits.length;
    while (end > 1 && digits.charCodeAt(end - 1) === 0x30) end--;
    return { d: digits.slice(0, end), dp: digits.length };
  }
  const { mant, exp } = floatBits(v);
  let digits: string;
  let dp: number;
  if (exp >= 0) {
    digits = (mant << BigInt(exp)).toString();
    dp = digits.length;
  } else {
    digits = (mant * powerOfFive(-exp)).toString();
    dp = digits.length + exp;
  }
  let end = digits.length;
  while (end > 0 && digits.charCodeAt(end - 1) === 0x30) end--;
  return { d: digits.slice(0, end), dp };
}

/** Rounds to nd digits, half to even on exact ties, as Go's decimal.Round. */
function roundDecimal(a: Decimal, nd: number): Decimal {
  if (nd < 0 || nd >= a.d.length) return a;
  const c = a.d.charCodeAt(nd);
  let up: boolean;
  if (c === 0x35 && nd + 1 === a.d.length) {
    up = nd > 0 && (a.d.charCodeAt(nd - 1) - 0x30) % 2 === 1;
  } else {
    up = c >= 0x35;
  }
  if (!up) {
    let end = nd;
    while (end > 0 && a.d.charCodeAt(end - 1) === 0x30) end--;
    return { d: a.d.slice(0, end), dp: a.dp };
  }
  let i = nd - 1;
  while (i >= 0 && a.d.charCodeAt(i) === 0x39) i--;
  if (i < 0) return { d: '1', dp: a.dp + 1 };
  return { d: a.d.slice(0, i) + String.fromCharCode(a.d.charCodeAt(i) + 1), dp: a.dp };
}

function formatE(neg: boolean, a: Decimal, prec: number, fmt: string): string {
  let s = neg ? '-' : '';
  s += a.d.length === 0 ? '0' : a.d[0];
  if (prec > 0) {
    s += '.';
    const m = Math.min(a.d.length, prec + 1);
    let i = 1;
    if (i < m) {
      s += a.d.slice(1, m);
      i = m;
    }
    for (; i <= prec; i++) s += '0';
  }
  s += fmt;
  let exp = a.d.length === 0 ? 0 : a.dp - 1;
  if (exp < 0) {
    s += '-';
    exp = -exp;
  } else s += '+';
  s += exp < 10 ? '0' + exp : String(exp);
  return s;
}

function formatF(neg: boolean, a: Decimal, prec: number): string {
  let s = neg ? '-' : '';
  if (a.dp > 0) {
    const m = Math.min(a.d.length, a.dp);
    s += a.d.slice(0, m);
    for (let k = m; k < a.dp; k++) s += '0';
  } else s += '0';
  if (prec > 0) {
    s += '.';
    for (let i = 1; i <= prec; i++) {
      const j = a.dp + i - 1;
      s += j >= 0 && j < a.d.length ? a.d[j] : '0';
    }
  }
  return s;
}

function formatHexFloat(v: number, neg: boolean, prec: number, upper: boolean): string {
  let { mant, exp } = floatBits(v);
  // Normalise so that the value is mant / 2^60 * 2^exp with the leading 1 at bit 60.
  exp += 52;
  if (mant === 0n) exp = 0;
  mant <<= 8n;
  const bit60 = 1n << 60n;
  while (mant !== 0n && (mant & bit60) === 0n) {
    mant <<= 1n;
    exp--;
  }
  if (prec >= 0 && prec < 15) {
    const shift = BigInt(prec * 4);
    const extra = (mant << shift) & (bit60 - 1n);
    mant >>= 60n - shift;
    if ((extra | (mant & 1n)) > 1n << 59n) mant++;
    mant <<= 60n - shift;
    if ((mant & (1n << 61n)) !== 0n) {
      mant >>= 1n;
      exp++;
    }
  }
  const digits = upper ? '0123456789ABCDEF' : '0123456789abcdef';
  let s = (neg ? '-' : '') + '0' + (upper ? 'X' : 'x') + String((mant >> 60n) & 1n);
  mant = (mant << 4n) & ((1n << 64n) - 1n);
  const top = (m: bigint) => Number((m >> 60n) & 15n);
  if (prec < 0 && mant !== 0n) {
    s += '.';
    while (mant !== 0n) {
      s += digits[top(mant)];
      mant = (mant << 4n) & ((1n << 64n) - 1n);
    }
  } else if (prec > 0) {
    s += '.';
    for (let i = 0; i < prec; i++) {
      s += digits[top(mant)];
      mant = (mant << 4n) & ((1n << 64n) - 1n);
    }
  }
  s += upper ? 'P' : 'p';
  if (exp < 0) {
    s += '-';
    exp = -exp;
  } else s += '+';
  s += exp < 10 ? '0' + exp : String(exp);
  return s;
}

/**
 * Go's strconv.FormatFloat(v, fmt, prec, 64) for fmt in b e E f g G x X
 * (prec -1 = the shortest representation that reads back exactly).
 */
export function formatFloat(v: number, fmt: string, prec: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  const neg = v < 0 || Object.is(v, -0);
  const abs = Math.abs(v);
  if (fmt === 'b') {
    const { mant, exp } = floatBits(abs);
    return `${neg ? '-' : ''}${mant}p${exp >= 0 ? '+' : ''}${exp}`;
  }
  if (fmt === 'x' || fmt === 'X') return formatHexFloat(abs, neg, prec, fmt === 'X');
  const shortest = prec < 0;
  let digs: Decimal;
  if (shortest) {
    digs = shortestDecimal(abs);
    switch (fmt) {
      case 'e':
      case 'E':
        prec = Math.max(digs.d.length - 1, 0);
        break;
      case 'f':
        prec = Math.max(digs.d.length - digs.dp, 0);
        break;
      default:
        prec = digs.d.length;
    }
  } else {
    const exact = exactDecimal(abs);
    switch (fmt) {
      case 'e':
      case 'E':
        digs = roundDecimal(exact, prec + 1);
        break;
      case 'f':
        digs = roundDecimal(exact, exact.dp + prec);
        break;
      default:
        if (prec === 0) prec = 1;
        digs = roundDecimal(exact, prec);
    }
  }
  switch (fmt) {
    case 'e':
    case 'E':
      return formatE(neg, digs, prec, fmt);
    case 'f':
      return formatF(neg, digs, prec);
    default: {
      let eprec = prec;
      if (eprec > digs.d.length && digs.d.length >= digs.dp) eprec = digs.d.length;
      if (shortest) eprec = 6;
      const exp = digs.dp - 1;
      if (exp < -4 || exp >= eprec) {
        if (prec > digs.d.length) prec = digs.d.length;
        return formatE(neg, digs, prec - 1, fmt === 'G' ? 'E' : 'e');
      }
      if (prec > digs.dp) prec = digs.d.length;
      return formatF(neg, digs, Math.max(prec - digs.dp, 0));
    }
  }
}

/** Go's `%v` of a float64 (strconv 'g' with the shortest digits, exponent from 1e+06 / below 1e-04). */
export function formatFloat64(v: number): string {
  // Between 1e-4 and 1e6 Go and JavaScript both print the shortest digits in plain notation.
  const abs = Math.abs(v);
  if (abs < 1e6 && (abs >= 1e-4 || abs === 0)) return Object.is(v, -0) ? '-0' : String(v);
  return formatFloat(v, 'g', -1);
}

