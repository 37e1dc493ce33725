/**
 * `kd audit` over every configuration the project ships: each fixture named
 * krakend*.{json,yaml,yml,toml} and each example config. The rule ids that
 * fire are kept in a plain-text snapshot a reviewer can read; after adding
 * fixtures, update it with `npx vitest run test/audit -u` and review the diff.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { KD, ROOT } from '../support/cli.ts';

const run = promisify(execFile);

const FIXTURE_NAME = /^krakend[^/]*\.(json|ya?ml|toml|properties|hcl|tmpl|hbs)$/;
const EXAMPLE_NAME = /^krakend[^/]*\.(json|ya?ml|toml|tmpl)$/;

interface Target {
  /** The config as the snapshot names it (plus the flexible-config setup, when any). */
  label: string;
  config: string;
  cwd: string;
  env: Record<string, string>;
}

/**
 * How a config is audited: a template tree runs from its own folder, with
 * its flexible_config*.json (one run per behaviour file) or, for the open
 * flavour, FC_* variables for the settings/templates/partials folders it has.
 */
function targets(config: string): Target[] {
  const dir = dirname(config);
  const behaviour = readdirSync(dir).filter((f) => /^flexible_config.*\.json$/.test(f)).sort();
  const name = relative(ROOT, config).split('\\').join('/');
  if (behaviour.length > 0) {
    return behaviour.map((b) => ({ label: `${name} (FC_CONFIG=${b})`, config: basename(config), cwd: dir, env: { FC_CONFIG: b } }));
  }
  if (/\.(tmpl|hbs)$/.test(config)) {
    const env: Record<string, string> = { FC_ENABLE: '1' };
    for (const [variable, folder] of [['FC_SETTINGS', 'settings'], ['FC_TEMPLATES', 'templates'], ['FC_PARTIALS', 'partials']]) {
      if (existsSync(join(dir, folder!))) env[variable!] = folder!;
    }
    return [{ label: `${name} (${Object.entries(env).map(([k, v]) => `${k}=${v}`).join(' ')})`, config: basename(config), cwd: dir, env }];
  }
  return [{ label: name, config: relative(ROOT, config), cwd: ROOT, env: {} }];
}

function walk(dir: string, keep: RegExp): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return ['node_modules', 'out', 'dist'].includes(e.name) ? [] : walk(path, keep);
    return e.isFile() && keep.test(e.name) ? [path] : [];
  });
}

interface Outcome {
  status: number;
  stdout: string;
  stderr: string;
}

async function audit(target: Target): Promise<Outcome> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...target.env };
  delete env.FORCE_COLOR;
  try {
    const { stdout, stderr } = await run(process.execPath, [KD, 'audit', '-c', target.config, '-o', 'json'], { cwd: target.cwd, env });
    return { status: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { status: typeof err.code === 'number' ? err.code : -1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}

/** One snapshot line: the config, the exit status and the rule ids (or the first error line). */
function describeOutcome(target: Target, outcome: Outcome): string {
  const name = target.label;
  if (outcome.status === 0 || (outcome.status === 1 && outcome.stdout !== '')) {
    const ids = (JSON.parse(outcome.stdout) as { recommendations: { rule: string }[] }).recommendations.map((r) => r.rule);
    return `${name} [exit ${outcome.status}] ${ids.length === 0 ? '(none)' : ids.join(' ')}`;
  }
  const firstError = outcome.stderr.split('\n')[0]!.split(ROOT).join('');
  return `${name} [exit ${outcome.status}] cannot be audited: ${firstError}`;
}

async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  });
  await Promise.all(workers);
  return out;
}

it('audits every fixture and example config', async () => {
  const configs = [...walk(join(ROOT, 'fixtures'), FIXTURE_NAME), ...walk(join(ROOT, 'examples'), EXAMPLE_NAME)].sort();
  expect(configs.length).toBeGreaterThan(0);
  const all = configs.flatMap(targets);
  const outcomes = await mapLimited(all, 8, audit);
  for (const o of outcomes) expect([0, 1]).toContain(o.status);
  const lines = all.map((target, i) => describeOutcome(target, outcomes[i]!));
  const header = [
    '# kd audit -c CONFIG: exit status and the rule ids that fire, in report order.',
    '# Update after adding fixtures: npx vitest run test/audit -u',
    '',
  ];
  await expect(header.concat(lines).join('\n') + '\n').toMatchFileSnapshot('__snapshots__/fixtures.txt');
}, 120_000);
