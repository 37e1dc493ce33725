/**
 * HCL configurations (`.hcl`), in the native syntax Terraform made familiar.
 *
 * - Attributes `key = value`, one per line.
 * - Blocks `key { … }` and labelled blocks `key "label" { … }`: each label
 *   becomes a nested object key, so `extra_config "qos/ratelimit/router" { … }`
 *   is `{ "extra_config": { "qos/ratelimit/router": { … } } }`.
 * - A block key used once gives an object, used more than once an array of
 *   objects in order. Keys that are lists in a KrakenD configuration
 *   (`HCL_LIST_KEYS`: endpoints, backend, async_agent, host, keys, plus any
 *   `listKeys` passed in the options) always give an array, even for one block.
 * - Values: strings with escapes (`\n`, `\t`, `\"`, `\\`, `\uNNNN`,
 *   `\UNNNNNNNN`), heredocs (`<<EOF` … `EOF`, and `<<-EOF`, which removes the
 *   common indentation), numbers (integers are bigints with `bigIntegers`),
 *   `true`, `false`, `null`, lists `[a, b,]` and objects
 *   `{ k = v, "k/x" = v }` or `{ "k": v }` (commas or line breaks between items).
 * - Comments: `#`, `//` and `/* … *\/`.
 * - No interpolation or expressions: `${…}` and `%{…}` stay in strings as
 *   literal text (`$${` is written `${`); references, function calls and
 *   operators are errors.
 * - Setting an attribute twice, or using one key for both an attribute and a
 *   block, is an error naming both places.
 */
import type { SourceSpan } from '../diagnostics/diagnostic.ts';
import type { LocationMap, NodeLocation, ParsedDocument, ParseOptions } from './types.ts';
import { tokenizeHcl, type Token, type TokenKind } from './hcl-lexer.ts';
import { SourceText, stripByteOrderMark } from './source.ts';
import { childPointer, hasMember, setMember, type PlainObject } from './tree.ts';

/** Deeper nesting than this is refused. */
const MAX_DEPTH = 1000;

/** Block keys that always decode to an array of objects: the lists of a KrakenD configuration. */
export const HCL_LIST_KEYS: ReadonlySet<string> = new Set(['endpoints', 'backend', 'async_agent', 'host', 'keys']);

export interface HclParseOptions extends ParseOptions {
  /** More block keys to decode as arrays even when used once. */
  listKeys?: Iterable<string>;
}

/** How a member of a body was set, to merge blocks and report clashes. */
type MemberKind = 'attribute' | 'block' | 'blocks' | 'labels';

interface Body {
  obj: PlainObject;
  pointer: string;
  kinds: Map<string, MemberKind>;
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'eof': return 'end of file';
    case 'newline': return 'end of line';
    case 'string': return `string "${token.text.length > 30 ? token.text.slice(0, 27) + '…' : token.text}"`;
    case 'heredoc': return 'heredoc';
    case 'number': return `number ${token.text}`;
    case 'ident': return `'${token.text}'`;
    default: return `'${token.kind}'`;
  }
}

class HclParser {
  readonly locations: LocationMap = new Map();
  private readonly tokens: Token[];
  private index = 0;
  private readonly listKeys: Set<string>;
  private readonly bigIntegers: boolean;
  /** The blocks, lists and objects being read, innermost last (for "not closed" errors). */
  private readonly openBlocks: { start: number; what: string; closer: string }[] = [];
  /** The objects labelled blocks lead through, with their bodies, to merge later blocks into. */
  private readonly labelBodies = new Map<PlainObject, Body>();

  constructor(
    private readonly source: SourceText,
    options: HclParseOptions,
  ) {
    this.tokens = tokenizeHcl(source);
    this.listKeys = new Set([...HCL_LIST_KEYS, ...(options.listKeys ?? [])]);
    this.bigIntegers = options.bigIntegers === true;
  }

  parse(): PlainObject {
    const obj: PlainObject = {};
    const lastToken = this.tokens[this.tokens.length - 1]!;
    this.locations.set('', { value: { file: this.source.file, line: 1, column: 1, ...this.endOf(lastToken.end) } });
    this.body({ obj, pointer: '', kinds: new Map() }, 'eof');
    return obj;
  }

  // --- tokens -------------------------------------------------------------

  private get token(): Token {
    return this.tokens[this.index]!;
  }

  private advance(): Token {
    const t = this.tokens[this.index]!;
    if (t.kind !== 'eof') this.index++;
    return t;
  }

  private is(kind: TokenKind): boolean {
    return this.tokens[this.index]!.kind === kind;
  }

  private skipNewlines(): void {
    while (this.is('newline')) this.index++;
  }

