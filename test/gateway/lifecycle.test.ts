// The gateway as a program: what `kd build` writes (and refuses to write),
// KRAKEND_* overrides read at start, hostile requests, graceful shutdown of
// `kd run`, and `kd watch` keeping the last good gateway.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KD } from '../support/cli.ts';
import { buildConfig, cleanTemp, eventually, json, rawRequest, request, runGateway, startBackend, tempDir, waitFor, type Backend, type RunningGateway } from './support.ts';

let backend: Backend;

beforeAll(async () => {
  backend = await startBackend((req, res) => {
    if (req.url === '/slow') {
      setTimeout(() => json(res, { slow: true }), 400);
      return;
    }
    json(res, { url: req.url, body: req.body });
  });
});

afterAll(async () => {
  await backend?.close();
  cleanTemp();
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

describe('kd build', () => {
  it('refuses a broken configuration, exits 1 and writes nothing', () => {
    const built = buildConfig('{\n  "version": 3,\n  "endpoints": [\n    { "endpoint": "/a/{id}", "backend": [ { "host": ["http://x:8080"], "url_pattern": "/b/{nope}" } ] }\n  ]\n}\n');
    expect(built.status).toBe(1);
    expect(built.stderr).toContain('krakend.json:4:');
    expect(built.stderr).toContain("undefined output param 'nope'");
    expect(built.stderr).toContain('nothing was written');
    expect(existsSync(join(built.dir, 'dist'))).toBe(false);
    expect(readdirSync(built.dir)).toEqual(['krakend.json']);
  });

  it('prints a summary and keeps gateway.ts with --emit-ts', () => {
    const built = buildConfig({ version: 3, endpoints: [{ endpoint: '/a', backend: [{ host: [backend.url], url_pattern: '/a' }] }] }, ['--emit-ts']);
    expect(built.status, built.stderr).toBe(0);
    expect(built.stderr).toMatch(/^Built dist\/gateway\.js: 1 endpoint, 1 backend, \d+\.\d KiB in \d+ ms\n$/);
    expect(existsSync(join(built.dir, 'dist', 'gateway.ts'))).toBe(true);
    expect(readFileSync(join(built.dir, 'dist', 'gateway.ts'), 'utf8')).toContain("import * as rt from '@kd/runtime';");
  });

  it('reports unsupported components once and builds anyway', () => {
    const built = buildConfig({
      version: 3,
      extra_config: { 'security/http': {} },
      endpoints: [
        { endpoint: '/a', extra_config: { 'qos/ratelimit/router': { max_rate: 1 } }, backend: [{ host: [backend.url], url_pattern: '/a' }] },
        { endpoint: '/b', extra_config: { 'qos/ratelimit/router': { max_rate: 1 } }, backend: [{ host: [backend.url], url_pattern: '/a' }] },
      ],
    });
    expect(built.status, built.stderr).toBe(0);
    expect(built.stderr).toContain('warning: namespace security/http is not supported yet; ignored [build/unsupported]');
    expect(built.stderr).toContain('warning: namespace qos/ratelimit/router is not supported yet; ignored (2 places) [build/unsupported]');
  });

  it('skips the endpoints KrakenD does not register, with a warning', async () => {
    const built = buildConfig({
      version: 3,
      endpoints: [
        { endpoint: '/head', method: 'HEAD', backend: [{ host: [backend.url], url_pattern: '/a' }] },
        { endpoint: '/multi', method: 'POST', backend: [{ host: [backend.url], url_pattern: '/a' }, { host: [backend.url], url_pattern: '/b' }] },
        { endpoint: '/ok', method: 'POST', backend: [{ host: [backend.url], url_pattern: '/a' }] },
      ],
    });
    expect(built.status, built.stderr).toBe(0);
    expect(built.stderr).toContain('POST /multi is ignored, as KrakenD ignores it');
    const gw = await runGateway(built.file);
    try {
      expect((await request(`${gw.url}/multi`, { method: 'POST' })).status).toBe(404);
      expect((await request(`${gw.url}/head`, { method: 'HEAD' })).status).toBe(404);
      expect((await request(`${gw.url}/ok`, { method: 'POST' })).status).toBe(200);
    } finally {
      await gw.stop();
    }
  });

  it('the bundle runs on its own, as CommonJS or inside an ES-module package', async () => {
    const built = buildConfig({ version: 3, endpoints: [{ endpoint: '/a', backend: [{ host: [backend.url], url_pattern: '/x' }] }] });
    expect(built.status, built.stderr).toBe(0);
    const plain = tempDir();
    copyFileSync(built.file, join(plain, 'gateway.js'));
    const esm = tempDir();
    writeFileSync(join(esm, 'package.json'), '{"type":"module"}');
    copyFileSync(built.file, join(esm, 'gateway.js'));
    for (const dir of [plain, esm]) {
      const gw = await runGateway(join(dir, 'gateway.js'));
      expect((await request(`${gw.url}/a`)).body).toBe('{"body":"","url":"/x"}');
      expect(await gw.stop()).toBe(0);
    }
  });
});

describe('overrides at start', () => {
  let file: string;
  beforeAll(() => {
    const built = buildConfig({
      version: 3,
      timeout: '3s',
      extra_config: { router: { return_error_msg: true } },
      endpoints: [
        { endpoint: '/inherits', backend: [{ host: [backend.url], url_pattern: '/slow' }] },
        { endpoint: '/own', timeout: '2s', cache_ttl: '5s', output_encoding: 'json', backend: [{ host: [backend.url], url_pattern: '/slow' }] },
        { endpoint: '/fast', backend: [{ host: [backend.url], url_pattern: '/fast' }] },
      ],
    });
    expect(built.status, built.stderr).toBe(0);
    file = built.file;
  });

  it('KRAKEND_TIMEOUT, KRAKEND_CACHE_TTL and KRAKEND_OUTPUT_ENCODING change inheriting endpoints only', async () => {
    const gw = await runGateway(file, { env: { KRAKEND_TIMEOUT: '100ms', KRAKEND_CACHE_TTL: '30s', KRAKEND_OUTPUT_ENCODING: 'yaml' } });
    try {
      const inherits = await request(`${gw.url}/inherits`);
      expect(inherits.status).toBe(500);
      expect(inherits.body).toBe('context deadline exceeded');
      const own = await request(`${gw.url}/own`);
      expect(own.status).toBe(200);
      expect(own.headers['cache-control']).toBe('public, max-age=5');
      expect(own.headers['content-type']).toBe('application/json; charset=utf-8');
      const fast = await request(`${gw.url}/fast`);
      expect(fast.headers['cache-control']).toBe('public, max-age=30');
      expect(fast.headers['content-type']).toBe('application/yaml; charset=utf-8');
      await waitFor(() => gw.output().includes('environment overrides: KRAKEND_TIMEOUT, KRAKEND_CACHE_TTL, KRAKEND_OUTPUT_ENCODING'));
    } finally {
      await gw.stop();
    }
  });

  it('KRAKEND_PORT and KRAKEND_DEBUG_ENDPOINT', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [file], { env: { ...process.env, KRAKEND_PORT: String(port), KRAKEND_DEBUG_ENDPOINT: 'true' }, stdio: 'ignore' });
    try {
      const body = await eventually(async () => (await request(`http://127.0.0.1:${port}/__debug/x`)).body, 8000);
      expect(body).toBe('{"message":"pong"}');
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('refuses to start with an invalid override', async () => {
    const child = spawn(process.execPath, [file], { env: { ...process.env, KRAKEND_TIMEOUT: 'soon' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(err).toBe('kd gateway: KRAKEND_TIMEOUT: time: invalid duration "soon"\n');
  });
});

describe('hostile requests', () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    const built = buildConfig({
      version: 3,
      read_header_timeout: '300ms',
      max_header_bytes: 4096,
      endpoints: [
        { endpoint: '/a', method: 'POST', backend: [{ host: [backend.url], url_pattern: '/a' }] },
        { endpoint: '/a', backend: [{ host: [backend.url], url_pattern: '/a' }] },
        { endpoint: '/merge', method: 'POST', extra_config: { proxy: { sequential: true } }, backend: [{ host: [backend.url], url_pattern: '/a', method: 'GET' }, { host: [backend.url], url_pattern: '/b' }] },
      ],
    });
    expect(built.status, built.stderr).toBe(0);
    gw = await runGateway(built.file);
  });
  afterAll(async () => {
    await gw?.stop();
  });

  it('answers oversized headers with 431', async () => {
    const out = await rawRequest(gw.port, `GET /a HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(8000)}\r\n\r\n`);
    expect(out).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
  });

  it('drops a connection that sends its headers too slowly', async () => {
    const started = Date.now();
    const out = await rawRequest(gw.port, 'GET /a HTTP/1.1\r\nHost: x\r\nX-Slow: ', 5000);
    expect(Date.now() - started).toBeLessThan(2500);
    expect(out === '' || out.startsWith('HTTP/1.1 408')).toBe(true);
  });

  it('streams a large body to a single backend', async () => {
    const body = 'x'.repeat(5 * 1024 * 1024);
    const r = await request(`${gw.url}/a`, { method: 'POST', body });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).body.length).toBe(body.length);
  });

  it('refuses a body too large to hold for several backends with 413', async () => {
    const out = await rawRequest(gw.port, 'POST /merge HTTP/1.1\r\nHost: x\r\nContent-Length: 70000000\r\n\r\n');
    expect(out).toMatch(/^HTTP\/1\.1 413 Payload Too Large\r\n/);
    expect(out.endsWith('413 Request Entity Too Large')).toBe(true);
  });

  it('answers garbage with 400 and keeps serving', async () => {
    expect(await rawRequest(gw.port, 'NOT HTTP AT ALL\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    const r = await request(`${gw.url}/a`, { method: 'GET', body: 'a body on GET', headers: { 'Content-Type': 'text/plain' } });
    expect(r.status).toBe(200);
    expect(r.body).toBe('{"body":"a body on GET","url":"/a"}');
  });
});

describe('kd run', () => {
  it('stops gracefully on SIGINT: the request in flight completes, then it exits 0', async () => {
    const dir = tempDir();
    const config = join(dir, 'krakend.json');
    writeFileSync(config, JSON.stringify({ version: 3, endpoints: [{ endpoint: '/slow', backend: [{ host: [backend.url], url_pattern: '/slow' }] }] }));
    const port = await freePort();
    const child = spawn(process.execPath, [KD, 'run', '-c', config, '-p', String(port)], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let output = '';
    child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await waitFor(() => output.includes(`Listening on port: ${port}`), 20_000, 'kd run to listen');
    const inFlight = request(`http://127.0.0.1:${port}/slow`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    child.kill('SIGINT');
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(answer.body).toBe('{"slow":true}');
    expect(await exited).toBe(0);
    await expect(request(`http://127.0.0.1:${port}/slow`)).rejects.toThrow(/ECONNREFUSED/);
    expect(output).toContain('SIGINT received: shutting down gracefully');
  });
});

describe('kd watch', () => {
  it('rebuilds on change and keeps the last good gateway when the new config is broken', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'conf'));
    const config = join(dir, 'conf', 'krakend.json');
    const write = (endpoints: string[]) =>
      writeFileSync(config, JSON.stringify({ version: 3, endpoints: endpoints.map((e) => ({ endpoint: e, backend: [{ host: [backend.url], url_pattern: e }] })) }));
    write(['/one']);
    const port = await freePort();
    const child = spawn(process.execPath, [KD, 'watch', '-c', config, '-p', String(port)], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let output = '';
    child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const statusOf = async (path: string) => {
      try {
        return (await request(`http://127.0.0.1:${port}${path}`)).status;
      } catch {
        return 0;
      }
    };
    try {
      await waitFor(() => output.includes(`serving on port ${port}`), 20_000, 'kd watch to serve');
      expect(await statusOf('/one')).toBe(200);

      write(['/one', '/two']);
      await waitFor(() => output.includes(`restarted on port ${port}`), 20_000, 'the restart');
      expect(await statusOf('/two')).toBe(200);

      writeFileSync(config, '{ "version": 3, "endpoints": [ { "endpoint": "/three" ');
      await waitFor(() => output.includes('the last good gateway keeps running'), 20_000, 'the broken build');
      expect(output).toMatch(/krakend\.json:1:\d+: error/);
      expect(await statusOf('/one')).toBe(200);
      expect(await statusOf('/two')).toBe(200);

      write(['/three']);
      await waitFor(() => output.split(`restarted on port ${port}`).length === 3, 20_000, 'the second restart');
      expect(await statusOf('/three')).toBe(200);
      expect(await statusOf('/one')).toBe(404);
    } finally {
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    }
  }, 60_000);
});
