#!/usr/bin/env node
// kd's benchmarks: a list of suites run by one command (`npm run bench`).
//
// usage: node bench/run.mjs [SUITE…] [--duration S] [--warmup S] [--rounds N]
//                           [--connections N] [--tool wrk|autocannon] [--scenario TEXT]
//                           [--json FILE] [--profile DIR]
//
// Suite "toolchain" (bench/toolchain.mjs): `kd check --lint` on a generated
// 1,000-endpoint config against `node -e` doing only JSON.parse of the same
// file, whole processes, interleaved (target ≤ 2×); and `kd render` of a
// template looping over 1,000 endpoints with a sub-template and marshal,
// beside `kd check` of its output.
//
// Suite "gateway": the built gateway (bench/krakend.json) against the thinnest
// Node proxy (bench/thin-proxy.mjs: node:http + undici) and fastify with
// @fastify/http-proxy (bench/fastify-proxy.mjs), on three scenarios: one
// backend proxied, two backends merged with an allow-list and a group, and an
// unknown route. The proxies run pinned to CPU 0, the backend
// (bench/backend.mjs) and the load generator to CPU 1 (taskset); rounds are
// interleaved (every target once per scenario per round, in rotating order)
// and the median of the rounds is reported with the ratios to the targets:
// ≥ 0.9× the thin proxy and ≥ 1.3× fastify in requests per second.
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bench = join(root, 'bench');

const defaults = { duration: 5, warmup: 3, rounds: 5, connections: 50, tool: null, json: null, profile: null, scenario: null };

function parseArgs(argv) {
  const opts = { ...defaults, suites: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => argv[++i];
    if (a === '--duration') opts.duration = Number(value());
    else if (a === '--warmup') opts.warmup = Number(value());
    else if (a === '--rounds') opts.rounds = Number(value());
    else if (a === '--connections') opts.connections = Number(value());
    else if (a === '--tool') opts.tool = value();
    else if (a === '--json') opts.json = value();
    else if (a === '--profile') opts.profile = resolve(value());
    else if (a === '--scenario') opts.scenario = value();
    else if (a === '-h' || a === '--help') {
      process.stdout.write(readUsage());
      process.exit(0);
    } else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else opts.suites.push(a);
  }
  return opts;
}