  private span(start: number, end: number): SourceSpan {
    return this.source.span(start, end);
  }

  private endOf(offset: number): { endLine: number; endColumn: number } {
    const p = this.source.position(offset);
    return { endLine: p.line, endColumn: p.column };
  }

  private fail(token: Token, message: string, hint?: string): Error {
    return this.source.syntaxError(token.start, message, {
      ...(token.end > token.start && token.kind !== 'newline' ? { end: this.source.position(token.end) } : {}),
      ...(hint === undefined ? {} : { hint }),
    });
  }

  // --- bodies -------------------------------------------------------------

  private body(body: Body, end: 'eof' | '}'): void {
    for (;;) {
      this.skipNewlines();
      if (this.is(end)) return;
      const key = this.token;
      if (key.kind === 'eof') throw this.unclosedBlock();
      if (key.kind !== 'ident' && key.kind !== 'string') {
        throw this.fail(key, `expected an attribute or block name, found ${describe(key)}`,
          key.kind === '}' ? "this '}' has no matching '{'" : undefined);
      }
      this.advance();
      const next = this.token;
      if (next.kind === '=' || next.kind === ':') {
        if (next.kind === ':') throw this.fail(next, `expected '=' after ${key.text}, found ':'`, 'attributes are written key = value');
        this.advance();
        this.attribute(body, key);
        const after = this.token;
        if (after.kind === 'newline') continue;
        if (after.kind === end) continue;
        if (after.kind === 'eof') throw this.unclosedBlock();
        throw this.fail(after, `expected a line break after the value of ${key.text}, found ${describe(after)}`,
          'put each attribute on its own line');
      }
      if (next.kind === '{' || next.kind === 'string' || next.kind === 'ident') {
        this.block(body, key);
        continue;
      }
      throw this.fail(next, `expected '=' or '{' after ${key.text}, found ${describe(next)}`,
        next.kind === 'newline' ? `write ${key.text} = value, or ${key.text} { … } for a block` : undefined);
    }
  }

  private unclosedBlock(): Error {
    const open = this.openBlocks[this.openBlocks.length - 1];
    const eof = this.tokens[this.tokens.length - 1]!;
    let last = eof.start;
    const text = this.source.text;
    while (last > 0 && /\s/.test(text.charAt(last - 1))) last--;
    if (!open) return this.source.syntaxError(last, 'unexpected end of file');
    const at = this.source.position(open.start);
    return this.source.syntaxError(last, `unexpected end of file: the ${open.what} opened at ${at.line}:${at.column} is not closed`, {
      hint: `add the missing '${open.closer}'`,
      notes: [this.source.note(`the ${open.what} starts here`, this.span(open.start, open.start + 1))],
    });
  }

  /** Records an opened block, list or object, refusing absurd nesting instead of overflowing the stack. */
  private open(start: number, what: string, closer: string): void {
    if (this.openBlocks.length >= MAX_DEPTH) {
      throw this.source.syntaxError(start, `nesting is too deep (more than ${MAX_DEPTH} levels of blocks, lists and objects)`);
    }
    this.openBlocks.push({ start, what, closer });
  }

  private attribute(body: Body, key: Token): void {
    const name = key.text;
    const pointer = childPointer(body.pointer, name);
    const keySpan = this.span(key.start, key.end);
    const existing = body.kinds.get(name);
    if (existing !== undefined) {
      const first = this.locations.get(pointer)?.key;
      const what = existing === 'attribute' ? 'set twice' : 'set as an attribute here and as a block';
      throw this.source.syntaxError(key.start, `${name} is ${what}${first ? ` (first at line ${first.line})` : ''}`, {
        end: this.source.position(key.end),
        notes: first ? [this.source.note('first set here', first)] : [],
        hint: existing === 'attribute' ? 'remove one of them' : 'use either the attribute or blocks for this key',
      });
    }
    const start = this.token.start;
    const entry: NodeLocation = { value: this.span(start, start), key: keySpan };
    this.locations.set(pointer, entry);
    const value = this.expression(pointer, entry);
    body.kinds.set(name, 'attribute');
    setMember(body.obj, name, value);
  }

