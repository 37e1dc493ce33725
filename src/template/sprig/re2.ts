/**
 * Go's regular expression syntax (RE2, as regexp.Compile accepts it),
 * parsed with Go's rules and error messages and translated to an equivalent
 * JS RegExp. What Go rejects (backreferences, lookaround, possessive or
 * stacked quantifiers, …) is rejected here with Go's message; what Go means
 * differently from JS (`\s`, `\w`, `\b` are ASCII; `^`/`$` only see `\n`;
 * inline flags can change mid-pattern) is spelled out explicitly.
 */

/** A pattern Go would refuse, with Go's error text. */
export class RegexpSyntaxError extends Error {
  override name = 'RegexpSyntaxError';
  constructor(code: string, expr: string) {
    super(`error parsing regexp: ${code}: \`${expr}\``);
  }
}

const ERR = {
  invalidCharClass: 'invalid character class',
  invalidCharRange: 'invalid character class range',
  invalidEscape: 'invalid escape sequence',
  invalidNamedCapture: 'invalid named capture',
  invalidPerlOp: 'invalid or unsupported Perl syntax',
  invalidRepeatOp: 'invalid nested repetition operator',
  invalidRepeatSize: 'invalid repeat count',
  missingBracket: 'missing closing ]',
  missingParen: 'missing closing )',
  missingRepeatArgument: 'missing argument to repetition operator',
  trailingBackslash: 'trailing backslash at end of expression',
  unexpectedParen: 'unexpected )',
  nestingDepth: 'expression nests too deeply',
};

interface Flags {
  fold: boolean;
  multiLine: boolean;
  dotNL: boolean;
  nonGreedy: boolean;
}

/** A set of code point ranges (inclusive), possibly negated when emitted. */
type Ranges = Array<[number, number]>;

type Node =
  | { kind: 'literal'; cp: number; fold: boolean }
  | { kind: 'class'; ranges: Ranges; props: string[]; negated: boolean; fold: boolean }
  | { kind: 'any'; dotNL: boolean }
  | { kind: 'assert'; which: 'bol' | 'eol' | 'bot' | 'eot' | 'word' | 'nonword' }
  | { kind: 'group'; capture: number | null; body: Node }
  | { kind: 'concat'; items: Node[] }
  | { kind: 'alt'; items: Node[] }
  | { kind: 'repeat'; body: Node; min: number; max: number; greedy: boolean }
  | { kind: 'empty' };

const PERL: Record<string, Ranges> = {
  d: [[0x30, 0x39]],
  s: [[0x09, 0x0a], [0x0c, 0x0d], [0x20, 0x20]],
  w: [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]],
};

const POSIX: Record<string, Ranges> = {
  alnum: [[0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a]],
  alpha: [[0x41, 0x5a], [0x61, 0x7a]],
  ascii: [[0x00, 0x7f]],
  blank: [[0x09, 0x09], [0x20, 0x20]],
  cntrl: [[0x00, 0x1f], [0x7f, 0x7f]],
  digit: [[0x30, 0x39]],
  graph: [[0x21, 0x7e]],
  lower: [[0x61, 0x7a]],
  print: [[0x20, 0x7e]],
  punct: [[0x21, 0x2f], [0x3a, 0x40], [0x5b, 0x60], [0x7b, 0x7e]],
  space: [[0x09, 0x0d], [0x20, 0x20]],
  upper: [[0x41, 0x5a]],
  word: [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]],
  xdigit: [[0x30, 0x39], [0x41, 0x46], [0x61, 0x66]],
};

const MAX_CP = 0x10ffff;

function negate(r: Ranges): Ranges {
  const sorted = normalize(r);
  const out: Ranges = [];
  let next = 0;
  for (const [a, b] of sorted) {
    if (a > next) out.push([next, a - 1]);
    next = b + 1;
  }
  if (next <= MAX_CP) out.push([next, MAX_CP]);
  return out;
}

