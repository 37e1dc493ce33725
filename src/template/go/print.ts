/**
 * Go value formatting: what `{{ x }}`, `print`, `println` and `printf` write.
 *
 * Values follow the representation in values.ts. The rules are those of Go's
 * fmt package: `%v` of a float64 is the shortest 'g' form with the exponent
 * switch at 1e-4 / 1e+21 replaced by 1e-4 / 1e+6 (so 1000000 prints `1e+06`),
 * maps print as `map[k:v …]` with sorted keys, lists as `[a b]`, nil as
 * `<nil>`, and a verb that does not fit its operand prints as
 * `%!verb(type=value)`.
 */
import { formatFloat, formatFloat64 } from './float.ts';
import { canBackquote, goQuote, goQuoteASCII, goQuoteRune, isPrintRune, runeCount, sortedKeys } from './quote.ts';
import { GoComplex, GoInt, goListType, goMapType, isGoValue, type GoList, type GoValue, type GoValueExtras } from './values.ts';

export { formatFloat, formatFloat64 } from './float.ts';
export { compareGoStrings, goQuote, goQuoteASCII, goQuoteRune, isPrintRune, runeCount, sortedKeys, utf8Length } from './quote.ts';

const encoder = new TextEncoder();
const hexDigitsLower = '0123456789abcdef';

// ---------------------------------------------------------------------------
// Types and truth

/** The Go type name of a value, as `%T` prints it (`float64`, `[]interface {}`, `<nil>` …). */
export function goTypeName(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
      return 'float64';
    case 'bigint':
      return 'int';
    case 'undefined':
      return '<nil>';
    case 'function':
      return 'func(...interface {}) (interface {}, error)';
    case 'object': {
      if (v === null) return '<nil>';
      if (v instanceof GoInt) return v.kind;
      if (Array.isArray(v)) {
        const elem = (v as GoList)[goListType];
        return elem === undefined ? '[]interface {}' : `[]${elem}`;
      }
      if (v instanceof Uint8Array) return '[]uint8';
      if (v instanceof GoComplex) return 'complex128';
      if (isGoValue(v)) return v.goType();
      return `map[string]${(v as { [goMapType]?: string })[goMapType] ?? 'interface {}'}`;
    }
    default:
      return 'interface {}';
  }
}

/**
 * Go template truth: false for false, zero numbers, empty strings, lists and
 * maps, nil and "no value"; true for everything else (structs always).
 */
export function isTrue(v: unknown): boolean {
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'string':
      return v.length > 0;
    case 'number':
      return v !== 0;
    case 'bigint':
      return v !== 0n;
    case 'undefined':
      return false;
    case 'function':
      return true;
    case 'object': {
      if (v === null) return false;
      if (Array.isArray(v)) return v.length > 0;
      if (v instanceof GoInt) return v.value !== 0n;
      if (v instanceof Uint8Array) return v.length > 0;
      if (v instanceof GoComplex) return v.re !== 0 || v.im !== 0;
      if (isGoValue(v)) {
        const extras = v as GoValue & GoValueExtras;
        return typeof extras.goTruth === 'function' ? extras.goTruth() : true;
      }
      for (const _ in v) return true;
      return false;
    }
    default:
      return true;
  }
}

// ---------------------------------------------------------------------------
// The printer: one formatting run of print / println / printf

type Verb = string;

class Printer {
  buf = '';
  // fmt flags
  wid = 0;
  prec = 0;
  widPresent = false;
  precPresent = false;
  minus = false;
  plus = false;
  sharp = false;
  space = false;
  zero = false;
  plusV = false;
  sharpV = false;
  /** Set while printing the operand of a bad verb, so String methods are not used. */
  erroring = false;

  clearFlags(): void {
    this.wid = 0;
    this.prec = 0;
    this.widPresent = false;
    this.precPresent = false;
    this.minus = false;
    this.plus = false;
    this.sharp = false;
    this.space = false;
    this.zero = false;
    this.plusV = false;
    this.sharpV = false;
  }

  // -- padding

  private padding(n: number): string {
    if (n <= 0) return '';
    return (this.zero && !this.minus ? '0' : ' ').repeat(n);
  }

  padString(s: string): void {
    if (!this.widPresent || this.wid === 0) {
      this.buf += s;
      return;
    }
    const width = this.wid - runeCount(s);
    if (!this.minus) this.buf += this.padding(width) + s;
    else this.buf += s + this.padding(width);
  }

