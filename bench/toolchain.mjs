// Toolchain benchmarks, whole processes, interleaved in one run:
//  1. `kd check --lint` on a generated 1,000-endpoint config against `node -e`
//     doing nothing but JSON.parse of the same file (target: ratio <= 2).
//  2. `kd render` of a template tree that loops over 1,000 endpoints with a
//     sub-template and marshal, beside `kd check` of the rendered output.
// Usage: node bench/toolchain.mjs [--runs N]   (default 15 runs of each)
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const KD = join(ROOT, 'build', 'kd.cjs');
const ENDPOINTS = 1000;

function endpoint(i) {
  return {
    endpoint: `/api/v1/resource${i}/{id}`,
    method: i % 3 ? 'GET' : 'POST',
    timeout: '2s',
    input_headers: ['Authorization', 'X-Request-Id'],
    input_query_strings: ['page', 'limit'],
    extra_config: { 'qos/ratelimit/router': { max_rate: 100, client_max_rate: 10, strategy: 'ip' } },
    backend: [
      {
        host: [`http://svc${i % 10}:8080`],
        url_pattern: `/internal/resource${i}/{id}`,
        allow: ['id', 'name', 'items'],
        mapping: { items: 'entries' },
        extra_config: { 'qos/circuit-breaker': { interval: 60, timeout: 10, max_errors: 5 } },
      },
      { host: ['http://meta:8080'], url_pattern: `/meta/${i}`, group: 'meta' },
    ],
  };
}

/** Writes the benchmark inputs into a fresh folder. */
export function prepareInputs() {
  const dir = mkdtempSync(join(tmpdir(), 'kd-bench-'));
  const config = { version: 3, name: 'bench', port: 8080, timeout: '3s', extra_config: { router: { return_error_msg: true } }, endpoints: [] };
  for (let i = 0; i < ENDPOINTS; i++) config.endpoints.push(endpoint(i));
  writeFileSync(join(dir, 'krakend.json'), JSON.stringify(config, null, 2));

  const tree = join(dir, 'tree');
  mkdirSync(join(tree, 'settings'), { recursive: true });
  mkdirSync(join(tree, 'templates'), { recursive: true });
  const list = [];
  for (let i = 0; i < ENDPOINTS; i++) {
    list.push({ path: `/api/v1/resource${i}/{id}`, backend: `/internal/resource${i}/{id}`, host: `http://svc${i % 10}:8080`, allow: ['id', 'name', 'items'] });
  }
  writeFileSync(join(tree, 'settings', 'api.json'), JSON.stringify({ endpoints: list, circuit: { interval: 60, timeout: 10, max_errors: 5 } }));
  writeFileSync(
    join(tree, 'templates', 'endpoint.tmpl'),
    [
      '{',
      '  "endpoint": "{{ .e.path }}",',
      '  "backend": [{',
      '    "host": {{ list .e.host | marshal }},',
      '    "url_pattern": "{{ .e.backend }}",',
      '    "allow": {{ marshal .e.allow }},',
      '    "extra_config": { "qos/circuit-breaker": {{ marshal .circuit }} }',
      '  }]',
      '}',
    ].join('\n'),
  );
  writeFileSync(
    join(tree, 'krakend.tmpl'),
    [
      '{',
      '  "version": 3,',
      '  "name": "rendered bench",',
      '  "endpoints": [',
      '  {{- range $i, $e := .api.endpoints }}{{ if $i }},{{ end }}',
      '  {{ template "endpoint.tmpl" (dict "e" $e "circuit" $.api.circuit) }}',
      '  {{- end }}',
      '  ]',
      '}',
    ].join('\n'),
  );
  return dir;
}

function timeProcess(args, options = {}) {
  const start = process.hrtime.bigint();
  try {
    execFileSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'ignore'], ...options });
  } catch (e) {
    if (!options.allowFailure) throw e;
  }
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Runs the commands interleaved, `runs` times each, and returns their medians in ms. */
function interleaved(commands, runs) {
  const samples = commands.map(() => []);
  for (const c of commands) timeProcess(c.args, c.options); // warm the file cache
  for (let r = 0; r < runs; r++) commands.forEach((c, i) => samples[i].push(timeProcess(c.args, c.options)));
  return samples.map(median);
}

export function runToolchainBench({ runs = 15, log = console.log } = {}) {
  const dir = prepareInputs();
  try {
    const file = join(dir, 'krakend.json');
    const [parse, check] = interleaved(
      [
        { args: ['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`] },
        { args: [KD, 'check', '--lint', '-c', file] },
      ],
      runs,
    );
    log(`kd check --lint, ${ENDPOINTS} endpoints (${runs} runs each, medians)`);
    log(`  node -e JSON.parse          ${parse.toFixed(1)} ms`);
    log(`  kd check --lint             ${check.toFixed(1)} ms`);
    log(`  ratio                       ${(check / parse).toFixed(2)}x   (target <= 2x)`);

    const tree = join(dir, 'tree');
    const env = { ...process.env, FC_ENABLE: '1', FC_SETTINGS: 'settings', FC_TEMPLATES: 'templates', FC_OUT: 'rendered.json' };
    const [render, checkRendered] = interleaved(
      [
        { args: [KD, 'render', '-c', 'krakend.tmpl'], options: { cwd: tree, env } },
        { args: [KD, 'check', '-c', join(tree, 'rendered.json')], options: { cwd: tree } },
      ],
      runs,
    );
    log(`flexible config: 1 base template looping over ${ENDPOINTS} endpoints with a sub-template and marshal`);
    log(`  kd render (whole process)   ${render.toFixed(1)} ms`);
    log(`  kd check of the output      ${checkRendered.toFixed(1)} ms`);
    return { parse, check, ratio: check / parse, render, checkRendered };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--runs');
  runToolchainBench({ runs: i > 0 ? Number(process.argv[i + 1]) : 15 });
}