  /** `key label… { body }` */
  private block(body: Body, key: Token): void {
    const labels: Token[] = [];
    while (this.is('string') || this.is('ident')) labels.push(this.advance());
    const open = this.token;
    if (open.kind !== '{') {
      throw this.fail(open, `expected '{' to open the ${key.text} block, found ${describe(open)}`);
    }
    this.advance();
    this.open(open.start, `${key.text} block`, '}');
    const inner: Body = { obj: {}, pointer: '', kinds: new Map() };
    const path = [key, ...labels];

    // Walk (and create) the objects the labels lead to; the last name holds the body.
    let container = body;
    for (let i = 0; i < path.length - 1; i++) {
      container = this.labelObject(container, path[i]!, key);
    }
    const leaf = path[path.length - 1]!;
    const name = leaf.text;
    const pointer = childPointer(container.pointer, name);
    const existing = container.kinds.get(name);
    const keySpan = this.span(leaf.start, leaf.end);
    const blockSpan = this.span(key.start, open.end);
    if (existing === 'attribute' || existing === 'labels') {
      const first = this.locations.get(pointer)?.key;
      throw this.source.syntaxError(leaf.start, existing === 'attribute'
        ? `${name} is set as a block here and as an attribute${first ? ` at line ${first.line}` : ''}`
        : `${name} is used both as a block and as a label of other blocks`, {
        notes: first ? [this.source.note('first set here', first)] : [],
        hint: 'use either the attribute or blocks for this key',
      });
    }
    let itemPointer: string;
    let entry: NodeLocation;
    if (existing === undefined && !(labels.length === 0 && this.listKeys.has(name))) {
      // A single block: an object (turned into an array if the key repeats).
      setMember(container.obj, name, inner.obj);
      container.kinds.set(name, 'block');
      itemPointer = pointer;
      entry = { value: blockSpan, key: keySpan };
      this.locations.set(pointer, entry);
    } else {
      let list = container.obj[name] as PlainObject[] | PlainObject;
      if (existing === 'block') {
        // The key repeats: the first block becomes item 0.
        list = [list as PlainObject];
        setMember(container.obj, name, list);
        this.moveLocations(pointer, `${pointer}/0`);
        const first = this.locations.get(`${pointer}/0`)!;
        this.locations.set(pointer, { value: first.value, ...(first.key ? { key: first.key } : {}) });
        this.locations.set(`${pointer}/0`, { value: first.value });
      } else if (existing === undefined) {
        list = [];
        setMember(container.obj, name, list);
        this.locations.set(pointer, { value: blockSpan, key: keySpan });
      }
      container.kinds.set(name, 'blocks');
      const items = list as PlainObject[];
      itemPointer = `${pointer}/${items.length}`;
      items.push(inner.obj);
      entry = { value: blockSpan };
      this.locations.set(itemPointer, entry);
    }
    inner.pointer = itemPointer;
    this.body(inner, '}');
    const close = this.advance();
    this.openBlocks.pop();
    Object.assign(entry.value, this.endOf(close.end));
  }

  /** The object a block key or label names, created for labelled blocks. */
  private labelObject(container: Body, token: Token, blockKey: Token): Body {
    const name = token.text;
    const pointer = childPointer(container.pointer, name);
    const existing = container.kinds.get(name);
    if (existing === undefined) {
      const obj: PlainObject = {};
      setMember(container.obj, name, obj);
      container.kinds.set(name, 'labels');
      this.locations.set(pointer, { value: this.span(blockKey.start, token.end), key: this.span(token.start, token.end) });
      const body: Body = { obj, pointer, kinds: new Map() };
      this.labelBodies.set(obj, body);
      return body;
    }
    if (existing === 'labels') return this.labelBodies.get(container.obj[name] as PlainObject)!;
    const first = this.locations.get(pointer)?.key;
    throw this.source.syntaxError(token.start, `${name} is used as a block label here but is already ${existing === 'attribute' ? 'an attribute' : 'a block'}${first ? ` (line ${first.line})` : ''}`, {
      notes: first ? [this.source.note('first set here', first)] : [],
    });
  }

  /** Re-keys the locations of `from` and everything below it to `to`. */
  private moveLocations(from: string, to: string): void {
    const moved: [string, NodeLocation][] = [];
    for (const [p, loc] of this.locations) {
      if (p === from || p.startsWith(from + '/')) moved.push([p, loc]);
    }
    for (const [p] of moved) this.locations.delete(p);
    for (const [p, loc] of moved) this.locations.set(to + p.slice(from.length), loc);
  }

  // --- expressions --------------------------------------------------------

  /** A value; its location is written into `entry` (already in the map under `pointer`). */
  private expression(pointer: string, entry: NodeLocation): unknown {
    const t = this.token;
    const start = t.start;
    const finish = (end: number) => {
      entry.value = this.span(start, end);
    };
    switch (t.kind) {
      case 'string':
      case 'heredoc':
        this.advance();
        finish(t.end);
        return t.text;
      case 'number':
        this.advance();
        finish(t.end);
        return this.number(t.text, false);
      case '-': {
        this.advance();
        const n = this.token;
        if (n.kind !== 'number') throw this.fail(n, `expected a number after '-', found ${describe(n)}`);
        this.advance();
        finish(n.end);
        return this.number(n.text, true);
      }
      case 'ident':
        return this.keyword(t, finish);
      case '[':
        return this.list(pointer, entry);
      case '{':
        return this.object(pointer, entry);
      case 'newline':
      case 'eof':
        throw this.fail(t, 'expected a value after =', 'write a value: a string in double quotes, a number, true/false, null, [ … ] or { … }');
      default:
        throw this.fail(t, `expected a value, found ${describe(t)}`);
    }
  }