  // -- basic kinds

  fmtBoolean(v: boolean): void {
    this.padString(v ? 'true' : 'false');
  }

  fmtInteger(value: bigint, base: number, signed: boolean, verb: Verb, upper: boolean): void {
    const negative = signed && value < 0n;
    let u = negative ? -value : value;
    if (!signed && u < 0n) u = BigInt.asUintN(64, u);
    let prec = 0;
    if (this.precPresent) {
      prec = this.prec;
      if (prec === 0 && u === 0n) {
        const oldZero = this.zero;
        this.zero = false;
        this.buf += this.padding(this.wid);
        this.zero = oldZero;
        return;
      }
    } else if (this.zero && !this.minus && this.widPresent) {
      prec = this.wid;
      if (negative || this.plus || this.space) prec--;
    }
    let digits = u.toString(base);
    if (upper) digits = digits.toUpperCase();
    if (digits.length < prec) digits = '0'.repeat(prec - digits.length) + digits;
    if (this.sharp) {
      if (base === 2) digits = '0b' + digits;
      else if (base === 8) {
        if (digits[0] !== '0') digits = '0' + digits;
      } else if (base === 16) digits = (upper ? '0X' : '0x') + digits;
    }
    if (verb === 'O') digits = '0o' + digits;
    if (negative) digits = '-' + digits;
    else if (this.plus) digits = '+' + digits;
    else if (this.space) digits = ' ' + digits;
    const oldZero = this.zero;
    this.zero = false;
    this.padString(digits);
    this.zero = oldZero;
  }

  fmtUnicode(u: bigint): void {
    let prec = 4;
    if (this.precPresent && this.prec > 4) prec = this.prec;
    let s = 'U+' + BigInt.asUintN(64, u).toString(16).toUpperCase().padStart(prec, '0');
    if (this.sharp && u >= 0n && u <= 0x10ffffn && isPrintRune(Number(u))) {
      s += " '" + String.fromCodePoint(Number(u)) + "'";
    }
    const oldZero = this.zero;
    this.zero = false;
    this.padString(s);
    this.zero = oldZero;
  }

  fmtC(c: bigint): void {
    let r = c < 0n || c > 0x10ffffn ? 0xfffd : Number(c);
    if (r >= 0xd800 && r <= 0xdfff) r = 0xfffd;
    this.padString(String.fromCodePoint(r));
  }

  fmtQc(c: bigint): void {
    const r = c < 0n || c > 0x10ffffn ? 0xfffd : Number(c);
    this.padString(goQuoteRune(r, this.plus));
  }

  fmtS(s: string): void {
    this.padString(this.truncate(s));
  }