function normalize(r: Ranges): Ranges {
  const sorted = [...r].sort((x, y) => x[0] - y[0]);
  const out: Ranges = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** Case variants of a code point (the other cases, and the few extra characters that fold to it). */
function caseVariants(cp: number): number[] {
  const ch = String.fromCodePoint(cp);
  const set = new Set<number>([cp]);
  for (const v of [ch.toLowerCase(), ch.toUpperCase()]) {
    const c = v.codePointAt(0)!;
    if (v.length === String.fromCodePoint(c).length) set.add(c);
  }
  const extra: Record<number, number[]> = { 0x6b: [0x212a], 0x4b: [0x212a], 0x212a: [0x6b, 0x4b], 0x73: [0x17f], 0x53: [0x17f], 0x17f: [0x73, 0x53] };
  for (const e of extra[cp] ?? []) set.add(e);
  return [...set];
}

/** Adds the case variants of every code point in `r` (large non-letter spans are left as they are). */
function foldRanges(r: Ranges): Ranges {
  const out: Ranges = [...r];
  for (const [a, b] of r) {
    if (b - a > 20000) continue;
    for (let c = a; c <= b; c++) for (const v of caseVariants(c)) if (v !== c) out.push([v, v]);
  }
  return normalize(out);
}

const isAlnum = (c: string): boolean => /^[0-9A-Za-z]$/.test(c);

/** Parsed pattern: the tree, capture names by index, and whether case folding applies everywhere. */
export interface ParsedRegexp {
  root: Node;
  names: Array<string | null>;
}

class Parser {
  private pos = 0;
  private flags: Flags = { fold: false, multiLine: false, dotNL: false, nonGreedy: false };
  private captures = 0;
  readonly names: Array<string | null> = [null];
  private depth = 0;

  constructor(private readonly src: string) {}

  private peek(k = 0): string | undefined {
    return this.src[this.pos + k];
  }

  /** The code point at the current position (as a string) and its length in UTF-16 units. */
  private cpAt(i = this.pos): string {
    const cp = this.src.codePointAt(i);
    return cp === undefined ? '' : String.fromCodePoint(cp);
  }

  parse(): ParsedRegexp {
    const root = this.alternation(true);
    if (this.pos < this.src.length) throw new RegexpSyntaxError(ERR.unexpectedParen, this.src);
    return { root, names: this.names };
  }

  private alternation(top: boolean): Node {
    const branches: Node[] = [this.concatenation()];
    while (this.peek() === '|') {
      this.pos++;
      branches.push(this.concatenation());
    }
    if (!top && this.peek() !== ')') throw new RegexpSyntaxError(ERR.missingParen, this.src);
    if (top && this.peek() === ')') throw new RegexpSyntaxError(ERR.unexpectedParen, this.src);
    return branches.length === 1 ? branches[0]! : { kind: 'alt', items: branches };
  }

  private concatenation(): Node {
    const items: Node[] = [];
    // Text of the previous repetition operator, to reject stacked ones (`a**`).
    let lastRepeat: { start: number } | null = null;
    for (;;) {
      const c = this.peek();
      if (c === undefined || c === '|' || c === ')') break;
      const start = this.pos;
      const rep = this.repetitionOperator();
      if (rep) {
        if (lastRepeat) throw new RegexpSyntaxError(ERR.invalidRepeatOp, this.src.slice(lastRepeat.start, this.pos));
        const prev = items.pop();
        if (!prev || prev.kind === 'empty') throw new RegexpSyntaxError(ERR.missingRepeatArgument, this.src.slice(start, this.pos));
        items.push({ kind: 'repeat', body: prev, min: rep.min, max: rep.max, greedy: rep.greedy });
        lastRepeat = { start };
        continue;
      }
      lastRepeat = null;
      items.push(...this.atoms());
    }
    if (items.length === 0) return { kind: 'empty' };
    return items.length === 1 ? items[0]! : { kind: 'concat', items };
  }

  /** A repetition operator at the current position, or null (a `{` that is not a valid count is a literal). */
  private repetitionOperator(): { min: number; max: number; greedy: boolean } | null {
    const c = this.peek();
    let min: number;
    let max: number;
    const start = this.pos;
    if (c === '*' || c === '+' || c === '?') {
      this.pos++;
      [min, max] = c === '*' ? [0, -1] : c === '+' ? [1, -1] : [0, 1];
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos));
      if (!m) return null;
      this.pos += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? -1 : Number(m[3]);
      if (min > 1000 || max > 1000 || (max >= 0 && min > max)) throw new RegexpSyntaxError(ERR.invalidRepeatSize, this.src.slice(start, this.pos));
    } else return null;
    let greedy = true;
    if (this.peek() === '?') {
      this.pos++;
      greedy = false;
    }
    if (this.flags.nonGreedy) greedy = !greedy;
    return { min, max, greedy };
  }

  /** The next operand(s): usually one, none for a flag group, several for `\\Q…\\E`. */
  private atoms(): Node[] {
    const c = this.peek()!;
    switch (c) {
      case '(': {
        const g = this.group();
        return g ? [g] : [];
      }
      case '[':
        return [this.charClass()];
      case '.':
        this.pos++;
        return [{ kind: 'any', dotNL: this.flags.dotNL }];
      case '^':
        this.pos++;
        return [{ kind: 'assert', which: this.flags.multiLine ? 'bol' : 'bot' }];
      case '$':
        this.pos++;
        return [{ kind: 'assert', which: this.flags.multiLine ? 'eol' : 'eot' }];
      case '\\':
        return this.escapeAtoms();
      default: {
        const ch = this.cpAt();
        this.pos += ch.length;
        return [{ kind: 'literal', cp: ch.codePointAt(0)!, fold: this.flags.fold }];
      }
    }
  }

  private group(): Node | null {
    const start = this.pos;
    if (++this.depth > 1000) throw new RegexpSyntaxError(ERR.nestingDepth, this.src);
    if (this.peek(1) === '?') {
      const rest = this.src.slice(this.pos);
      const isP = rest.length > 4 && rest[2] === 'P' && rest[3] === '<';
      const isName = rest.length > 3 && rest[2] === '<';
      if (isP || isName) {
        const end = rest.indexOf('>');
        if (end < 0) throw new RegexpSyntaxError(ERR.invalidNamedCapture, rest);
        const capture = rest.slice(0, end + 1);
        const name = rest.slice(isP ? 4 : 3, end);
        if (!/^[A-Za-z0-9_]+$/.test(name)) throw new RegexpSyntaxError(ERR.invalidNamedCapture, capture);
        this.pos += end + 1;
        return this.groupBody(name);
      }
      // Flags, possibly opening a non-capturing group.
      let i = this.pos + 2;
      const saved = { ...this.flags };
      const flags = { ...this.flags };
      let negated = false;
      let sawFlag = false;
      for (;;) {
        const f = this.src[i];
        if (f === undefined) break;
        i += 1;
        if (f === 'i' || f === 'm' || f === 's' || f === 'U') {
          const key = f === 'i' ? 'fold' : f === 'm' ? 'multiLine' : f === 's' ? 'dotNL' : 'nonGreedy';
          flags[key] = !negated;
          sawFlag = true;
          continue;
        }
        if (f === '-') {
          if (negated) break;
          negated = true;
          sawFlag = false;
          continue;
        }
        if (f === ':' || f === ')') {
          if (negated && !sawFlag) break;
          this.pos = i;
          if (f === ')') {
            this.flags = flags;
            this.depth--;
            return null;
          }
          this.flags = flags;
          const body = this.groupBody(undefined);
          this.flags = saved;
          return body;
        }
        break;
      }
      throw new RegexpSyntaxError(ERR.invalidPerlOp, this.src.slice(start, i));
    }
    this.pos++;
    return this.groupBody(null);
  }

  /** Parses the group's contents up to its closing paren (already past the opening). `name` null = numbered capture, undefined = non-capturing. */
  private groupBody(name: string | null | undefined): Node {
    let capture: number | null = null;
    if (name !== undefined) {
      capture = ++this.captures;
      this.names[capture] = name;
    }
    const saved = { ...this.flags };
    const body = this.alternation(false);
    this.pos++; // ')'
    this.flags = saved;
    this.depth--;
    return { kind: 'group', capture, body };
  }

  private escapeAtoms(): Node[] {
    const start = this.pos;
    const c = this.src[this.pos + 1];
    if (c === undefined) throw new RegexpSyntaxError(ERR.trailingBackslash, '');
    const assert = (which: 'bot' | 'eot' | 'word' | 'nonword'): Node[] => {
      this.pos += 2;
      return [{ kind: 'assert', which }];
    };
    switch (c) {
      case 'A':
        return assert('bot');
      case 'z':
        return assert('eot');
      case 'b':
        return assert('word');
      case 'B':
        return assert('nonword');
      case 'C':
        throw new RegexpSyntaxError(ERR.invalidEscape, '\\C');
      case 'Q': {
        // \Q…\E: everything up to \E (or the end) is literal text, one operand per character.
        this.pos += 2;
        const end = this.src.indexOf('\\E', this.pos);
        const text = end < 0 ? this.src.slice(this.pos) : this.src.slice(this.pos, end);
        this.pos = end < 0 ? this.src.length : end + 2;
        return Array.from(text, (ch) => ({ kind: 'literal', cp: ch.codePointAt(0)!, fold: this.flags.fold }) as Node);
      }
    }
    const cls = this.classEscape();
    if (cls) return [{ kind: 'class', ranges: cls.ranges, props: cls.props, negated: false, fold: this.flags.fold }];
    this.pos = start;
    return [{ kind: 'literal', cp: this.escapedChar(), fold: this.flags.fold }];
  }

  /** `\\d \\s \\w \\D \\S \\W \\pX \\p{X} \\PX \\P{X}` at the current position, or null. */
  private classEscape(): { ranges: Ranges; props: string[] } | null {
    const c = this.src[this.pos + 1];
    if (c !== undefined && 'dswDSW'.includes(c)) {
      this.pos += 2;
      const r = PERL[c.toLowerCase()]!;
      return { ranges: c === c.toUpperCase() ? negate(r) : r, props: [] };
    }
    if (c === 'p' || c === 'P') {
      const start = this.pos;
      let name: string;
      if (this.src[this.pos + 2] === '{') {
        const end = this.src.indexOf('}', this.pos);
        if (end < 0) throw new RegexpSyntaxError(ERR.invalidCharRange, this.src.slice(start));
        name = this.src.slice(this.pos + 3, end);
        this.pos = end + 1;
      } else {
        const ch = this.cpAt(this.pos + 2);
        name = ch;
        this.pos += 2 + ch.length;
      }
      let negated = c === 'P';
      if (name.startsWith('^')) {
        negated = !negated;
        name = name.slice(1);
      }
      const prop = unicodeProperty(name);
      if (!prop) throw new RegexpSyntaxError(ERR.invalidCharRange, this.src.slice(start, this.pos));
      return { ranges: [], props: [(negated ? '\\P' : '\\p') + prop] };
    }
    return null;
  }

  /** A single escaped character (`\n`, `\x41`, `\x{263a}`, `\101`, `\.`), with Go's errors. */
  private escapedChar(): number {
    const start = this.pos;
    this.pos++; // backslash
    const c = this.cpAt();
    if (c === '') throw new RegexpSyntaxError(ERR.trailingBackslash, '');
    this.pos += c.length;
    const bad = (): never => {
      throw new RegexpSyntaxError(ERR.invalidEscape, this.src.slice(start, this.pos));
    };
    if (c >= '1' && c <= '7') {
      const n = this.peek();
      if (n === undefined || n < '0' || n > '7') bad();
    }
    if (c >= '0' && c <= '7') {
      let v = Number(c);
      for (let i = 0; i < 2 && this.peek() !== undefined && this.peek()! >= '0' && this.peek()! <= '7'; i++) v = v * 8 + Number(this.src[this.pos++]);
      return v;
    }
    switch (c) {
      case 'x': {
        if (this.peek() === '{') {
          this.pos++;
          let v = 0;
          let digits = 0;
          while (this.peek() !== undefined && /[0-9A-Fa-f]/.test(this.peek()!)) {
            v = v * 16 + Number.parseInt(this.src[this.pos++]!, 16);
            digits++;
            if (v > MAX_CP) bad();
          }
          if (this.peek() === undefined) bad();
          if (this.peek() !== '}' || digits === 0) {
            this.pos++;
            bad();
          }
          this.pos++;
          return v;
        }
        // Exactly two hex digits; Go reads two characters before judging them.
        if (this.peek() === undefined) bad();
        const first = this.cpAt();
        this.pos += first.length;
        const second = this.cpAt();
        this.pos += second.length;
        if (!/^[0-9A-Fa-f]$/.test(first) || !/^[0-9A-Fa-f]$/.test(second)) bad();
        return Number.parseInt(first + second, 16);
      }
      case 'a':
        return 7;
      case 'f':
        return 12;
      case 'n':
        return 10;
      case 'r':
        return 13;
      case 't':
        return 9;
      case 'v':
        return 11;
    }
    if (c.length === 1 && c.charCodeAt(0) < 0x80 && !isAlnum(c)) return c.charCodeAt(0);
    return bad();
  }

  private charClass(): Node {
    const start = this.pos;
    this.pos++;
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.pos++;
    }
    const ranges: Ranges = [];
    const props: string[] = [];
    let first = true;
    const missing = (): never => {
      throw new RegexpSyntaxError(ERR.missingBracket, this.src.slice(start));
    };
    while (this.peek() !== ']' || first) {
      if (this.peek() === undefined) missing();
      // POSIX class [:name:] / [:^name:]
      if (this.peek() === '[' && this.peek(1) === ':') {
        const end = this.src.indexOf(':]', this.pos + 2);
        if (end >= 0) {
          let name = this.src.slice(this.pos + 2, end);
          const text = this.src.slice(this.pos, end + 2);
          const neg = name.startsWith('^');
          if (neg) name = name.slice(1);
          const r = POSIX[name];
          if (!r) throw new RegexpSyntaxError(ERR.invalidCharRange, text);
          ranges.push(...(neg ? negate(r) : r));
          this.pos = end + 2;
          first = false;
          continue;
        }
      }
      const itemStart = this.pos;
      if (this.peek() === '\\') {
        const cls = this.classEscape();
        if (cls) {
          ranges.push(...cls.ranges);
          props.push(...cls.props);
          first = false;
          continue;
        }
      }
      const lo = this.classChar(start);
      let hi = lo;
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== undefined) {
        this.pos++;
        hi = this.classChar(start);
        if (hi < lo) throw new RegexpSyntaxError(ERR.invalidCharRange, this.src.slice(itemStart, this.pos));
      }
      ranges.push([lo, hi]);
      first = false;
    }
    this.pos++;
    return { kind: 'class', ranges: normalize(ranges), props, negated, fold: this.flags.fold };
  }

  private classChar(classStart: number): number {
    if (this.peek() === undefined) throw new RegexpSyntaxError(ERR.missingBracket, this.src.slice(classStart));
    if (this.peek() === '\\') return this.escapedChar();
    const ch = this.cpAt();
    this.pos += ch.length;
    return ch.codePointAt(0)!;
  }
}

