/**
 * A line-oriented builder for generated functions. It only accepts `Code`
 * (built with the `code` tag or `literal()`), so configuration values can
 * reach the output only as literals.
 */

import { Code, code, name } from '../emit.ts';
import type { Name } from '../emit.ts';

export class Writer {
  private readonly lines: string[] = [];
  private depth: number;

  constructor(depth = 0) {
    this.depth = depth;
  }

  /** One line at the current indentation. */
  line(text: Code): void {
    this.lines.push('  '.repeat(this.depth) + text.text);
  }

  /** A line opening a block (it should end with `{`); the following lines are indented. */
  open(text: Code): void {
    this.line(text);
    this.depth++;
  }

  /** Closes the innermost block. */
  close(text: Code = code`}`): void {
    this.depth--;
    this.line(text);
  }

  /** Appends another writer's lines at the current indentation. */
  append(other: Code): void {
    if (other.text === '') return;
    for (const l of other.text.split('\n')) this.lines.push(l === '' ? '' : '  '.repeat(this.depth) + l);
  }

  toCode(): Code {
    return new Code(this.lines.join('\n'));
  }
}

/** Hands out local identifiers (`v1`, `v2`, …) inside one generated function. */
export class LocalNames {
  private counter = 0;
  next(prefix: string): Name {
    this.counter++;
    return name(`${prefix}${this.counter}`);
  }
}