  truncate(s: string): string {
    if (!this.precPresent) return s;
    let n = this.prec;
    for (let i = 0; i < s.length; i++) {
      if (n-- <= 0) return s.slice(0, i);
      const c = s.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) i++;
    }
    return s;
  }

  fmtSbx(bytes: Uint8Array, upper: boolean): void {
    const digits = upper ? '0123456789ABCDEF' : hexDigitsLower;
    let length = bytes.length;
    if (this.precPresent && this.prec < length) length = this.prec;
    let width = 2 * length;
    if (width > 0) {
      if (this.space) {
        if (this.sharp) width *= 2;
        width += length - 1;
      } else if (this.sharp) width += 2;
    } else {
      if (this.widPresent) this.buf += this.padding(this.wid);
      return;
    }
    if (this.widPresent && this.wid > width && !this.minus) this.buf += this.padding(this.wid - width);
    let s = '';
    const prefix = upper ? '0X' : '0x';
    if (this.sharp) s += prefix;
    for (let i = 0; i < length; i++) {
      if (this.space && i > 0) {
        s += ' ';
        if (this.sharp) s += prefix;
      }
      const c = bytes[i]!;
      s += digits[c >> 4]! + digits[c & 15]!;
    }
    this.buf += s;
    if (this.widPresent && this.wid > width && this.minus) this.buf += this.padding(this.wid - width);
  }

  fmtQ(s: string): void {
    s = this.truncate(s);
    if (this.sharp && canBackquote(s)) {
      this.padString('`' + s + '`');
      return;
    }
    this.padString(this.plus ? goQuoteASCII(s) : goQuote(s));
  }

  fmtFloatValue(v: number, verb: string, prec: number): void {
    if (this.precPresent) prec = this.prec;
    let num = formatFloat(v, verb, prec);
    let sign: string;
    if (num[0] === '-' || num[0] === '+') {
      sign = num[0];
      num = num.slice(1);
    } else sign = '+';
    if (this.space && sign === '+' && !this.plus) sign = ' ';
    if (num[0] === 'I' || num[0] === 'N') {
      const oldZero = this.zero;
      this.zero = false;
      if (num[0] === 'N' && !this.space && !this.plus) this.padString(num);
      else this.padString(sign + num);
      this.zero = oldZero;
      return;
    }
    if (this.sharp && verb !== 'b') {
      let digits = 0;
      if (verb === 'v' || verb === 'g' || verb === 'G' || verb === 'x') {
        digits = prec;
        if (digits === -1) digits = 6;
      }
      let tail = '';
      let body = num;
      let hasDecimalPoint = false;
      let sawNonzeroDigit = false;
      for (let i = 0; i < body.length; i++) {
        const ch = body[i]!;
        if (ch === '.') {
          hasDecimalPoint = true;
        } else if (ch === 'p' || ch === 'P' || ((ch === 'e' || ch === 'E') && verb !== 'x' && verb !== 'X')) {
          tail = body.slice(i);
          body = body.slice(0, i);
          break;
        } else {
          if (ch !== '0') sawNonzeroDigit = true;
          if (sawNonzeroDigit) digits--;
        }
      }
      if (!hasDecimalPoint) {
        if (body === '0') digits--;
        body += '.';
      }
      while (digits > 0) {
        body += '0';
        digits--;
      }
      num = body + tail;
    }
    if (this.plus || sign !== '+') {
      if (this.zero && !this.minus && this.widPresent && this.wid > num.length + 1) {
        this.buf += sign + this.padding(this.wid - num.length - 1) + num;
        return;
      }
      this.padString(sign + num);
      return;
    }
    this.padString(num);
  }

  // -- verbs by operand kind

  badVerb(verb: Verb, arg: unknown): void {
    this.erroring = true;
    this.buf += '%!' + verb + '(';
    if (arg === null || arg === undefined) {
      this.buf += '<nil>';
    } else {
      this.buf += goTypeName(arg) + '=';
      this.printArg(arg, 'v');
    }
    this.buf += ')';
    this.erroring = false;
  }

  fmtBool(v: boolean, verb: Verb): void {
    if (verb === 't' || verb === 'v') this.fmtBoolean(v);
    else this.badVerb(verb, v);
  }

  fmtIntegerVerb(v: bigint, signed: boolean, verb: Verb, arg: unknown): void {
    switch (verb) {
      case 'v':
        if (this.sharpV && !signed) {
          const sharp = this.sharp;
          this.sharp = true;
          this.fmtInteger(v, 16, false, 'v', false);
          this.sharp = sharp;
        } else this.fmtInteger(v, 10, signed, verb, false);
        return;
      case 'd':
        this.fmtInteger(v, 10, signed, verb, false);
        return;
      case 'b':
        this.fmtInteger(v, 2, signed, verb, false);
        return;
      case 'o':
      case 'O':
        this.fmtInteger(v, 8, signed, verb, false);
        return;
      case 'x':
        this.fmtInteger(v, 16, signed, verb, false);
        return;
      case 'X':
        this.fmtInteger(v, 16, signed, verb, true);
        return;
      case 'c':
        this.fmtC(signed ? v : BigInt.asUintN(64, v));
        return;
      case 'q':
        this.fmtQc(v);
        return;
      case 'U':
        this.fmtUnicode(v);
        return;
      default:
        this.badVerb(verb, arg);
    }
  }

  fmtFloatVerb(v: number, verb: Verb): void {
    switch (verb) {
      case 'v':
        this.fmtFloatValue(v, 'g', -1);
        return;
      case 'b':
      case 'g':
      case 'G':
      case 'x':
      case 'X':
        this.fmtFloatValue(v, verb, -1);
        return;
      case 'f':
      case 'e':
      case 'E':
        this.fmtFloatValue(v, verb, 6);
        return;
      case 'F':
        this.fmtFloatValue(v, 'f', 6);
        return;
      default:
        this.badVerb(verb, v);
    }
  }

  fmtComplex(v: GoComplex, verb: Verb): void {
    switch (verb) {
      case 'v':
      case 'b':
      case 'g':
      case 'G':
      case 'x':
      case 'X':
      case 'f':
      case 'F':
      case 'e':
      case 'E': {
        const oldPlus = this.plus;
        this.buf += '(';
        this.fmtFloatVerb(v.re, verb);
        this.plus = true;
        this.fmtFloatVerb(v.im, verb);
        this.buf += 'i)';
        this.plus = oldPlus;
        return;
      }
      default:
        this.badVerb(verb, v);
    }
  }

  fmtString(v: string, verb: Verb): void {
    switch (verb) {
      case 'v':
        if (this.sharpV) this.fmtQ(v);
        else this.fmtS(v);
        return;
      case 's':
        this.fmtS(v);
        return;
      case 'x':
        this.fmtSbx(encoder.encode(v), false);
        return;
      case 'X':
        this.fmtSbx(encoder.encode(v), true);
        return;
      case 'q':
        this.fmtQ(v);
        return;
      default:
        this.badVerb(verb, v);
    }
  }

  fmtBytes(v: Uint8Array, verb: Verb): void {
    switch (verb) {
      case 'v':
      case 'd': {
        if (this.sharpV) {
          this.buf += '[]byte{';
          for (let i = 0; i < v.length; i++) {
            if (i > 0) this.buf += ', ';
            this.buf += '0x' + v[i]!.toString(16);
          }
          this.buf += '}';
        } else {
          this.buf += '[';
          for (let i = 0; i < v.length; i++) {
            if (i > 0) this.buf += ' ';
            this.fmtInteger(BigInt(v[i]!), 10, false, verb, false);
          }
          this.buf += ']';
        }
        return;
      }
      case 's':
        this.padString(this.truncate(new TextDecoder().decode(v)));
        return;
      case 'x':
        this.fmtSbx(this.precPresent ? v.subarray(0, this.prec) : v, false);
        return;
      case 'X':
        this.fmtSbx(this.precPresent ? v.subarray(0, this.prec) : v, true);
        return;
      case 'q':
        this.fmtQ(new TextDecoder().decode(v));
        return;
      default:
        this.printList(Array.from(v, (b) => new GoInt('uint8', BigInt(b))), verb, 1, '[]uint8');
    }
  }

  /** Uses the value's String/Error method for the verbs that accept a string. */
  handleMethods(v: GoValue, verb: Verb): boolean {
    if (this.erroring) return false;
    if (this.sharpV) return false;
    switch (verb) {
      case 'v':
      case 's':
      case 'x':
      case 'X':
      case 'q':
        this.fmtString(v.goString(), verb);
        return true;
    }
    return false;
  }

  printArg(arg: unknown, verb: Verb): void {
    if (arg === null || arg === undefined) {
      if (verb === 'T' || verb === 'v') this.padString('<nil>');
      else this.badVerb(verb, arg);
      return;
    }
    if (verb === 'T') {
      this.fmtS(goTypeName(arg));
      return;
    }
    if (verb === 'p') {
      this.badVerb(verb, arg);
      return;
    }
    this.printValue(arg, verb, 0);
  }

  printValue(v: unknown, verb: Verb, depth: number): void {
    switch (typeof v) {
      case 'string':
        this.fmtString(v, verb);
        return;
      case 'number':
        this.fmtFloatVerb(v, verb);
        return;
      case 'bigint':
        this.fmtIntegerVerb(v, true, verb, v);
        return;
      case 'boolean':
        this.fmtBool(v, verb);
        return;
      case 'undefined':
        // A nil element inside a list or map.
        this.buf += this.sharpV ? 'interface {}(nil)' : '<nil>';
        return;
      case 'function':
        this.badVerb(verb, v);
        return;
    }
    if (v === null) {
      this.buf += this.sharpV ? 'interface {}(nil)' : '<nil>';
      return;
    }
    if (v instanceof GoInt) {
      this.fmtIntegerVerb(v.value, v.kind[0] !== 'u', verb, v);
      return;
    }
    if (Array.isArray(v)) {
      this.printList(v, verb, depth, goTypeName(v));
      return;
    }
    if (v instanceof Uint8Array) {
      this.fmtBytes(v, verb);
      return;
    }
    if (v instanceof GoComplex) {
      this.fmtComplex(v, verb);
      return;
    }
    if (isGoValue(v)) {
      if (this.erroring) {
        // The operand of a bad verb: its text, without going through the verb again.
        this.buf += v.goString();
        return;
      }
      if (!this.handleMethods(v, verb)) {
        if (this.sharpV) this.buf += v.goString();
        else this.badVerb(verb, v);
      }
      return;
    }
    this.printMap(v as Record<string, unknown>, verb, depth);
  }

  printList(list: readonly unknown[], verb: Verb, depth: number, typeName: string): void {
    if (this.sharpV) {
      this.buf += typeName + '{';
      for (let i = 0; i < list.length; i++) {
        if (i > 0) this.buf += ', ';
        this.printValue(list[i], verb, depth + 1);
      }
      this.buf += '}';
      return;
    }
    this.buf += '[';
    for (let i = 0; i < list.length; i++) {
      if (i > 0) this.buf += ' ';
      this.printValue(list[i], verb, depth + 1);
    }
    this.buf += ']';
  }

  printMap(m: Record<string, unknown>, verb: Verb, depth: number): void {
    const keys = sortedKeys(m);
    this.buf += this.sharpV ? 'map[string]interface {}{' : 'map[';
    for (let i = 0; i < keys.length; i++) {
      if (i > 0) this.buf += this.sharpV ? ', ' : ' ';
      const k = keys[i]!;
      this.printValue(k, verb, depth + 1);
      this.buf += ':';
      this.printValue(m[k], verb, depth + 1);
    }
    this.buf += this.sharpV ? '}' : ']';
  }

  // -- printf

  doPrintf(format: string, args: readonly unknown[]): void {
    const end = format.length;
    let argNum = 0;
    let afterIndex = false;
    let reordered = false;
    let goodArgNum = true;

    const argNumber = (i: number): { i: number; found: boolean } => {
      if (i >= end || format[i] !== '[') return { i, found: false };
      reordered = true;
      // parse [n]
      let close = -1;
      for (let k = i + 1; k < end; k++) {
        if (format[k] === ']') {
          close = k;
          break;
        }
      }
      if (format.length - i < 3 || close < 0) {
        goodArgNum = false;
        return { i: i + 1, found: false };
      }
      const { num, isNum, next } = parseNum(format, i + 1, close);
      if (!isNum || next !== close) {
        goodArgNum = false;
        return { i: close + 1, found: false };
      }
      const index = num - 1;
      if (index >= 0 && index < args.length) {
        argNum = index;
        return { i: close + 1, found: true };
      }
      goodArgNum = false;
      return { i: close + 1, found: true };
    };

    let i = 0;
    formatLoop: while (i < end) {
      goodArgNum = true;
      const lasti = i;
      while (i < end && format.charCodeAt(i) !== 0x25) i++;
      if (i > lasti) this.buf += format.slice(lasti, i);
      if (i >= end) break;
      i++; // skip %
      this.clearFlags();
      simpleFormat: for (; i < end; i++) {
        const c = format[i]!;
        switch (c) {
          case '#':
            this.sharp = true;
            break;
          case '0':
            this.zero = true;
            break;
          case '+':
            this.plus = true;
            break;
          case '-':
            this.minus = true;
            break;
          case ' ':
            this.space = true;
            break;
          default:
            if (c >= 'a' && c <= 'z' && argNum < args.length) {
              if (c === 'v') {
                this.sharpV = this.sharp;
                this.sharp = false;
                this.plusV = this.plus;
                this.plus = false;
              }
              this.printArg(args[argNum], c);
              argNum++;
              i++;
              continue formatLoop;
            }
            break simpleFormat;
        }
      }

      // Argument index?
      let r = argNumber(i);
      i = r.i;
      afterIndex = r.found;

      // Width
      if (i < end && format[i] === '*') {
        i++;
        const w = intFromArg(args, argNum);
        this.wid = w.num;
        this.widPresent = w.isInt;
        argNum = w.next;
        if (!this.widPresent) this.buf += '%!(BADWIDTH)';
        if (this.wid < 0) {
          this.wid = -this.wid;
          this.minus = true;
          this.zero = false;
        }
        afterIndex = false;
      } else {
        const w = parseNum(format, i, end);
        this.wid = w.num;
        this.widPresent = w.isNum;
        i = w.next;
        if (afterIndex && this.widPresent) goodArgNum = false;
      }

      // Precision
      if (i + 1 < end && format[i] === '.') {
        i++;
        if (afterIndex) goodArgNum = false;
        r = argNumber(i);
        i = r.i;
        afterIndex = r.found;
        if (i < end && format[i] === '*') {
          i++;
          const p = intFromArg(args, argNum);
          this.prec = p.num;
          this.precPresent = p.isInt;
          argNum = p.next;
          if (this.prec < 0) {
            this.prec = 0;
            this.precPresent = false;
          }
          if (!this.precPresent) this.buf += '%!(BADPREC)';
          afterIndex = false;
        } else {
          const p = parseNum(format, i, end);
          this.prec = p.num;
          this.precPresent = p.isNum;
          i = p.next;
          if (!this.precPresent) {
            this.prec = 0;
            this.precPresent = true;
          }
        }
      }

      if (!afterIndex) {
        r = argNumber(i);
        i = r.i;
        afterIndex = r.found;
      }

      if (i >= end) {
        this.buf += '%!(NOVERB)';
        break;
      }

      const cp = format.codePointAt(i)!;
      const verb = String.fromCodePoint(cp);
      i += verb.length;

      if (verb === '%') {
        this.buf += '%';
      } else if (!goodArgNum) {
        this.buf += '%!' + verb + '(BADINDEX)';
      } else if (argNum >= args.length) {
        this.buf += '%!' + verb + '(MISSING)';
      } else {
        if (verb === 'v') {
          this.sharpV = this.sharp;
          this.sharp = false;
          this.plusV = this.plus;
          this.plus = false;
        }
        this.printArg(args[argNum], verb);
        argNum++;
      }
    }

    if (!reordered && argNum < args.length) {
      this.clearFlags();
      this.buf += '%!(EXTRA ';
      for (let k = argNum; k < args.length; k++) {
        if (k > argNum) this.buf += ', ';
        const arg = args[k];
        if (arg === null || arg === undefined) this.buf += '<nil>';
        else {
          this.buf += goTypeName(arg) + '=';
          this.printArg(arg, 'v');
        }
      }
      this.buf += ')';
    }
  }
}