const GO_CATEGORIES = new Set(
  'C Cc Cf Co Cs L Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po Ps S Sc Sk Sm So Z Zl Zp Zs'.split(' '),
);

/** The JS property text (`{…}`) for a Unicode category or script name as Go accepts it in `\\p{…}`, or undefined. */
function unicodeProperty(name: string): string | undefined {
  if (name === 'Any') return '{Any}';
  const text = GO_CATEGORIES.has(name) ? `{General_Category=${name}}` : /^[A-Z][A-Za-z_]+$/.test(name) ? `{Script=${name}}` : undefined;
  if (!text) return undefined;
  try {
    new RegExp(`\\p${text}`, 'u');
    return text;
  } catch {
    return undefined;
  }
}

/** A code point as it may appear in JS RegExp source (u flag), escaped where needed. */
function emitChar(cp: number, inClass: boolean): string {
  const ch = String.fromCodePoint(cp);
  const special = inClass ? '\\]-[^' : '^$\\.*+?()[]{}|/';
  if (special.includes(ch)) return '\\' + ch;
  if (cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp < 0xa0) || (cp >= 0xd800 && cp <= 0xdfff) || cp === 0x2028 || cp === 0x2029) {
    return `\\u{${cp.toString(16)}}`;
  }
  return ch;
}