  private number(text: string, negative: boolean): number | bigint {
    const literal = negative ? '-' + text : text;
    if (this.bigIntegers && /^-?[0-9]+$/.test(literal)) return BigInt(literal);
    return Number(literal);
  }

  private keyword(t: Token, finish: (end: number) => void): unknown {
    this.advance();
    finish(t.end);
    switch (t.text) {
      case 'true':
        return true;
      case 'false':
        return false;
      case 'null':
        return null;
    }
    const next = this.token;
    if (next.kind === '(') {
      throw this.fail(t, `function calls are not supported: ${t.text}(…)`, 'write the resulting value instead');
    }
    if (next.kind === '.' || next.kind === '[') {
      throw this.fail(t, `references are not supported: ${t.text}${next.kind}…`, 'write the value itself; kd reads plain HCL values only');
    }
    throw this.fail(t, `unexpected ${t.text}: expected a value`, `text must be in double quotes: "${t.text}"`);
  }

  private list(pointer: string, entry: NodeLocation): unknown[] {
    const open = this.advance();
    this.open(open.start, 'list', ']');
    const items: unknown[] = [];
    for (;;) {
      this.skipNewlines();
      if (this.is(']')) break;
      if (this.is('eof')) throw this.unclosedBlock();
      const itemPointer = `${pointer}/${items.length}`;
      const itemEntry: NodeLocation = { value: this.span(this.token.start, this.token.start) };
      this.locations.set(itemPointer, itemEntry);
      items.push(this.expression(itemPointer, itemEntry));
      this.skipNewlines();
      if (this.is(',')) {
        this.advance();
        continue;
      }
      if (this.is(']')) break;
      if (this.is('eof')) throw this.unclosedBlock();
      throw this.fail(this.token, `expected ',' or ']' after a list item, found ${describe(this.token)}`);
    }
    const close = this.advance();
    this.openBlocks.pop();
    entry.value = this.span(open.start, close.end);
    return items;
  }

  private object(pointer: string, entry: NodeLocation): PlainObject {
    const open = this.advance();
    this.open(open.start, 'object', '}');
    const obj: PlainObject = {};
    for (;;) {
      this.skipNewlines();
      if (this.is('}')) break;
      if (this.is('eof')) throw this.unclosedBlock();
      const key = this.token;
      if (key.kind !== 'ident' && key.kind !== 'string' && key.kind !== 'number') {
        throw this.fail(key, `expected a key in the object, found ${describe(key)}`);
      }
      this.advance();
      const sep = this.token;
      if (sep.kind !== '=' && sep.kind !== ':') {
        throw this.fail(sep, `expected '=' or ':' after the key ${key.text}, found ${describe(sep)}`);
      }
      this.advance();
      const name = key.text;
      const memberPointer = childPointer(pointer, name);
      const keySpan = this.span(key.start, key.end);
      if (hasMember(obj, name)) {
        const first = this.locations.get(memberPointer)?.key;
        throw this.source.syntaxError(key.start, `duplicate key "${name}" in the object`, {
          notes: first ? [this.source.note('first set here', first)] : [],
          hint: 'remove one of them',
        });
      }
      const memberEntry: NodeLocation = { value: this.span(this.token.start, this.token.start), key: keySpan };
      this.locations.set(memberPointer, memberEntry);
      setMember(obj, name, this.expression(memberPointer, memberEntry));
      const after = this.token;
      if (after.kind === ',' || after.kind === 'newline') {
        this.advance();
        continue;
      }
      if (after.kind === '}') break;
      if (after.kind === 'eof') throw this.unclosedBlock();
      throw this.fail(after, `expected ',', a line break or '}' after the value of ${name}, found ${describe(after)}`);
    }
    const close = this.advance();
    this.openBlocks.pop();
    entry.value = this.span(open.start, close.end);
    return obj;
  }
}

/** Parses HCL with a location for every node. */
export function parseHcl(text: string, file: string, options: HclParseOptions = {}): ParsedDocument {
  const parser = new HclParser(new SourceText(stripByteOrderMark(text), file), options);
  const value = parser.parse();
  return { value, locations: parser.locations, warnings: [] };
}