function readUsage() {
  return 'usage: node bench/run.mjs [SUITE…] [--duration S] [--warmup S] [--rounds N] [--connections N] [--tool wrk|autocannon] [--scenario TEXT] [--json FILE] [--profile DIR]\n';
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function has(command) {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const PINNING = os.cpus().length >= 2 && has('taskset');

/** argv prefixed with taskset for a CPU (when pinning is possible). */
function pinned(cpu, argv) {
  return PINNING ? ['taskset', '-c', String(cpu), ...argv] : argv;
}

/**
 * Starts a process whose output goes to a file in `dir`, not through a pipe:
 * reading a gateway's access log in this process would cost CPU the proxies
 * share. The tail of the file is shown if the process stops on its own.
 */
function start(argv, name, dir) {
  const [cmd, ...args] = argv;
  const logFile = join(dir, `${name.replace(/\W+/g, '-')}.log`);
  const fd = openSync(logFile, 'w');
  const child = spawn(cmd, args, { stdio: ['ignore', fd, fd], cwd: root });
  closeSync(fd);
  const output = () => {
    try {
      return readFileSync(logFile, 'utf8').slice(-4000);
    } catch {
      return '';
    }
  };
  child.on('exit', (code, signal) => {
    if (!child.stopping) process.stderr.write(`bench: ${name} exited (${code ?? signal})\n${output()}\n`);
  });
  return {
    child,
    output,
    stop: () =>
      new Promise((resolve) => {
        child.stopping = true;
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function get(url) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('error', reject);
    req.setTimeout(5000, () => req.destroy(new Error('timeout')));
  });
}

async function waitFor(url, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      await get(url);
      return;
    } catch (e) {
      if (Date.now() > until) throw new Error(`${url} did not come up: ${e.message}`);
      await sleep(100);
    }
  }
}

function parseWrkLatency(text) {
  const m = /^([\d.]+)(us|ms|s)$/.exec(text);
  if (!m) return NaN;
  const v = Number(m[1]);
  return m[2] === 'us' ? v / 1000 : m[2] === 's' ? v * 1000 : v;
}

/** One measurement: requests per second and p99 latency (ms). */
async function load(tool, url, connections, seconds) {
  if (tool === 'wrk') {
    const out = execFileSync(pinned(1, ['wrk'])[0], [...pinned(1, ['wrk']).slice(1), '-t1', `-c${connections}`, `-d${seconds}s`, '--latency', url], { encoding: 'utf8' });
    const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
    const p99 = parseWrkLatency(/\s99%\s+(\S+)/.exec(out)?.[1] ?? '');
    const errors = /Socket errors: (.*)/.exec(out)?.[1] ?? '';
    return { rps, p99, errors };
  }
  const out = execFileSync(pinned(1, [process.execPath])[0], [...pinned(1, [process.execPath]).slice(1), join(bench, 'load.mjs'), url, String(connections), String(seconds)], { encoding: 'utf8' });
  return JSON.parse(out);
}

/** CPU time (user + system, ms) a process has used so far (Linux), or NaN. */
function cpuTimeMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The gateway suite (see the header comment). */
const gatewaySuite = {
  name: 'gateway',
  description: 'built gateway vs thin node:http+undici proxy vs fastify+@fastify/http-proxy',
  async run(opts) {
    const tool = opts.tool ?? (has('wrk') ? 'wrk' : 'autocannon');
    if (!existsSync(join(root, 'build', 'kd.mjs'))) execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
    const dir = mkdtempSync(join(os.tmpdir(), 'kd-bench-'));
    const ports = { backend: 9100, gateway: 9000, thin: 9001, fastify: 9002 };
    const backendUrl = `http://127.0.0.1:${ports.backend}`;
    const processes = [];
    try {
      execFileSync(process.execPath, [join(root, 'build', 'kd.mjs'), 'build', '-c', join(bench, 'krakend.json'), '-o', join(dir, 'dist')], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NO_COLOR: '1' } });
      const gatewayArgs = opts.profile ? ['--cpu-prof', '--cpu-prof-dir', opts.profile] : [];
      processes.push(start(pinned(1, [process.execPath, join(bench, 'backend.mjs'), String(ports.backend)]), 'backend', dir));
      const targets = {
        gateway: start(pinned(0, [process.execPath, ...gatewayArgs, join(dir, 'dist', 'gateway.js'), '-p', String(ports.gateway)]), 'gateway', dir),
        thin: start(pinned(0, [process.execPath, join(bench, 'thin-proxy.mjs'), String(ports.thin), backendUrl]), 'thin proxy', dir),
        fastify: start(pinned(0, [process.execPath, join(bench, 'fastify-proxy.mjs'), String(ports.fastify), backendUrl]), 'fastify', dir),
      };
      processes.push(...Object.values(targets));
      await waitFor(`${backendUrl}/user`);
      for (const name of Object.keys(targets)) await waitFor(`http://127.0.0.1:${ports[name]}/users/1`);

      const scenarios = [
        { name: 'one backend', path: '/users/42', status: 200 },
        { name: 'two backends merged', path: '/profile/42', status: 200 },
        { name: 'unknown route', path: '/nowhere/to/be/found', status: 404 },
      ].filter((s) => opts.scenario === null || s.name.includes(opts.scenario));
      for (const s of scenarios) {
        for (const name of Object.keys(targets)) {
          const r = await get(`http://127.0.0.1:${ports[name]}${s.path}`);
          if (r.status !== s.status) throw new Error(`${name} ${s.path}: status ${r.status}, want ${s.status}: ${r.body}`);
        }
      }
      const canonical = (v) => (Array.isArray(v) ? `[${v.map(canonical).join(',')}]` : v && typeof v === 'object' ? `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}` : JSON.stringify(v));
      const merged = await Promise.all(Object.keys(targets).map((name) => get(`http://127.0.0.1:${ports[name]}/profile/1`).then((r) => canonical(JSON.parse(r.body)))));
      for (const m of merged.slice(1)) if (m !== merged[0]) throw new Error(`the merged responses differ between targets:\n${merged.join('\n')}`);

      process.stdout.write(`tool ${tool}, ${opts.connections} connections, ${opts.duration}s × ${opts.rounds} rounds (warm-up ${opts.warmup}s), ` + `${PINNING ? 'proxies on CPU 0, backend and load on CPU 1' : 'not pinned (taskset or a second CPU missing)'}\n`);
      const names = Object.keys(targets);
      for (const s of scenarios) for (const name of names) await load(tool, `http://127.0.0.1:${ports[name]}${s.path}`, opts.connections, opts.warmup);
      const samples = {};
      for (let round = 0; round < opts.rounds; round++) {
        for (const s of scenarios) {
          const order = names.map((_, i) => names[(i + round) % names.length]);
          for (const name of order) {
            const cpuBefore = cpuTimeMs(targets[name].child.pid);
            const r = await load(tool, `http://127.0.0.1:${ports[name]}${s.path}`, opts.connections, opts.duration);
            // CPU time the proxy spent per request: independent of what else shares the machine
            r.cpuUs = ((cpuTimeMs(targets[name].child.pid) - cpuBefore) * 1000) / (r.rps * opts.duration);
            ((samples[s.name] ??= {})[name] ??= []).push(r);
            process.stdout.write(`  round ${round + 1} ${s.name.padEnd(20)} ${name.padEnd(8)} ${r.rps.toFixed(0).padStart(7)} req/s  p99 ${r.p99.toFixed(2).padStart(7)} ms  ${r.cpuUs.toFixed(0).padStart(4)} µs CPU/req\n`);
          }
        }
      }
      const results = [];
      for (const s of scenarios) {
        const row = { scenario: s.name };
        for (const name of names) {
          row[name] = {
            rps: median(samples[s.name][name].map((r) => r.rps)),
            p99: median(samples[s.name][name].map((r) => r.p99)),
            cpuUs: median(samples[s.name][name].map((r) => r.cpuUs)),
          };
        }
        row.vsThin = row.gateway.rps / row.thin.rps;
        row.vsFastify = row.gateway.rps / row.fastify.rps;
        row.cpuVsThin = row.thin.cpuUs / row.gateway.cpuUs;
        row.cpuVsFastify = row.fastify.cpuUs / row.gateway.cpuUs;
        results.push(row);
      }
      process.stdout.write('\nmedian of rounds        gateway (req/s, p99, CPU)      thin proxy                     fastify                        ×thin   ×fastify  (CPU/req: ×thin ×fastify)\n');
      for (const r of results) {
        const cell = (t) => `${t.rps.toFixed(0).padStart(7)} ${(t.p99.toFixed(2) + ' ms').padStart(10)} ${(t.cpuUs.toFixed(0) + ' µs').padStart(7)}`.padEnd(31);
        process.stdout.write(
          `${r.scenario.padEnd(24)}${cell(r.gateway)}${cell(r.thin)}${cell(r.fastify)}${r.vsThin.toFixed(2).padStart(5)}   ${r.vsFastify.toFixed(2).padStart(5)}     ${r.cpuVsThin.toFixed(2).padStart(5)} ${r.cpuVsFastify.toFixed(2).padStart(5)}\n`,
        );
      }
      const ok = results.every((r) => r.vsThin >= 0.9 && r.vsFastify >= 1.3);
      process.stdout.write(`targets (≥ 0.90× thin, ≥ 1.30× fastify): ${ok ? 'met' : 'NOT met'}\n`);
      return { tool, pinned: PINNING, connections: opts.connections, duration: opts.duration, rounds: opts.rounds, results, targetsMet: ok };
    } finally {
      await Promise.all(processes.map((p) => p.stop()));
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

/** The toolchain suite: kd check --lint vs JSON.parse, and template rendering (bench/toolchain.mjs). */
const toolchainSuite = {
  name: 'toolchain',
  description: 'kd check --lint on 1,000 endpoints vs node JSON.parse; rendering a 1,000-endpoint template tree',
  async run(opts) {
    if (!existsSync(join(root, 'build', 'kd.mjs'))) execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
    const { runToolchainBench } = await import('./toolchain.mjs');
    return runToolchainBench({ runs: Math.max(5, opts.rounds * 3), log: (line) => process.stdout.write(line + '\n') });
  },
};

/** Every suite, in order; other benchmarks are added to this list. */
export const suites = [toolchainSuite, gatewaySuite];

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const chosen = opts.suites.length === 0 ? suites : suites.filter((s) => opts.suites.includes(s.name));
  if (chosen.length === 0) throw new Error(`unknown suite(s): ${opts.suites.join(', ')} (known: ${suites.map((s) => s.name).join(', ')})`);
  const report = { date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, suites: {} };
  for (const suite of chosen) {
    process.stdout.write(`\n== ${suite.name}: ${suite.description}\n`);
    report.suites[suite.name] = await suite.run(opts);
  }
  if (opts.json) writeFileSync(opts.json, JSON.stringify(report, null, 2) + '\n');
}

main().catch((e) => {
  process.stderr.write(`bench: ${e.stack ?? e}\n`);
  process.exit(1);
});
