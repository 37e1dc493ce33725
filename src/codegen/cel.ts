/**
 * CEL (`validation/cel`) compiled to JavaScript at build time: a lexer and a
 * parser for the CEL grammar (literals, operators, member access, indexing,
 * lists, maps, function and method calls, the has/all/exists/exists_one/map/
 * filter macros), a check that every identifier and function is known, and
 * code generation to calls of the runtime's CEL helpers. Message
 * construction and protobuf types are not part of it.
 */
import { Code, literal } from './emit.ts';

export class CelSyntaxError extends Error {
  override name = 'CelSyntaxError';
}

/** An expression that parses but would not pass KrakenD's type check (it is skipped there). */
export class CelCheckError extends Error {
  override name = 'CelCheckError';
}

type Token =
  | { kind: 'int' | 'uint' | 'double'; text: string; at: number }
  | { kind: 'string'; value: string; at: number }
  | { kind: 'bytes'; value: Buffer; at: number }
  | { kind: 'ident'; text: string; at: number }
  | { kind: 'op'; text: string; at: number }
  | { kind: 'eof'; at: number };

const OPERATORS = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '+', '-', '*', '/', '%', '?', ':', '.', ',', '(', ')', '[', ']', '{', '}'];
const RESERVED = new Set(['as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if', 'import', 'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while']);

function unescape(body: string, at: number, bytes: boolean): Buffer {
  const out: number[] = [];
  const push = (s: string) => {
    for (const b of Buffer.from(s, 'utf8')) out.push(b);
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      push(c);
      continue;
    }
    const e = body[++i];
    const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', "'": "'", '"': '"', '`': '`', '?': '?' };
    if (e !== undefined && simple[e] !== undefined) push(simple[e]!);
    else if (e === 'x' || e === 'X') {
      const hex = body.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw new CelSyntaxError(`invalid escape at ${at + i}`);
      if (bytes) out.push(parseInt(hex, 16));
      else push(String.fromCodePoint(parseInt(hex, 16)));
      i += 2;
    } else if (e === 'u' || e === 'U') {
      const n = e === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + n);
      if (bytes || !new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) throw new CelSyntaxError(`invalid escape at ${at + i}`);
      const cp = parseInt(hex, 16);
      if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) throw new CelSyntaxError(`invalid code point at ${at + i}`);
      push(String.fromCodePoint(cp));
      i += n;
    } else if (e !== undefined && /[0-3]/.test(e)) {
      const oct = body.slice(i, i + 3);
      if (!/^[0-3][0-7]{2}$/.test(oct)) throw new CelSyntaxError(`invalid escape at ${at + i}`);
      if (bytes) out.push(parseInt(oct, 8));
      else push(String.fromCodePoint(parseInt(oct, 8)));
      i += 2;
    } else throw new CelSyntaxError(`invalid escape at ${at + i}`);
  }
  return Buffer.from(out);
}

