import { describe, expect, it } from 'vitest';
import { renderString } from '../../../src/template/go/index.ts';
import { sprigFunctions } from '../../../src/template/sprig/index.ts';
import { allCases } from './cases.ts';
import type { SprigCase } from './cases.ts';

// Deterministic Local zone and a known environment for env/expandenv.
process.env.TZ = 'UTC';
process.env.KD_SPRIG_TEST = 'val';
delete process.env.KD_SPRIG_TEST_UNSET;

const funcs = sprigFunctions();

function run(c: SprigCase): { out?: string; error?: string } {
  try {
    return { out: renderString(c.t, c.d, funcs, 't') };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

describe('sprig function table', () => {
  it('has at least 250 cases', () => {
    expect(Object.values(allCases).flat().length).toBeGreaterThanOrEqual(250);
  });

  for (const [group, cases] of Object.entries(allCases)) {
    describe(group, () => {
      for (const c of cases) {
        it(c.t, () => {
          const r = run(c);
          if (c.err !== undefined) {
            expect(r.out, 'expected an error').toBeUndefined();
            // Go's text: `template: t:1:3: executing "t" at <…>: REASON`.
            expect(r.error?.startsWith('template: t:')).toBe(true);
            expect(r.error?.endsWith(': ' + c.err) ? c.err : r.error).toBe(c.err);
          } else if (c.match !== undefined) {
            expect(r.error).toBeUndefined();
            expect(r.out).toMatch(c.match);
          } else {
            expect(r.error).toBeUndefined();
            expect(r.out).toBe(c.out);
          }
        });
      }
    });
  }
});