function emitRanges(r: Ranges, negated: boolean, props: readonly string[] = []): string {
  if (props.length === 0) {
    if (r.length === 1 && r[0]![0] === 0 && r[0]![1] === MAX_CP) return negated ? '[^\\s\\S]' : '[\\s\\S]';
    if (r.length === 0) return negated ? '[\\s\\S]' : '[^\\s\\S]';
  }
  const body = r.map(([a, b]) => (a === b ? emitChar(a, true) : `${emitChar(a, true)}-${emitChar(b, true)}`)).join('') + props.join('');
  return `[${negated ? '^' : ''}${body}]`;
}

const WORD = '[0-9A-Za-z_]';

/** JS RegExp source for the parsed tree; `foldAll` means the `i` flag is used instead of per-node folding. */
function emit(n: Node, foldAll: boolean): string {
  switch (n.kind) {
    case 'empty':
      return '';
    case 'literal':
      if (n.fold && !foldAll) {
        const vs = caseVariants(n.cp);
        if (vs.length > 1) return emitRanges(normalize(vs.map((v) => [v, v] as [number, number])), false);
      }
      return emitChar(n.cp, false);
    case 'class': {
      const ranges = n.fold && !foldAll ? foldRanges(n.ranges) : n.ranges;
      return emitRanges(ranges, n.negated, n.props);
    }
    case 'any':
      return n.dotNL ? '[\\s\\S]' : '[^\\n]';
    case 'assert':
      switch (n.which) {
        case 'bot':
          return '^';
        case 'eot':
          return '$';
        case 'bol':
          return '(?<![^\\n])';
        case 'eol':
          return '(?![^\\n])';
        case 'word':
          return `(?:(?<=${WORD})(?!${WORD})|(?<!${WORD})(?=${WORD}))`;
        case 'nonword':
          return `(?:(?<=${WORD})(?=${WORD})|(?<!${WORD})(?!${WORD}))`;
      }
      break;
    case 'group':
      return n.capture === null ? `(?:${emit(n.body, foldAll)})` : `(${emit(n.body, foldAll)})`;
    case 'concat':
      return n.items.map((x) => emit(x, foldAll)).join('');
    case 'alt':
      return n.items.map((x) => emit(x, foldAll)).join('|');
    case 'repeat': {
      const body = emit(n.body, foldAll);
      const atom = n.body.kind === 'literal' || n.body.kind === 'class' || n.body.kind === 'any' || (n.body.kind === 'group' && n.body.capture === null) ? body : `(?:${body})`;
      const q = n.max === -1 ? (n.min === 0 ? '*' : n.min === 1 ? '+' : `{${n.min},}`) : n.min === 0 && n.max === 1 ? '?' : n.min === n.max ? `{${n.min}}` : `{${n.min},${n.max}}`;
      return atom + q + (n.greedy ? '' : '?');
    }
  }
  return '';
}

