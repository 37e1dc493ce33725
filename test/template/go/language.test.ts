// Runs the case table: every template must render exactly as Go's
// text/template renders it, or fail with exactly Go's error text.
import { describe, expect, it } from 'vitest';
import { TemplateError, TemplateSet } from '../../../src/template/go/index.ts';
import { cases, D } from './cases.ts';
import { testFunctions } from './functions.ts';

function run(c: (typeof cases)[number]): { out?: string; err?: string } {
  const set = new TemplateSet({ funcs: testFunctions, ...(c.missingKey ? { missingKey: c.missingKey } : {}) });
  try {
    set.parse('t', c.t);
    for (const [name, text] of Object.entries(c.subs ?? {})) set.parse(name, text);
    return { out: set.execute('t', c.data === undefined ? D : c.data).text };
  } catch (e) {
    if (e instanceof TemplateError) return { err: e.message };
    throw e;
  }
}

describe('Go text/template semantics', () => {
  it('has a large table', () => {
    expect(cases.length).toBeGreaterThanOrEqual(220);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  for (const c of cases) {
    it(c.name, () => {
      const want = c.err !== undefined ? { err: c.err } : { out: c.out };
      expect(run(c)).toEqual(want);
    });
  }
});