/** Splits a CEL expression into tokens. */
export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '/') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    const at = i;
    const num = /^(?:0[xX][0-9a-fA-F]+[uU]?|\d+\.\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+|\d+[uU]?)/.exec(src.slice(i));
    if (num && !(c === '.' && !/\d/.test(src[i + 1] ?? ''))) {
      const text = num[0];
      i += text.length;
      if (/[uU]$/.test(text)) tokens.push({ kind: 'uint', text: text.slice(0, -1), at });
      else if (/^0[xX]/.test(text) || /^\d+$/.test(text)) tokens.push({ kind: 'int', text, at });
      else tokens.push({ kind: 'double', text, at });
      continue;
    }
    const str = /^([rR]?[bB]?|[bB][rR]?)('''|"""|'|")/.exec(src.slice(i));
    if (str && (str[1] !== '' || c === '"' || c === "'")) {
      const prefix = str[1]!.toLowerCase();
      const quote = str[2]!;
      const start = i + str[0].length;
      let j = start;
      for (;;) {
        if (j >= src.length) throw new CelSyntaxError(`unterminated string at ${at}`);
        if (src.startsWith(quote, j)) break;
        if (quote.length === 1 && src[j] === '\n') throw new CelSyntaxError(`unterminated string at ${at}`);
        if (src[j] === '\\' && !prefix.includes('r')) j++;
        j++;
      }
      const body = src.slice(start, j);
      i = j + quote.length;
      const raw = prefix.includes('r');
      const bytes = prefix.includes('b');
      const value = raw ? Buffer.from(body, 'utf8') : unescape(body, start, bytes);
      if (bytes) tokens.push({ kind: 'bytes', value, at });
      else tokens.push({ kind: 'string', value: value.toString('utf8'), at });
      continue;
    }
    const id = /^[_a-zA-Z][_a-zA-Z0-9]*/.exec(src.slice(i));
    if (id) {
      i += id[0].length;
      tokens.push({ kind: 'ident', text: id[0], at });
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (op === undefined) throw new CelSyntaxError(`unexpected character ${JSON.stringify(c)} at ${at}`);
    i += op.length;
    tokens.push({ kind: 'op', text: op, at });
  }
  tokens.push({ kind: 'eof', at: src.length });
  return tokens;
}

export type Ast =
  | { kind: 'int'; value: bigint }
  | { kind: 'uint'; value: bigint }
  | { kind: 'double'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'bytes'; value: Buffer }
  | { kind: 'bool'; value: boolean }
  | { kind: 'null' }
  | { kind: 'ident'; name: string }
  | { kind: 'select'; target: Ast; field: string }
  | { kind: 'index'; target: Ast; index: Ast }
  | { kind: 'call'; name: string; target: Ast | null; args: Ast[] }
  | { kind: 'list'; items: Ast[] }
  | { kind: 'map'; entries: [Ast, Ast][] }
  | { kind: 'unary'; op: '!' | '-'; arg: Ast }
  | { kind: 'binary'; op: string; left: Ast; right: Ast }
  | { kind: 'cond'; test: Ast; yes: Ast; no: Ast };

const INT_MAX = 2n ** 63n - 1n;

/** Parses one CEL expression. */
export function parseCel(src: string): Ast {
  const tokens = tokenize(src);
  let pos = 0;
  const peek = () => tokens[pos]!;
  const isOp = (text: string) => {
    const t = peek();
    return t.kind === 'op' && t.text === text;
  };
  const expect = (text: string) => {
    if (!isOp(text)) throw new CelSyntaxError(`expected ${JSON.stringify(text)} at ${peek().at}`);
    pos++;
  };
  const list = (close: string): Ast[] => {
    const items: Ast[] = [];
    while (!isOp(close)) {
      items.push(expr());
      if (!isOp(',')) break;
      pos++;
    }
    expect(close);
    return items;
  };
  function primary(): Ast {
    const t = peek();
    pos++;
    switch (t.kind) {
      case 'int': {
        const v = BigInt(t.text);
        if (v > INT_MAX) throw new CelSyntaxError(`integer out of range at ${t.at}`);
        return { kind: 'int', value: v };
      }
      case 'uint': {
        const v = BigInt(t.text);
        if (v > 2n ** 64n - 1n) throw new CelSyntaxError(`integer out of range at ${t.at}`);
        return { kind: 'uint', value: v };
      }
      case 'double':
        return { kind: 'double', value: Number(t.text) };
      case 'string':
        return { kind: 'string', value: t.value };
      case 'bytes':
        return { kind: 'bytes', value: t.value };
      case 'ident': {
        if (t.text === 'true' || t.text === 'false') return { kind: 'bool', value: t.text === 'true' };
        if (t.text === 'null') return { kind: 'null' };
        if (RESERVED.has(t.text) || t.text === 'in') throw new CelSyntaxError(`reserved identifier ${t.text} at ${t.at}`);
        if (isOp('(')) {
          pos++;
          return { kind: 'call', name: t.text, target: null, args: list(')') };
        }
        if (isOp('{')) throw new CelSyntaxError(`message construction is not supported (at ${t.at})`);
        return { kind: 'ident', name: t.text };
      }
      case 'op':
        if (t.text === '(') {
          const e = expr();
          expect(')');
          return e;
        }
        if (t.text === '[') return { kind: 'list', items: list(']') };
        if (t.text === '{') {
          const entries: [Ast, Ast][] = [];
          while (!isOp('}')) {
            const k = expr();
            expect(':');
            entries.push([k, expr()]);
            if (!isOp(',')) break;
            pos++;
          }
          expect('}');
          return { kind: 'map', entries };
        }
        if (t.text === '.') throw new CelSyntaxError(`leading-dot identifiers are not supported (at ${t.at})`);
        break;
    }
    throw new CelSyntaxError(`unexpected ${t.kind === 'eof' ? 'end of expression' : `token at ${t.at}`}`);
  }
  function member(): Ast {
    let e = primary();
    for (;;) {
      if (isOp('.')) {
        pos++;
        const t = peek();
        if (t.kind !== 'ident') throw new CelSyntaxError(`expected a field name at ${t.at}`);
        pos++;
        if (isOp('(')) {
          pos++;
          e = { kind: 'call', name: t.text, target: e, args: list(')') };
        } else e = { kind: 'select', target: e, field: t.text };
      } else if (isOp('[')) {
        pos++;
        const index = expr();
        expect(']');
        e = { kind: 'index', target: e, index };
      } else return e;
    }
  }
  function unary(): Ast {
    if (isOp('!')) {
      pos++;
      return { kind: 'unary', op: '!', arg: unary() };
    }
    if (isOp('-')) {
      pos++;
      const t = peek();
      if (t.kind === 'int') {
        pos++;
        const v = -BigInt(t.text);
        if (v < -(2n ** 63n)) throw new CelSyntaxError(`integer out of range at ${t.at}`);
        return { kind: 'int', value: v };
      }
      return { kind: 'unary', op: '-', arg: unary() };
    }
    return member();
  }
  const binary = (next: () => Ast, ops: string[]) => (): Ast => {
    let left = next();
    for (;;) {
      const t = peek();
      const op = t.kind === 'op' && ops.includes(t.text) ? t.text : t.kind === 'ident' && t.text === 'in' && ops.includes('in') ? 'in' : null;
      if (op === null) return left;
      pos++;
      left = { kind: 'binary', op, left, right: next() };
    }
  };
  const multiplication = binary(unary, ['*', '/', '%']);
  const addition = binary(multiplication, ['+', '-']);
  const relation = binary(addition, ['<', '<=', '>', '>=', '==', '!=', 'in']);
  const and = binary(relation, ['&&']);
  const or = binary(and, ['||']);
  function expr(): Ast {
    const test = or();
    if (!isOp('?')) return test;
    pos++;
    const yes = or();
    expect(':');
    return { kind: 'cond', test, yes, no: expr() };
  }
  const result = expr();
  if (peek().kind !== 'eof') throw new CelSyntaxError(`unexpected token at ${peek().at}`);
  return result;
}

const GLOBALS: Record<string, { helper: string; arity: number[] }> = {
  size: { helper: 'celSize', arity: [1] },
  int: { helper: 'celInt', arity: [1] },
  uint: { helper: 'celUint', arity: [1] },
  double: { helper: 'celDouble', arity: [1] },
  string: { helper: 'celString', arity: [1] },
  bool: { helper: 'celBool', arity: [1] },
  bytes: { helper: 'celBytes', arity: [1] },
  timestamp: { helper: 'celTimestamp', arity: [1] },
  duration: { helper: 'celDuration', arity: [1] },
  matches: { helper: 'celMatches', arity: [2] },
};

const METHODS: Record<string, { helper: string; arity: number[] }> = {
  size: { helper: 'celSize', arity: [0] },
  matches: { helper: 'celMatches', arity: [1] },
  contains: { helper: 'celContains', arity: [1] },
  startsWith: { helper: 'celStartsWith', arity: [1] },
  endsWith: { helper: 'celEndsWith', arity: [1] },
};

const GETTERS = new Set(['getFullYear', 'getMonth', 'getDate', 'getDayOfMonth', 'getDayOfWeek', 'getDayOfYear', 'getHours', 'getMinutes', 'getSeconds', 'getMilliseconds']);
const MACROS: Record<string, string> = { all: 'celAll', exists: 'celExists', exists_one: 'celExistsOne', map: 'celMap', filter: 'celFilter' };

const BINARY: Record<string, string> = {
  '==': 'celEq',
  '!=': 'celNe',
  '<': 'celLt',
  '<=': 'celLe',
  '>': 'celGt',
  '>=': 'celGe',
  in: 'celIn',
  '+': 'celAdd',
  '-': 'celSub',
  '*': 'celMul',
  '/': 'celDiv',
  '%': 'celMod',
};

/** The JavaScript expression for an AST (`a` is the activation; `scope` maps macro variables to JS names). */
function compileAst(e: Ast, variables: ReadonlySet<string>, scope: Map<string, string>): string {
  const c = (x: Ast) => compileAst(x, variables, scope);
  switch (e.kind) {
    case 'int':
      return `${e.value}n`;
    case 'uint':
      return `new rt.CelUint(${e.value}n)`;
    case 'double':
      return Number.isFinite(e.value) ? String(e.value) : e.value > 0 ? 'Infinity' : '-Infinity';
    case 'string':
      return literal(e.value).text;
    case 'bytes':
      return `rt.celBytes(Buffer.from(${literal(e.value.toString('base64')).text}, 'base64'))`;
    case 'bool':
      return String(e.value);
    case 'null':
      return 'null';
    case 'ident': {
      const local = scope.get(e.name);
      if (local !== undefined) return local;
      if (!variables.has(e.name)) throw new CelCheckError(`undeclared reference to '${e.name}'`);
      return `rt.celVar(a, ${literal(e.name).text})`;
    }
    case 'select':
      return `rt.celSelect(${c(e.target)}, ${literal(e.field).text})`;
    case 'index':
      return `rt.celIndex(${c(e.target)}, ${c(e.index)})`;
    case 'list':
      return `[${e.items.map(c).join(', ')}]`;
    case 'map':
      return `rt.celMapLiteral([${e.entries.map(([k, v]) => `[${c(k)}, ${c(v)}]`).join(', ')}])`;
    case 'unary':
      return e.op === '!' ? `rt.celNot(${c(e.arg)})` : `rt.celNeg(${c(e.arg)})`;
    case 'binary':
      if (e.op === '&&') return `rt.celAnd(() => ${c(e.left)}, () => ${c(e.right)})`;
      if (e.op === '||') return `rt.celOr(() => ${c(e.left)}, () => ${c(e.right)})`;
      return `rt.${BINARY[e.op]}(${c(e.left)}, ${c(e.right)})`;
    case 'cond':
      return `(rt.celCond(${c(e.test)}) ? ${c(e.yes)} : ${c(e.no)})`;
    case 'call': {
      if (e.target === null) {
        if (e.name === 'has') {
          const arg = e.args[0];
          if (e.args.length !== 1 || arg === undefined || arg.kind !== 'select') throw new CelCheckError('has() needs a field selection');
          return `rt.celHas(${c(arg.target)}, ${literal(arg.field).text})`;
        }
        const fn = GLOBALS[e.name];
        if (fn === undefined) throw new CelCheckError(`undeclared reference to '${e.name}'`);
        if (!fn.arity.includes(e.args.length)) throw new CelCheckError(`found no matching overload for '${e.name}'`);
        return `rt.${fn.helper}(${e.args.map(c).join(', ')})`;
      }
      const macro = MACROS[e.name];
      if (macro !== undefined) {
        const variable = e.args[0];
        const arity = e.name === 'map' ? [2, 3] : [2];
        if (!arity.includes(e.args.length) || variable === undefined || variable.kind !== 'ident') throw new CelCheckError(`${e.name}() needs a variable and an expression`);
        const local = `v${scope.size}_${variable.name}`;
        const inner = new Map(scope).set(variable.name, local);
        const body = (x: Ast) => `(${local}: unknown) => ${compileAst(x, variables, inner)}`;
        if (e.name === 'map' && e.args.length === 3) return `rt.celMap(${c(e.target)}, ${body(e.args[2]!)}, ${body(e.args[1]!)})`;
        return `rt.${macro}(${c(e.target)}, ${body(e.args[1]!)})`;
      }
      if (GETTERS.has(e.name)) {
        if (e.args.length > 1) throw new CelCheckError(`found no matching overload for '${e.name}'`);
        return `rt.celGetter(${literal(e.name).text}, ${c(e.target)}${e.args.length === 1 ? `, ${c(e.args[0]!)}` : ''})`;
      }
      const method = METHODS[e.name];
      if (method === undefined) throw new CelCheckError(`undeclared reference to '${e.name}'`);
      if (!method.arity.includes(e.args.length)) throw new CelCheckError(`found no matching overload for '${e.name}'`);
      return `rt.${method.helper}(${[c(e.target), ...e.args.map(c)].join(', ')})`;
    }
  }
}

/** Variables KrakenD declares for CEL expressions. */
export const CEL_VARIABLES: ReadonlySet<string> = new Set([
  'now',
  'req_method',
  'req_path',
  'req_params',
  'req_headers',
  'req_querystring',
  'resp_completed',
  'resp_metadata_status',
  'resp_metadata_headers',
  'resp_data',
  'JWT',
]);

/** Compiles one CEL expression into a check function `(a: rt.CelActivation): unknown => …`. */
export function compileCel(src: string): Code {
  const ast = parseCel(src);
  return new Code(`(a: rt.CelActivation): unknown => ${compileAst(ast, CEL_VARIABLES, new Map())}`);
}
