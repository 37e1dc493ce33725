// The code generator: templates only print values through the safe helpers,
// hostile configuration text comes out as harmless literals, and the
// generated module type-checks under strict TypeScript.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Code, name } from '../../src/codegen/emit.ts';
import { endpointBaseName, rewrittenPattern } from '../../src/codegen/endpoint.ts';
import { commentText, renderTemplate, TEMPLATE_HELPERS } from '../../src/codegen/templates.ts';
import { templatesDir } from '../../src/codegen/paths.ts';
import { ROOT } from '../support/cli.ts';
import { buildConfig, cleanTemp, json, request, runGateway, startBackend, tempDir } from './support.ts';

afterAll(() => cleanTemp());

describe('templates', () => {
  it('print nothing but helper calls and block statements', () => {
    const files = readdirSync(templatesDir()).filter((f) => f.endsWith('.hbs'));
    expect(files.sort()).toEqual(['endpoint.hbs', 'gateway.hbs']);
    for (const file of files) {
      const text = readFileSync(join(templatesDir(), file), 'utf8');
      for (const m of text.matchAll(/\{\{~?\s*([^}]*?)\s*~?\}\}/g)) {
        const inner = m[1]!;
        const allowed = /^[#/](each|if)\b/.test(inner) || inner === 'else' || TEMPLATE_HELPERS.some((h) => inner.startsWith(h + ' '));
        expect(allowed, `${file}: {{${inner}}}`).toBe(true);
      }
    }
  });

  it('refuse raw strings where code or names are expected', () => {
    expect(() => renderTemplate('endpoint', { handler: 'notAName' })).toThrow();
  });

  it('keep comments on one line and closed', () => {
    expect(commentText('a\nb\u2028c */ d')).toBe('a b c *\\/ d');
  });

  it('give endpoints readable names', () => {
    expect(endpointBaseName('GET', '/users/{id}/orders')).toBe('getUsersIdOrders');
    expect(endpointBaseName('DELETE', '/')).toBe('deleteRoot');
    expect(rewrittenPattern('/u/{id}/{resp0_a.b}?x={JWT.sub}')).toBe('/u/{{.Id}}/{{.Resp0_a.b}}?x={{.JWT.sub}}');
    expect(name('getUsers')).toBeInstanceOf(Code);
  });
});

describe('hostile configuration values', () => {
  it('become literals: the gateway builds, serves the odd path and stays up', async () => {
    const backend = await startBackend((req, res) => json(res, { url: req.url }));
    try {
      const hostile = '/a`);process.exit()//';
      const built = buildConfig(
        {
          version: 3,
          endpoints: [
            {
              endpoint: hostile,
              backend: [{ host: [backend.url], url_pattern: '/p*/x', group: 'g\u2028"\\', mapping: { url: "u'${process.exit()}" } }],
            },
          ],
        },
        ['--emit-ts'],
      );
      expect(built.status, built.stderr).toBe(0);
      const source = readFileSync(join(built.dir, 'dist', 'gateway.ts'), 'utf8');
      expect(source).not.toContain('\u2028');
      expect(source).toContain('case "/a`);process.exit()//":');
      expect(source).toContain('"g\\u2028\\"\\\\"');
      expect(source).not.toMatch(/\*\/x\n/);
      const gw = await runGateway(built.file);
      try {
        const r = await request(`${gw.url}/a%60);process.exit()//`);
        expect(r.status).toBe(200);
        // mapping cuts the new name at its first dot, as KrakenD does
        expect(r.body).toBe('{"g\\u2028\\"\\\\":{"u\'${process":"/p*/x"}}');
        expect((await request(`${gw.url}/__health`)).status).toBe(200);
      } finally {
        await gw.stop();
      }
    } finally {
      await backend.close();
    }
  });
});

describe('the generated module', () => {
  it('type-checks under strict TypeScript against the runtime', () => {
    const built = buildConfig(readFileSync(join(ROOT, 'fixtures', 'gateway', 'every-feature.json'), 'utf8'), ['--emit-ts']);
    expect(built.status, built.stderr).toBe(0);
    const dir = tempDir();
    const source = readFileSync(join(built.dir, 'dist', 'gateway.ts'), 'utf8');
    writeFileSync(join(dir, 'gateway.ts'), source);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'ESNext',
          moduleResolution: 'Bundler',
          strict: true,
          noEmit: true,
          allowImportingTsExtensions: true,
          verbatimModuleSyntax: true,
          skipLibCheck: true,
          noFallthroughCasesInSwitch: true,
          types: ['node'],
          typeRoots: [join(ROOT, 'node_modules', '@types')],
          paths: { '@kd/runtime': [join(ROOT, 'src', 'runtime', 'index.ts')] },
        },
        files: ['gateway.ts'],
      }),
    );
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    let output = '';
    try {
      execFileSync(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      output = String((e as { stdout?: string }).stdout ?? e);
    }
    expect(output).toBe('');
    // one function per endpoint, named after it, with the config pointer in a comment
    expect(source).toContain('function getUsersId(x: rt.Exchange): void {');
    expect(source).toContain('// ─── GET /chain/{id} ─── /endpoints/3');
    expect(source).toContain('rt.sequentialParam(r, 1, "account.id", "{{.Resp1_account.id}}")');
  }, 60_000);
});