/** Whether case folding is on for every case-sensitive node (then the JS `i` flag expresses it exactly). */
function foldState(n: Node, acc: Set<boolean>): void {
  switch (n.kind) {
    case 'literal':
    case 'class':
      acc.add(n.fold);
      break;
    case 'group':
      foldState(n.body, acc);
      break;
    case 'repeat':
      foldState(n.body, acc);
      break;
    case 'concat':
    case 'alt':
      n.items.forEach((x) => foldState(x, acc));
      break;
  }
}

/** A compiled Go regexp: the JS RegExp (global, unicode, with match indices) and the capture names by group index. */
export interface CompiledRegexp {
  regexp: RegExp;
  names: Array<string | null>;
}

const compiled = new Map<string, CompiledRegexp>();

/** Compiles Go regexp syntax; throws RegexpSyntaxError with Go's message. */
export function compileRegexp(pattern: string): CompiledRegexp {
  const hit = compiled.get(pattern);
  if (hit) {
    hit.regexp.lastIndex = 0;
    return hit;
  }
  const parsed = new Parser(pattern).parse();
  const folds = new Set<boolean>();
  foldState(parsed.root, folds);
  const foldAll = folds.size === 1 && folds.has(true);
  const source = emit(parsed.root, foldAll);
  const result = { regexp: new RegExp(source, foldAll ? 'dgiu' : 'dgu'), names: parsed.names };
  if (compiled.size > 500) compiled.clear();
  compiled.set(pattern, result);
  return result;
}

/** Go's `regexp.QuoteMeta`. */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}