function parseNum(s: string, start: number, end: number): { num: number; isNum: boolean; next: number } {
  if (start >= end) return { num: 0, isNum: false, next: end };
  let num = 0;
  let isNum = false;
  let i = start;
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) break;
    if (num > 1e6 || num < -1e6) return { num: 0, isNum: false, next: end };
    num = num * 10 + (c - 0x30);
    isNum = true;
  }
  return { num, isNum, next: i };
}

function intFromArg(args: readonly unknown[], argNum: number): { num: number; isInt: boolean; next: number } {
  if (argNum >= args.length) return { num: 0, isInt: false, next: argNum };
  const a = args[argNum];
  let num = 0;
  let isInt = false;
  if (typeof a === 'bigint') {
    num = Number(a);
    isInt = true;
  } else if (a instanceof GoInt) {
    num = Number(a.value);
    isInt = true;
  }
  if (num > 1e6 || num < -1e6) {
    num = 0;
    isInt = false;
  }
  return { num, isInt, next: argNum + 1 };
}

// ---------------------------------------------------------------------------
// Public entry points

/** Go's `%v` of a value (nil and "no value" both print `<nil>`, as fmt does). */
export function formatValue(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
      return formatFloat64(v);
    case 'bigint':
      return v.toString();
    case 'boolean':
      return v ? 'true' : 'false';
    case 'undefined':
      return '<nil>';
  }
  if (v === null) return '<nil>';
  if (v instanceof GoInt) return v.value.toString();
  const p = new Printer();
  p.printArg(v, 'v');
  return p.buf;
}

/** Go's fmt.Sprint: operands formatted with `%v`, a space between two operands when neither is a string. */
export function goSprint(...args: unknown[]): string {
  let out = '';
  let prevString = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const isString = typeof arg === 'string';
    if (i > 0 && !isString && !prevString) out += ' ';
    out += formatValue(arg);
    prevString = isString;
  }
  return out;
}

/** Go's fmt.Sprintln: operands formatted with `%v`, always space-separated, newline at the end. */
export function goSprintln(...args: unknown[]): string {
  let out = '';
  for (let i = 0; i < args.length; i++) {
    if (i > 0) out += ' ';
    out += formatValue(args[i]);
  }
  return out + '\n';
}

const printerPool: Printer[] = [];

/** Go's fmt.Sprintf, with all of its verbs, flags, argument indexes and error forms. */
export function goSprintf(format: string, ...args: unknown[]): string {
  const p = printerPool.pop() ?? new Printer();
  p.buf = '';
  p.erroring = false;
  try {
    p.doPrintf(format, args);
    return p.buf;
  } finally {
    p.buf = '';
    printerPool.push(p);
  }
}
